package io.vfbridge.virtfusion;

import java.math.BigInteger;
import java.util.List;

import io.vfbridge.virtfusion.model.Backup;
import io.vfbridge.virtfusion.model.DnsService;
import io.vfbridge.virtfusion.model.Hypervisor;
import io.vfbridge.virtfusion.model.HypervisorGroup;
import io.vfbridge.virtfusion.model.HypervisorResources;
import io.vfbridge.virtfusion.model.IpBlock;
import io.vfbridge.virtfusion.model.IpBlockRange;
import io.vfbridge.virtfusion.model.Iso;
import io.vfbridge.virtfusion.model.OsTemplateGroup;
import io.vfbridge.virtfusion.model.Page;
import io.vfbridge.virtfusion.model.PageRequest;
import io.vfbridge.virtfusion.model.QueueItem;
import io.vfbridge.virtfusion.model.ServerPackage;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The catalogue operations: connection test, hypervisors and their groups, IP blocks,
 * backups, DNS, media, packages and the queue.
 */
class VirtFusionClientCatalogOperationsTests extends OperationTestSupport {

	private static final String HYPERVISOR = """
			{"id": 6, "commissioned": 3, "ip": "192.168.4.2", "ipAlt": "123.123.123.121", "hostname": null,
			 "port": 8892, "sshPort": 22, "name": "BHV 1", "maintenance": false, "enabled": true, "nfType": 4,
			 "group": {"id": 2, "name": "Test", "description": null, "default": false, "enabled": true,
			           "distributionType": 13, "created": "2024-10-08T13:23:28+00:00",
			           "updated": "2024-10-08T13:23:42+00:00"},
			 "encryptedToken": "eyJpdiI6ImQ0M1hybkc5bDJaQ2IrakJFUGZ0MEE9PSJ9",
			 "maxServers": 0, "maxCpu": 128, "maxMemory": 29419,
			 "networks": [
			   {"id": 6, "type": "simpleBridge", "bridge": "br0", "primary": true, "default": true,
			    "created": "2024-03-30T09:53:38+00:00", "updated": "2025-01-15T13:31:56+00:00"},
			   {"id": 17, "type": "lvBridgeOVS", "bridge": "bhv1", "primary": false, "default": false,
			    "created": "2024-05-17T11:25:57+00:00", "updated": "2024-05-17T11:25:57+00:00"}],
			 "storage": [], "created": "2024-03-30T09:53:38+00:00", "updated": "2024-12-06T21:25:54+00:00",
			 "futureField": {"added": "in a later VirtFusion"}}
			""";

	private static final String IP_BLOCK = """
			{"id": 5, "type": 6, "name": "V6 For BHV 1,3",
			 "ipv4": {"gateway": null, "netmask": null, "resolvers": {"primary": null, "secondary": null},
			          "total": 0, "usedTotal": 0, "freeTotal": 0},
			 "ipv6": {"gateway": "2001:db8:abcd:12::1",
			          "resolvers": {"primary": "2001:4860:4860::8888", "secondary": "2001:4860:4860::8844"},
			          "subnet": "2001:db8:abcd:12::", "from": 64, "to": 80, "restricted": [],
			          "total": 65535, "generatedTotal": 1100, "usedTotal": 9, "freeTotal": 65526,
			          "freeGenerated": 1091, "blacklistedTotal": 0},
			 "rdnsType": 0, "rdnsZoneId": null, "networkProfile": 0, "routeBlock": null, "dhcp": 1,
			 "enabled": true, "created": "2024-09-19T17:23:05+00:00", "updated": "2024-12-06T21:23:55+00:00"}
			""";

	private static final String PACKAGE = """
			{"id": 3, "name": "BASIC", "description": null, "enabled": true, "memory": 1024,
			 "primaryStorage": 10, "traffic": 20000, "cpuCores": 2, "primaryNetworkSpeedIn": 0,
			 "primaryNetworkSpeedOut": 0, "primaryDiskType": "inherit", "backupPlanId": 0,
			 "primaryStorageReadBytesSec": null, "primaryStorageWriteBytesSec": null,
			 "primaryStorageReadIopsSec": null, "primaryStorageWriteIopsSec": 500,
			 "primaryStorageProfile": 1, "primaryNetworkProfile": 0, "created": "2024-10-12T15:54:54.000000Z"}
			""";

	@Test
	@CoversOperation(VirtFusionOperation.TEST_CONNECTION)
	void testsConnectionAgainstBareEmptyArray() {
		wireMock.stubFor(get(api("/connect")).willReturn(okJson("[]")));

		this.client.testConnection();

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/connect"))).withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.LIST_HYPERVISORS)
	void listsHypervisorsFromFlatPaginatorAndMasksTheirTokens() {
		wireMock.stubFor(get(urlPathEqualTo(api("/compute/hypervisors")))
			.willReturn(okJson(paginator("/compute/hypervisors", 2, 3, 5, 14, HYPERVISOR))));

		Page<Hypervisor> page = this.client.listHypervisors(new PageRequest(2, 5));

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/compute/hypervisors?results=5&page=2"))));
		assertThat(page.currentPage()).isEqualTo(2);
		assertThat(page.lastPage()).isEqualTo(3);
		assertThat(page.perPage()).isEqualTo(5);
		assertThat(page.total()).isEqualTo(14);
		assertThat(page.from()).isEqualTo(6);
		assertThat(page.to()).isEqualTo(10);
		assertThat(page.nextPageUrl()).endsWith("/compute/hypervisors?page=3");
		assertThat(page.prevPageUrl()).endsWith("/compute/hypervisors?page=1");
		assertThat(page.links()).extracting(Page.Link::label).containsExactly("&laquo; Previous", "2", "Next &raquo;");
		assertThat(page.hasNext()).isTrue();
		Hypervisor hypervisor = page.data().get(0);
		assertThat(hypervisor.id()).isEqualTo(6L);
		assertThat(hypervisor.commissioned()).isEqualTo(3);
		assertThat(hypervisor.ipAlt()).isEqualTo("123.123.123.121");
		assertThat(hypervisor.maxMemory()).isEqualTo(29419L);
		assertThat(hypervisor.group().id()).isEqualTo(2L);
		assertThat(hypervisor.group().isDefault()).isFalse();
		assertThat(hypervisor.networks()).extracting(Hypervisor.Network::type)
			.containsExactly("simpleBridge", "lvBridgeOVS");
		assertThat(hypervisor.networks().get(0).isDefault()).isTrue();
		assertThat(hypervisor.encryptedToken()).startsWith("eyJpdiI6");
		assertThat(hypervisor.toString()).doesNotContain("eyJpdiI6").contains("encryptedToken=******");
	}

	@Test
	@CoversOperation(VirtFusionOperation.GET_HYPERVISOR)
	void getsHypervisorFromDataEnvelope() {
		wireMock.stubFor(get(api("/compute/hypervisors/6")).willReturn(okJson("{\"data\": " + HYPERVISOR + "}")));

		Hypervisor hypervisor = this.client.getHypervisor(6);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/compute/hypervisors/6"))));
		assertThat(hypervisor.name()).isEqualTo("BHV 1");
		assertThat(hypervisor.port()).isEqualTo(8892);
		assertThat(hypervisor.maintenance()).isFalse();
		assertThat(hypervisor.group().distributionType()).isEqualTo(13);
	}

	@Test
	@CoversOperation(VirtFusionOperation.LIST_HYPERVISOR_GROUPS)
	void listsHypervisorGroups() {
		String groups = """
				{"id": 1, "name": "Default", "label": null, "description": "Default hypervisor group",
				 "distributionType": 5, "enabled": true, "default": true,
				 "created": "2024-03-12T22:21:32+00:00", "updated": "2024-04-12T20:56:04+00:00"},
				{"id": 2, "name": "Test 1", "label": "EU", "description": null, "distributionType": 13,
				 "enabled": 0, "default": false, "created": "2024-10-08T13:23:28+00:00",
				 "updated": "2024-10-08T13:23:42+00:00"}
				""";
		wireMock.stubFor(get(urlPathEqualTo(api("/compute/hypervisors/groups")))
			.willReturn(okJson(paginator("/compute/hypervisors/groups", 1, 1, 20, 2, groups))));

		Page<HypervisorGroup> page = this.client.listHypervisorGroups(PageRequest.first());

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/compute/hypervisors/groups?results=20&page=1"))));
		assertThat(page.hasNext()).isFalse();
		assertThat(page.nextPageUrl()).isNull();
		assertThat(page.data())
			.extracting(HypervisorGroup::id, HypervisorGroup::label, HypervisorGroup::isDefault,
					HypervisorGroup::enabled)
			.containsExactly(tuple(1L, null, true, true), tuple(2L, "EU", false, false));
	}

	@Test
	@CoversOperation(VirtFusionOperation.GET_HYPERVISOR_GROUP)
	void getsHypervisorGroupIgnoringUnknownFields() {
		wireMock.stubFor(get(api("/compute/hypervisors/groups/1")).willReturn(okJson("""
				{"data": {"id": 1, "name": "Default", "label": null, "description": "Default hypervisor group",
				          "distributionType": 5, "enabled": true, "default": true, "icon": "eu.png",
				          "created": "2024-03-12T22:21:32+00:00", "updated": "2024-04-12T20:56:04+00:00"}}
				""")));

		HypervisorGroup group = this.client.getHypervisorGroup(1);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/compute/hypervisors/groups/1"))));
		assertThat(group).isEqualTo(new HypervisorGroup(1L, "Default", null, "Default hypervisor group", 5, true, true,
				"2024-03-12T22:21:32+00:00", "2024-04-12T20:56:04+00:00"));
	}

	@Test
	@CoversOperation(VirtFusionOperation.LIST_HYPERVISOR_GROUP_RESOURCES)
	void listsGroupResourcesWithNegativeFreeAndBooleanCommissioned() {
		String resources = """
				{"hypervisor": {"id": 13, "name": "Ceph Hypervisor 1", "enabled": true, "prohibit": false,
				                "accept": false, "commissioned": true},
				 "resources": {
				   "servers": {"units": "#", "max": 0, "allocated": 5, "free": -5, "percent": null},
				   "memory": {"units": "MB", "max": 24000, "allocated": 7168, "free": 16832, "percent": 29.9},
				   "cpuCores": {"units": "#", "max": 64, "allocated": 8, "free": 56, "percent": 12.5},
				   "localStorage": {"enabled": 1, "name": "Local (Default mountpoint)", "storageType": 1,
				                    "units": "GB", "max": 100, "allocated": 50, "free": 50, "percent": 50},
				   "otherStorage": [{"id": 1, "name": "Ceph RBD", "enabled": 0, "path": null, "units": "GB",
				                     "storageType": 2, "isDatastore": true, "max": 10000, "allocated": 35,
				                     "free": 9965, "percent": 0.4}],
				   "network": {"total": {"ipv4": {"free": 503}}}}},
				{"hypervisor": {"id": 14, "name": "Ceph Hypervisor 2", "enabled": true, "prohibit": true,
				                "accept": false, "commissioned": true},
				 "resources": {"servers": {"units": "#", "max": 0, "allocated": 0, "free": 0, "percent": null},
				               "otherStorage": [], "network": {"total": {"ipv4": {"free": 0}}}}}
				""";
		wireMock.stubFor(get(urlPathEqualTo(api("/compute/hypervisors/groups/1/resources")))
			.willReturn(okJson(paginator("/compute/hypervisors/groups/1/resources", 1, 1, 20, 2, resources))));

		Page<HypervisorResources> page = this.client.listHypervisorGroupResources(1, PageRequest.first());

		verifyOnlyRequest(
				getRequestedFor(urlEqualTo(api("/compute/hypervisors/groups/1/resources?results=20&page=1"))));
		HypervisorResources first = page.data().get(0);
		assertThat(first.acceptsServers()).isTrue();
		assertThat(first.resources().servers().free()).isEqualTo(-5L);
		assertThat(first.resources().servers().percent()).isNull();
		assertThat(first.resources().memory().percent()).isEqualByComparingTo("29.9");
		assertThat(first.resources().localStorage().enabled()).isTrue();
		assertThat(first.resources().localStorage().storageType()).isEqualTo(1);
		assertThat(first.resources().otherStorage()).singleElement().satisfies((pool) -> {
			assertThat(pool.id()).isEqualTo(1L);
			assertThat(pool.storageType()).isEqualTo(2);
			assertThat(pool.enabled()).isFalse();
			assertThat(pool.free()).isEqualTo(9965L);
		});
		assertThat(first.resources().freeIpv4()).isEqualTo(503L);
		assertThat(page.data().get(1).acceptsServers()).isFalse();
	}

	@Test
	@CoversOperation(VirtFusionOperation.ADD_IP_BLOCK_RANGE)
	void addsIpv4RangeToBlockWithTypeRange() {
		wireMock.stubFor(post(api("/connectivity/ipblocks/1/ipv4")).willReturn(empty(204)));

		this.client.addIpBlockRange(1, new IpBlockRange("192.168.1.2", "192.168.1.10"));

		verifyOnlyRequest(
				postRequestedFor(urlEqualTo(api("/connectivity/ipblocks/1/ipv4"))).withRequestBody(equalToJson("""
						{"type": "range", "start": "192.168.1.2", "end": "192.168.1.10"}
						""")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.LIST_IP_BLOCKS)
	void listsIpBlocksWithIpv6Counts() {
		wireMock.stubFor(get(urlPathEqualTo(api("/connectivity/ipblocks")))
			.willReturn(okJson(paginator("/connectivity/ipblocks", 1, 1, 50, 1, IP_BLOCK))));

		Page<IpBlock> page = this.client.listIpBlocks(new PageRequest(1, 50));

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/connectivity/ipblocks?results=50&page=1"))));
		IpBlock block = page.data().get(0);
		assertThat(block.type()).isEqualTo(6);
		assertThat(block.ipv6().subnet()).isEqualTo("2001:db8:abcd:12::");
		assertThat(block.ipv6().to()).isEqualTo(80);
		assertThat(block.ipv6().freeTotal()).isEqualTo(BigInteger.valueOf(65526));
		assertThat(block.ipv6().resolvers().secondary()).isEqualTo("2001:4860:4860::8844");
		assertThat(block.ipv4().gateway()).isNull();
		assertThat(block.rdnsZoneId()).isNull();
	}

	@Test
	@CoversOperation(VirtFusionOperation.GET_IP_BLOCK)
	void getsIpBlock() {
		wireMock.stubFor(get(api("/connectivity/ipblocks/5")).willReturn(okJson("{\"data\": " + IP_BLOCK + "}")));

		IpBlock block = this.client.getIpBlock(5);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/connectivity/ipblocks/5"))));
		assertThat(block.id()).isEqualTo(5L);
		assertThat(block.name()).isEqualTo("V6 For BHV 1,3");
		assertThat(block.dhcp()).isEqualTo(1);
		assertThat(block.enabled()).isTrue();
	}

	@Test
	@CoversOperation(VirtFusionOperation.LIST_SERVER_BACKUPS)
	void listsServerBackups() {
		wireMock.stubFor(get(api("/backups/server/202")).willReturn(okJson("""
				{"data": [
				  {"id": 42, "serverId": 202, "storage": {"id": 5, "name": "Backup Server 1", "enabled": true},
				   "deleting": false, "restoring": false, "progress": false, "complete": true,
				   "deleteAfter": null, "created": "2022-03-03T20:25:01+00:00",
				   "updated": "2022-03-03T20:26:01+00:00"},
				  {"id": 49, "serverId": 202, "storage": {"id": 5, "name": "Backup Server 1", "enabled": true},
				   "deleting": false, "restoring": false, "progress": true, "complete": false,
				   "deleteAfter": "2022-04-04T20:25:01+00:00", "created": "2022-03-04T20:25:01+00:00",
				   "updated": "2022-03-04T20:26:01+00:00"}]}
				""")));

		List<Backup> backups = this.client.listServerBackups(202);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/backups/server/202"))));
		assertThat(backups).extracting(Backup::id, Backup::complete, Backup::progress, Backup::deleteAfter)
			.containsExactly(tuple(42L, true, false, null), tuple(49L, false, true, "2022-04-04T20:25:01+00:00"));
		assertThat(backups.get(0).storage().name()).isEqualTo("Backup Server 1");
	}

	@Test
	@CoversOperation(VirtFusionOperation.GET_DNS_SERVICE)
	void getsDnsServiceAndMasksItsPassword() {
		wireMock.stubFor(get(api("/dns/services/4")).willReturn(okJson("""
				{"data": {"id": 4, "type": 1, "name": "ClouDNS", "username": "456754",
				          "url": "https://api.cloudns.net", "ip": null, "port": 443,
				          "password": "eyJpdiI6IjVUOU11S09KNmFtNnlqLzRzR0FYd1E9PSJ9", "config": {},
				          "subAccount": false, "capabilities": 1, "enabled": true,
				          "created": "2022-02-11T11:55:49+00:00", "updated": "2022-02-14T22:45:43+00:00"}}
				""")));

		DnsService service = this.client.getDnsService(4);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/dns/services/4"))));
		assertThat(service.name()).isEqualTo("ClouDNS");
		assertThat(service.username()).isEqualTo("456754");
		assertThat(service.port()).isEqualTo(443);
		assertThat(service.config()).isEmpty();
		assertThat(service.capabilities()).isEqualTo(1);
		assertThat(service.password()).startsWith("eyJpdiI6");
		assertThat(service.toString()).doesNotContain("eyJpdiI6").contains("password=******");
	}

	@Test
	@CoversOperation(VirtFusionOperation.GET_ISO)
	void getsIsoWithConfigAsJsonString() {
		wireMock.stubFor(get(api("/media/iso/1")).willReturn(okJson("""
				{"data": {"id": 1, "name": "Deb Arch", "description": null, "arch": 2,
				          "url": "https://cdimage.example.org/debian-12.5.0-arm64-netinst.iso", "filename": "deb-arc",
				          "enabled": true, "config": "[]", "global": true, "download": true, "users": [],
				          "created": "2024-03-13T09:34:54+00:00", "updated": "2024-04-01T20:34:05+00:00"}}
				""")));

		Iso iso = this.client.getIso(1);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/media/iso/1"))));
		assertThat(iso.name()).isEqualTo("Deb Arch");
		assertThat(iso.arch()).isEqualTo(2);
		assertThat(iso.config()).isEqualTo("[]");
		assertThat(iso.global()).isTrue();
		assertThat(iso.users()).isEmpty();
	}

	@Test
	@CoversOperation(VirtFusionOperation.LIST_PACKAGE_TEMPLATES)
	void listsPackageTemplatesGroupedByDistribution() {
		wireMock.stubFor(get(api("/media/templates/fromServerPackageSpec/1")).willReturn(okJson("""
				{"data": [
				  {"name": "Debian", "description": "Debian GNU/Linux", "icon": "debian_logo.png", "id": 1,
				   "templates": [
				     {"id": 8, "name": "Debian", "version": "11 (Bullseye)", "variant": "Minimal", "arch": 1,
				      "description": "Minimal installation", "icon": "debian_logo.png", "eol": false,
				      "eol_date": "2024-03-12 00:00:00", "eol_warning": false, "deploy_type": 1, "vnc": false,
				      "type": "linux"},
				     {"id": 44, "name": "Debian", "version": "12 (Bookworm)", "variant": null, "arch": 2,
				      "description": "Minimal installation", "icon": "debian_logo.png", "eol": true,
				      "eol_date": "2024-04-02 00:00:00", "eol_warning": true, "deploy_type": 1, "vnc": false,
				      "type": "linux"}]},
				  {"name": "Other", "description": "", "icon": "linux_logo.png", "id": 0, "templates": []}]}
				""")));

		List<OsTemplateGroup> groups = this.client.listPackageTemplates(1);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/media/templates/fromServerPackageSpec/1"))));
		assertThat(groups).extracting(OsTemplateGroup::id, OsTemplateGroup::name)
			.containsExactly(tuple(1L, "Debian"), tuple(0L, "Other"));
		assertThat(groups.get(0).templates()).extracting(OsTemplateGroup.Template::displayName)
			.containsExactly("Debian 11 (Bullseye) Minimal", "Debian 12 (Bookworm)");
		OsTemplateGroup.Template bookworm = groups.get(0).templates().get(1);
		assertThat(bookworm.eolDate()).isEqualTo("2024-04-02 00:00:00");
		assertThat(bookworm.eolWarning()).isTrue();
		assertThat(bookworm.deployType()).isEqualTo(1);
	}

	@Test
	@CoversOperation(VirtFusionOperation.LIST_PACKAGES)
	void listsPackagesFromUnpaginatedData() {
		wireMock.stubFor(get(api("/packages")).willReturn(okJson("{\"data\": [" + PACKAGE + "]}")));

		List<ServerPackage> packages = this.client.listPackages();

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/packages"))));
		assertThat(packages).singleElement().satisfies((plan) -> {
			assertThat(plan.name()).isEqualTo("BASIC");
			assertThat(plan.traffic()).isEqualTo(20000L);
			assertThat(plan.primaryStorageReadIopsSec()).isNull();
			assertThat(plan.primaryStorageWriteIopsSec()).isEqualTo(500L);
		});
	}

	@Test
	@CoversOperation(VirtFusionOperation.GET_PACKAGE)
	void getsPackage() {
		wireMock.stubFor(get(api("/packages/3")).willReturn(okJson("{\"data\": " + PACKAGE + "}")));

		ServerPackage plan = this.client.getPackage(3);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/packages/3"))));
		assertThat(plan.id()).isEqualTo(3L);
		assertThat(plan.memory()).isEqualTo(1024L);
		assertThat(plan.cpuCores()).isEqualTo(2);
		assertThat(plan.primaryDiskType()).isEqualTo("inherit");
		assertThat(plan.primaryStorageProfile()).isEqualTo(1);
		assertThat(plan.enabled()).isTrue();
	}

	@Test
	@CoversOperation(VirtFusionOperation.GET_QUEUE_ITEM)
	void getsFinishedQueueItemWithItsSteps() {
		wireMock.stubFor(get(api("/queue/158")).willReturn(okJson("""
				{"data": {"id": 158, "jobId": "852", "job": "App\\\\Jobs\\\\Server\\\\KVM\\\\Build",
				          "hypervisorId": 6, "serverId": 69, "action": "build_server", "queue": "default",
				          "started": "2025-01-15T15:00:26+00:00", "updated": "2025-01-15T15:00:49+00:00",
				          "finished": "2025-01-15T15:00:49+00:00", "failed": false, "progress": 100,
				          "errors": {"exception": {"stringable": false, "errors": [], "type": null, "trace": null,
				                                   "message": null}},
				          "primaryActions": [
				            {"type": "server.get.status", "dataType": "object",
				             "data": {"success": true, "version": "{{VERSION}}", "msg": null},
				             "created": "2025-01-15T15:00:26+00:00", "updated": "2025-01-15T15:00:26+00:00"}],
				          "subActions": []}}
				""")));

		QueueItem item = this.client.getQueueItem(158);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/queue/158"))));
		assertThat(item.jobId()).isEqualTo("852");
		assertThat(item.job()).isEqualTo("App\\Jobs\\Server\\KVM\\Build");
		assertThat(item.action()).isEqualTo("build_server");
		assertThat(item.progress()).isEqualTo(100);
		assertThat(item.isDone()).isTrue();
		assertThat(item.hasFailed()).isFalse();
		assertThat(item.errors().exception().message()).isNull();
		assertThat(item.primaryActions()).singleElement().satisfies((step) -> {
			assertThat(step.type()).isEqualTo("server.get.status");
			assertThat(step.data()).containsEntry("success", true).containsEntry("msg", null);
		});
		assertThat(item.subActions()).isEmpty();
	}

	@Test
	void readsNumericStringsAsNumbers() {
		wireMock.stubFor(get(api("/packages/3"))
			.willReturn(okJson("{\"data\": " + PACKAGE.replace("\"memory\": 1024", "\"memory\": \"2048\"") + "}")));

		assertThat(this.client.getPackage(3).memory()).isEqualTo(2048L);
	}

}
