package io.vfbridge.virtfusion;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import io.vfbridge.virtfusion.model.BuildServerRequest;
import io.vfbridge.virtfusion.model.CpuThrottle;
import io.vfbridge.virtfusion.model.CreateServerRequest;
import io.vfbridge.virtfusion.model.NewTrafficBlock;
import io.vfbridge.virtfusion.model.OsTemplateGroup;
import io.vfbridge.virtfusion.model.PackageChange;
import io.vfbridge.virtfusion.model.PackageChangeOptions;
import io.vfbridge.virtfusion.model.Page;
import io.vfbridge.virtfusion.model.PageRequest;
import io.vfbridge.virtfusion.model.PasswordResetTask;
import io.vfbridge.virtfusion.model.QueueTask;
import io.vfbridge.virtfusion.model.Server;
import io.vfbridge.virtfusion.model.ServerListQuery;
import io.vfbridge.virtfusion.model.ServerPasswordReset;
import io.vfbridge.virtfusion.model.ServerRename;
import io.vfbridge.virtfusion.model.ServerState;
import io.vfbridge.virtfusion.model.ServerSummary;
import io.vfbridge.virtfusion.model.TrafficAllowance;
import io.vfbridge.virtfusion.model.TrafficBlocks;
import io.vfbridge.virtfusion.model.TrafficStatistics;
import io.vfbridge.virtfusion.model.UserServer;
import io.vfbridge.virtfusion.model.VncState;
import io.vfbridge.virtfusion.model.VncToggle;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The server operations: lifecycle, settings, power and traffic.
 */
class VirtFusionClientServerOperationsTests extends OperationTestSupport {

	/**
	 * A server object shaped like VirtFusion's answer to build: {@code %s} are the state
	 * and the remote state.
	 */
	private static final String SERVER = """
			{"id": 69, "ownerId": 3, "hypervisorId": 6, "arch": 1, "name": "server 1", "selfService": 0,
			 "selfServiceSettings": [], "hostname": "server1.domain.com", "commissionStatus": 1,
			 "uuid": "5de5a89b-b707-41bf-a051-7af1a4e67795", "state": "%s", "migratable": true,
			 "timezone": "_default", "migrateLevel": 0, "deleteLevel": 0, "configLevel": 1, "backupLevel": 0,
			 "elevated": false, "elevateId": null, "elevate": false, "destroyable": true, "rebuild": false,
			 "suspended": false, "protected": true, "buildFailed": false, "primaryNetworkDhcp4": false,
			 "primaryNetworkDhcp6": false, "built": "2024-11-29T19:32:17+00:00",
			 "created": "2024-04-11T17:22:19+00:00", "updated": "2025-01-20T13:32:44+00:00",
			 "traffic": {"public": {"countMethod": 1, "currentPeriod": {"start": "2025-01-11T00:00:00.000000Z",
			             "end": "2025-02-10T23:59:59.999999Z", "limit": 200}}},
			 "settings": {"osTemplateInstall": true, "osTemplateInstallId": 1,
			              "encryptedPassword": "eyJpdiI6IjVsdWVBMzNNWnVXZzlYMjhlTUMzSXc9PSJ9",
			              "backupPlan": null, "uefi": false, "uefiType": 0, "cloudInit": true, "cloudInitType": 1,
			              "config": [], "userConfig": [], "bootOrder": ["hd", "cdrom"], "tpmType": 0,
			              "machineType": "inherit", "pciPorts": 16,
			              "hyperv": {"enabled": false, "relaxed": 0},
			              "resources": {"memory": 2048, "storage": 10, "traffic": 200, "cpuCores": 1},
			              "decryptedPassword": "uv1dmfUUaENhNpbrGUwD"},
			 "cpu": {"cores": 1, "type": "inherit", "typeExact": "host-model", "shares": 1024, "throttle": 0,
			         "topology": {"enabled": false, "sockets": 1, "cores": 1, "threads": 1, "dies": 1}},
			 "customXML": {"domain": {"xml": "", "enabled": false}}, "qemuCommandline": [],
			 "qemuAgent": {"os": {"screen": "iVBORw0KGgo="}},
			 "media": {"isoMounted": false, "isoType": "local", "isoName": "", "isoFilename": "", "isoUrl": "",
			           "isoDownload": false},
			 "backupPlan": {"id": null, "name": null},
			 "vnc": {"ip": "192.168.4.2", "port": 5901, "enabled": false},
			 "network": {"interfaces": [
			   {"id": 9, "order": 1, "enabled": true, "tag": 4238114467, "name": "eth0", "type": "public",
			    "driver": 1, "processQueues": null, "mac": "00:C3:BA:23:37:B3", "inTrafficCount": true,
			    "inAverage": 0, "inPeak": 0, "inBurst": 0, "outAverage": 400, "outPeak": 0, "outBurst": 0,
			    "ipFilter": true, "vlans": [], "ipFilterType": "4", "portIsolated": false, "networkProfile": 0,
			    "dhcpV4": 0, "dhcpV6": 0, "firewallEnabled": false, "hypervisorNetwork": 6, "isNat": false,
			    "nat": false, "firewall": [],
			    "hypervisorConnectivity": {"id": 6, "type": "simpleBridge", "bridge": "br0", "mtu": null},
			    "ipWhitelist": [{"id": 1, "type": 4, "ip": "100.100.100.100", "mask": 32}], "actions": [],
			    "ipv4": [{"id": 22, "order": 1, "enabled": true, "blockId": 1, "address": "192.168.4.21",
			              "gateway": "192.168.4.1", "netmask": "255.255.254.0", "resolver1": "8.8.8.8",
			              "resolver2": "8.8.4.4", "rdns": null, "mac": null},
			             {"id": 37, "order": 2, "enabled": true, "blockId": 1, "address": "192.168.4.36",
			              "gateway": "192.168.4.1", "netmask": "255.255.254.0", "resolver1": "8.8.8.8",
			              "resolver2": "8.8.4.4", "rdns": null, "mac": null}],
			    "ipv6": [{"id": 502, "block": {"id": 5, "name": "V6 For BHV 1,3"}, "order": 1, "enabled": true,
			              "addresses": [], "addressesDetailed": [], "subnet": "2001:db8:abcd:12:2::", "cidr": 80,
			              "exhausted": false, "gateway": "2001:db8:abcd:12::1",
			              "resolver1": "2001:4860:4860::8888", "resolver2": "2001:4860:4860::8844",
			              "routeNet": false}]}],
			   "secondaryInterfaces": []},
			 "storage": [{"_id": 11, "id": 1, "cache": null, "bus": null, "capacity": 10, "drive": "a",
			              "iops": {"read": null, "write": null}, "bytes": {"read": null, "write": null},
			              "type": "qcow2", "profile": 0, "status": 3, "enabled": true, "primary": true,
			              "datastore": [], "name": "5de5a89b-b707-41bf-a051-7af1a4e67795_1",
			              "filename": "5de5a89b-b707-41bf-a051-7af1a4e67795_1.img", "local": true,
			              "locationType": "mountpoint", "path": "/home/vf-data/disk"}],
			 "hypervisorAssets": [],
			 "hypervisor": {"id": 6, "ip": "192.168.4.2", "hostname": null, "port": 8892, "maintenance": false,
			                "groupId": 2, "group": {"name": "Test", "icon": null}, "timezone": "Europe/London",
			                "name": "BHV 1", "dataDir": "/home/vf-data"},
			 "owner": {"id": 3, "admin": false, "extRelationId": 1, "name": "jon Doe", "email": "jon@doe.com",
			           "timezone": "Europe/London", "suspended": false, "twoFactorAuth": false,
			           "created": "2025-01-20T12:48:20+00:00", "updated": "2025-01-20T13:00:38+00:00"},
			 "sshKeys": [{"id": 1, "ownerId": 3, "type": "OpenSSH", "name": "Test Key",
			              "public": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk", "enabled": true,
			              "created": "2024-03-13T20:28:32+00:00"}],
			 "sharedUsers": [],
			 "tasks": {"active": true, "lastOn": "2024-11-29 19:32:17", "actions": {"pending": [
			   {"id": 19, "action": "Create HDD (sdb)", "requires": ["boot", "restart"], "collected": false,
			    "complete": false, "failed": false, "payload": {"disk": {"id": 82}},
			    "created": "2025-01-20T14:00:47+00:00"}]}},
			 "remoteState": %s,
			 "introducedInVirtFusion8": {"any": "thing"}}
			""";

	private static String server(String state, String remoteState) {
		return "{\"data\": " + SERVER.formatted(state, remoteState) + "}";
	}

	private static String summaries(int page, int lastPage, long... ids) {
		StringBuilder items = new StringBuilder();
		for (long id : ids) {
			items.append(items.isEmpty() ? "" : ",").append("""
					{"id": %d, "uuid": "uuid-%d", "name": "server %d", "commissioned": 3, "owner": 1,
					 "hypervisorId": 7, "suspended": false, "protected": false,
					 "updated": "2024-04-02T10:15:10+00:00", "created": "2024-03-30T14:41:27+00:00"}
					""".formatted(id, id, id));
		}
		return paginator("/servers", page, lastPage, 2, 5, items.toString());
	}

	@Test
	@CoversOperation(VirtFusionOperation.BOOT_SERVER)
	void bootsServerAndReturnsQueueId() {
		wireMock.stubFor(post(api("/servers/69/power/boot")).willReturn(okJson("{\"data\": {\"queueId\": 171}}")));

		QueueTask task = this.client.bootServer(69);

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/69/power/boot"))).withRequestBody(absent()));
		assertThat(task.queueId()).isEqualTo(171L);
	}

	@Test
	@CoversOperation(VirtFusionOperation.SHUTDOWN_SERVER)
	void shutsServerDownAndReturnsQueueId() {
		wireMock.stubFor(post(api("/servers/69/power/shutdown")).willReturn(okJson("{\"data\": {\"queueId\": 172}}")));

		QueueTask task = this.client.shutdownServer(69);

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/69/power/shutdown"))).withRequestBody(absent()));
		assertThat(task.queueId()).isEqualTo(172L);
	}

	@Test
	@CoversOperation(VirtFusionOperation.RESTART_SERVER)
	void restartsServerAndReturnsQueueId() {
		wireMock.stubFor(post(api("/servers/69/power/restart")).willReturn(okJson("{\"data\": {\"queueId\": 173}}")));

		QueueTask task = this.client.restartServer(69);

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/69/power/restart"))).withRequestBody(absent()));
		assertThat(task.queueId()).isEqualTo(173L);
	}

	@Test
	@CoversOperation(VirtFusionOperation.POWER_OFF_SERVER)
	void powersServerOffAndAcceptsAnEmptyNoContentAnswer() {
		wireMock.stubFor(post(api("/servers/69/power/poweroff")).willReturn(empty(204)));

		QueueTask task = this.client.powerOffServer(69);

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/69/power/poweroff"))).withRequestBody(absent()));
		assertThat(task).isEqualTo(QueueTask.UNTRACKED);
		assertThat(task.queueId()).isNull();
	}

	@Test
	@CoversOperation(VirtFusionOperation.ADD_TRAFFIC_BLOCK)
	void addsTrafficBlockToPeriod() {
		wireMock.stubFor(post(api("/servers/69/traffic/blocks")).willReturn(empty(201)));

		this.client.addTrafficBlock(69, new NewTrafficBlock(2, 100));

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/69/traffic/blocks")))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"month\": 2, \"amount\": 100}")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.REMOVE_TRAFFIC_BLOCK)
	void removesTrafficBlockWithoutBody() {
		wireMock.stubFor(delete(api("/servers/69/traffic/blocks/2")).willReturn(empty(204)));

		this.client.removeTrafficBlock(69, 2);

		verifyOnlyRequest(
				deleteRequestedFor(urlEqualTo(api("/servers/69/traffic/blocks/2"))).withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.LIST_TRAFFIC_BLOCKS)
	void listsTrafficBlocksWithMonthsKeyedByNumber() {
		wireMock.stubFor(get(api("/servers/69/traffic/blocks")).willReturn(
				okJson("""
						{"data": {
						  "assigned": [{"id": 2, "current": false, "month": 2, "traffic": 100,
						                "start": "2025-02-20 00:00:00", "end": "2025-03-19 23:59:59",
						                "added": "2025-01-20T15:08:15.000000Z"}],
						  "available": {"total": 25,
						                "current": {"month": 1, "start": "2025-01-20 00:00:00", "end": "2025-02-19 23:59:59"},
						                "months": {"1": {"month": 1, "start": "2025-01-20 00:00:00", "end": "2025-02-19 23:59:59"},
						                           "2": {"month": 2, "start": "2025-02-20 00:00:00", "end": "2025-03-19 23:59:59"},
						                           "25": {"month": 25, "start": "2027-01-20 00:00:00", "end": "2027-02-19 23:59:59"}}}}}
						""")));

		TrafficBlocks blocks = this.client.listTrafficBlocks(69);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/servers/69/traffic/blocks"))).withRequestBody(absent()));
		assertThat(blocks.assigned()).singleElement().satisfies((block) -> {
			assertThat(block.id()).isEqualTo(2L);
			assertThat(block.current()).isFalse();
			assertThat(block.traffic()).isEqualTo(100L);
			assertThat(block.end()).isEqualTo("2025-03-19 23:59:59");
		});
		assertThat(blocks.available().total()).isEqualTo(25);
		assertThat(blocks.available().current().month()).isEqualTo(1);
		assertThat(blocks.available().months()).containsOnlyKeys("1", "2", "25");
		assertThat(blocks.available().months().get("25").start()).isEqualTo("2027-01-20 00:00:00");
	}

	@Test
	@CoversOperation(VirtFusionOperation.FIND_SERVER)
	void findsServerWithTheFieldsBillingNeeds() {
		wireMock.stubFor(get(urlPathEqualTo(api("/servers/69"))).willReturn(
				okJson(server("complete", "false").replace("\"commissionStatus\": 1", "\"commissionStatus\": 3"))));

		Server server = this.client.findServer(69, false).orElseThrow();

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/servers/69"))));
		assertThat(server.id()).isEqualTo(69L);
		assertThat(server.ownerId()).isEqualTo(3L);
		assertThat(server.state()).isEqualTo(ServerState.COMPLETE);
		assertThat(server.isBuilt()).isTrue();
		assertThat(server.isProtected()).isTrue();
		assertThat(server.uuid()).isEqualTo("5de5a89b-b707-41bf-a051-7af1a4e67795");
		assertThat(server.owner().extRelationId()).isEqualTo(1L);
		assertThat(server.owner().admin()).isFalse();
		assertThat(server.settings().resources().memory()).isEqualTo(2048L);
		assertThat(server.settings().resources().cpuCores()).isEqualTo(1);
		assertThat(server.settings().bootOrder()).containsExactly("hd", "cdrom");
		assertThat(server.traffic().publicTraffic().currentPeriod().limit()).isEqualTo(200L);
		assertThat(server.cpu().topology().sockets()).isEqualTo(1);
		assertThat(server.backupPlan().id()).isNull();
		assertThat(server.vnc().port()).isEqualTo(5901);
		assertThat(server.primaryIpv4()).contains("192.168.4.21");
		Server.NetworkInterface nic = server.network().interfaces().get(0);
		assertThat(nic.tag()).isEqualTo(4238114467L);
		assertThat(nic.isNat()).isFalse();
		assertThat(nic.outAverage()).isEqualTo(400L);
		assertThat(nic.ipWhitelist()).extracting(Server.WhitelistedAddress::ip).containsExactly("100.100.100.100");
		assertThat(nic.ipv4()).extracting(Server.Ipv4Address::address).containsExactly("192.168.4.21", "192.168.4.36");
		assertThat(nic.ipv6()).singleElement().satisfies((subnet) -> {
			assertThat(subnet.subnet()).isEqualTo("2001:db8:abcd:12:2::");
			assertThat(subnet.cidr()).isEqualTo(80);
			assertThat(subnet.block().name()).isEqualTo("V6 For BHV 1,3");
		});
		assertThat(server.network().secondaryInterfaces()).isEmpty();
		assertThat(server.storage()).singleElement().satisfies((disk) -> {
			assertThat(disk.recordId()).isEqualTo(11L);
			assertThat(disk.capacity()).isEqualTo(10L);
			assertThat(disk.primary()).isTrue();
		});
		assertThat(server.hypervisor().groupId()).isEqualTo(2L);
		assertThat(server.sshKeys()).singleElement()
			.satisfies((key) -> assertThat(key.publicKey()).startsWith("ssh-ed25519"));
		assertThat(server.tasks().active()).isTrue();
		assertThat(server.tasks().actions().pending()).extracting(Server.PendingAction::action)
			.containsExactly("Create HDD (sdb)");
		assertThat(server.remoteState()).isEmpty();
	}

	@Test
	void findsServerWithRemoteStateAndUnknownState() {
		wireMock.stubFor(get(urlPathEqualTo(api("/servers/69"))).willReturn(okJson(server("migrating", """
				{"state": "running", "running": true, "cpu": 1.5,
				 "memory": {"actual": 2097152, "unused": 1048576}, "disk": {"vda": {"capacity": 10737418240}}}
				"""))));

		Server server = this.client.findServer(69, true).orElseThrow();

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/servers/69?remoteState=true"))));
		assertThat(server.state()).isEqualTo(ServerState.UNKNOWN);
		assertThat(server.remoteState()).containsEntry("state", "running")
			.containsEntry("running", true)
			.containsKeys("cpu", "memory", "disk");
	}

	@Test
	void findsNoServerOnNotFound() {
		wireMock
			.stubFor(get(urlPathEqualTo(api("/servers/404"))).willReturn(json(404, "{\"msg\": \"server not found\"}")));

		Optional<Server> server = this.client.findServer(404, false);

		assertThat(server).isEmpty();
		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/servers/404"))));
	}

	@Test
	@CoversOperation(VirtFusionOperation.SET_BACKUP_PLAN)
	void removesBackupPlanWithPlanZero() {
		wireMock.stubFor(put(api("/servers/69/backups/plan/0")).willReturn(empty(201)));

		this.client.setBackupPlan(69, 0);

		verifyOnlyRequest(putRequestedFor(urlEqualTo(api("/servers/69/backups/plan/0"))).withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.BUILD_SERVER)
	void buildsServerAndReadsRootPasswordWithoutLoggingIt() {
		wireMock.stubFor(post(api("/servers/69/build")).willReturn(okJson(server("queued", "false"))));

		Server server = this.client.buildServer(69,
				BuildServerRequest.builder(1)
					.name("server 1")
					.hostname("server1.domain.com")
					.sshKeys(List.of(1L, 2L))
					.vnc(false)
					.ipv6(true)
					.email(true)
					.swap("1.5")
					.build());

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/69/build"))).withRequestBody(equalToJson("""
				{"operatingSystemId": 1, "name": "server 1", "hostname": "server1.domain.com", "sshKeys": [1, 2],
				 "vnc": false, "ipv6": true, "email": true, "swap": 1.5}
				""")));
		assertThat(server.state()).isEqualTo(ServerState.QUEUED);
		assertThat(server.commissionStatus()).isEqualTo(1);
		assertThat(server.isBuilt()).isFalse();
		assertThat(server.settings().decryptedPassword()).isEqualTo("uv1dmfUUaENhNpbrGUwD");
		assertThat(server.toString()).doesNotContain("uv1dmfUUaENhNpbrGUwD").doesNotContain("eyJpdiI6");
	}

	@Test
	@CoversOperation(VirtFusionOperation.CHANGE_SERVER_PACKAGE)
	void changesServerPackageAndReadsInfoNotes() {
		wireMock.stubFor(put(api("/servers/69/package/4")).willReturn(okJson("""
				{"info": ["CPU cores not updated. It matches the current value",
				          "primary disk not updated. It either matches or is lower than the current value"]}
				""")));

		PackageChange change = this.client.changeServerPackage(69, 4, PackageChangeOptions.all());

		verifyOnlyRequest(putRequestedFor(urlEqualTo(api("/servers/69/package/4"))).withRequestBody(equalToJson("""
				{"backupPlan": true, "cpu": true, "memory": true, "primaryDiskReadIOPS": true,
				 "primaryDiskReadThroughput": true, "primaryDiskSize": true, "primaryDiskWriteIOPS": true,
				 "primaryDiskWriteThroughput": true, "primaryNetworkInboundSpeed": true,
				 "primaryNetworkOutboundSpeed": true, "primaryNetworkTraffic": true}
				""")));
		assertThat(change.info()).hasSize(2).first().asString().startsWith("CPU cores not updated");
	}

	@Test
	void changesServerPackageWithoutBodyAndAcceptsAnEmptyAnswer() {
		wireMock.stubFor(put(api("/servers/69/package/4")).willReturn(empty(204)));

		PackageChange change = this.client.changeServerPackage(69, 4, null);

		verifyOnlyRequest(putRequestedFor(urlEqualTo(api("/servers/69/package/4"))).withRequestBody(absent()));
		assertThat(change.info()).isEmpty();
	}

	@Test
	@CoversOperation(VirtFusionOperation.CREATE_SERVER)
	void createsServerWithGroupIdAsHypervisorId() {
		wireMock.stubFor(post(urlPathEqualTo(api("/servers"))).willReturn(
				json(201, server("allocated", "false").replace("\"commissionStatus\": 1", "\"commissionStatus\": 0"))));

		Optional<Server> server = this.client.createServer(CreateServerRequest.builder(1, 3, 2)
			.ipv4(1)
			.storage(20)
			.traffic(0)
			.memory(2048)
			.cpuCores(2)
			.networkSpeed(200, 400)
			.firewallRulesets(List.of(-1))
			.additionalStorage1(1, 10)
			.build(), false);

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers"))).withRequestBody(equalToJson("""
				{"packageId": 1, "userId": 3, "hypervisorId": 2, "ipv4": 1, "storage": 20, "traffic": 0,
				 "memory": 2048, "cpuCores": 2, "networkSpeedInbound": 200, "networkSpeedOutbound": 400,
				 "firewallRulesets": [-1], "additionalStorage1Enable": true, "additionalStorage1Profile": 1,
				 "additionalStorage1Capacity": 10}
				""")));
		assertThat(server).hasValueSatisfying((created) -> {
			assertThat(created.id()).isEqualTo(69L);
			assertThat(created.state()).isEqualTo(ServerState.ALLOCATED);
			assertThat(created.commissionStatus()).isZero();
			assertThat(created.primaryIpv4()).contains("192.168.4.21");
		});
	}

	@Test
	void dryRunsServerCreationWithQueryFlagAndEmptyAnswer() {
		wireMock.stubFor(post(urlPathEqualTo(api("/servers"))).willReturn(empty(200)));

		Optional<Server> server = this.client.createServer(CreateServerRequest.builder(1, 3, 2).build(), true);

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers?dryRun=true")))
			.withRequestBody(equalToJson("{\"packageId\": 1, \"userId\": 3, \"hypervisorId\": 2}")));
		assertThat(server).isEmpty();
	}

	@Test
	@CoversOperation(VirtFusionOperation.DELETE_SERVER)
	void deletesServerAfterDelay() {
		wireMock.stubFor(delete(urlPathEqualTo(api("/servers/69"))).willReturn(empty(204)));

		this.client.deleteServer(69, 5);

		verifyOnlyRequest(deleteRequestedFor(urlEqualTo(api("/servers/69?delay=5"))).withRequestBody(absent()));
	}

	@Test
	void deletesServerWithoutDelayParameterWhenNoneIsGiven() {
		wireMock.stubFor(delete(urlPathEqualTo(api("/servers/69"))).willReturn(empty(204)));

		this.client.deleteServer(69, null);

		verifyOnlyRequest(deleteRequestedFor(urlEqualTo(api("/servers/69"))));
	}

	@Test
	void rejectsDeletionDelayBeyondAMonth() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.deleteServer(69, 43_801))
			.withMessageContaining("43800");
		assertThat(wireMock.getAllServeEvents()).isEmpty();
	}

	@Test
	@CoversOperation(VirtFusionOperation.LIST_SERVERS)
	void listsServersOnHypervisorsWithRepeatedArrayParameter() {
		wireMock.stubFor(get(urlPathEqualTo(api("/servers"))).willReturn(okJson(summaries(1, 3, 5, 8))));

		Page<ServerSummary> page = this.client.listServers(ServerListQuery.onHypervisors(6L, 7L),
				new PageRequest(1, 2));

		verifyOnlyRequest(getRequestedFor(
				urlEqualTo(api("/servers?hypervisorId%5B%5D=6&hypervisorId%5B%5D=7&results=2&page=1"))));
		assertThat(page.data()).extracting(ServerSummary::id, ServerSummary::ownerId, ServerSummary::commissioned)
			.containsExactly(tuple(5L, 1L, 3), tuple(8L, 1L, 3));
		assertThat(page.total()).isEqualTo(5);
		assertThat(page.hasNext()).isTrue();
	}

	@Test
	void collectsAllServersAcrossThreePages() {
		wireMock.stubFor(get(urlPathEqualTo(api("/servers"))).withQueryParam("page", equalTo("1"))
			.willReturn(okJson(summaries(1, 3, 1, 2))));
		wireMock.stubFor(get(urlPathEqualTo(api("/servers"))).withQueryParam("page", equalTo("2"))
			.willReturn(okJson(summaries(2, 3, 3, 4))));
		wireMock.stubFor(get(urlPathEqualTo(api("/servers"))).withQueryParam("page", equalTo("3"))
			.willReturn(okJson(summaries(3, 3, 5))));

		List<ServerSummary> servers = Page
			.collectAll((number) -> this.client.listServers(ServerListQuery.all(), new PageRequest(number, 2)));

		assertThat(servers).extracting(ServerSummary::id).containsExactly(1L, 2L, 3L, 4L, 5L);
		for (int number = 1; number <= 3; number++) {
			wireMock.verify(1, getRequestedFor(urlEqualTo(api("/servers?results=2&page=" + number))));
		}
		assertThat(wireMock.getAllServeEvents()).hasSize(3);
	}

	@Test
	@CoversOperation(VirtFusionOperation.MODIFY_SERVER_NAME)
	void renamesServer() {
		wireMock.stubFor(put(api("/servers/69/modify/name")).willReturn(empty(201)));

		this.client.modifyServerName(69, new ServerRename("Server 1"));

		verifyOnlyRequest(putRequestedFor(urlEqualTo(api("/servers/69/modify/name")))
			.withRequestBody(equalToJson("{\"name\": \"Server 1\"}")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.RESET_SERVER_PASSWORD)
	void resetsRootPasswordAndMasksTheExpectedPassword() {
		wireMock.stubFor(post(api("/servers/69/resetPassword"))
			.willReturn(okJson("{\"data\": {\"queueId\": 176, \"expectedPassword\": \"l1LMzm2JGhWYdjjn8JkC\"}}")));

		PasswordResetTask task = this.client.resetServerPassword(69, ServerPasswordReset.rootWithoutMail());

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/69/resetPassword")))
			.withRequestBody(equalToJson("{\"user\": \"root\", \"sendMail\": false}")));
		assertThat(task.queueId()).isEqualTo(176L);
		assertThat(task.expectedPassword()).isEqualTo("l1LMzm2JGhWYdjjn8JkC");
		assertThat(task.toString()).doesNotContain("l1LMzm2JGhWYdjjn8JkC");
	}

	@Test
	@CoversOperation(VirtFusionOperation.LIST_USER_SERVERS)
	void listsUserServersWithSnakeCaseKeysAndNumericFlags() {
		wireMock.stubFor(get(api("/servers/user/3")).willReturn(okJson("""
				{"data": [{"id": 9, "ownerId": 3, "hypervisorId": 6, "name": "server 1",
				  "hostname": "server1.domain.com", "commissionStatus": 2,
				  "uuid": "5de5a89b-b707-41bf-a051-7af1a4e67795", "state": "failed", "rebuild": false,
				  "suspended": false, "protected": false, "buildFailed": false, "backup_level": 0,
				  "backup_plan": null, "os": {"screen": "iVBORw0KGgo="},
				  "server_info": {"show": false, "icon": null, "name": null, "label": null},
				  "vnc": {"expose_details": true, "ip": "192.168.4.2", "hostname": null, "port": 5901, "enabled": 0},
				  "resources": {"memory": 2048, "storage": 10, "traffic": 200, "cpuCores": 1, "cpu_model": null},
				  "network": {"interfaces": [{"order": 1, "enabled": true, "tag": 4238114467, "name": "eth0",
				    "mac": "00:C3:BA:23:37:B3", "inAverage": 0, "inPeak": 0, "inBurst": 0, "outAverage": 0,
				    "outPeak": 0, "outBurst": 0, "isNat": false,
				    "ipv4": [{"order": 1, "enabled": true, "address": "192.168.4.21", "gateway": "192.168.4.1",
				              "netmask": "255.255.254.0", "resolver1": "8.8.8.8", "resolver2": "8.8.4.4"}],
				    "ipv6": []}]},
				  "config": {"uefi": false, "bootOrder": ["hd", "cdrom"]},
				  "media": {"isoMounted": false, "isoName": ""}}]}
				""")));

		List<UserServer> servers = this.client.listUserServers(3);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/servers/user/3"))));
		assertThat(servers).singleElement().satisfies((server) -> {
			assertThat(server.state()).isEqualTo(ServerState.FAILED);
			assertThat(server.commissionStatus()).isEqualTo(2);
			assertThat(server.isBuilt()).isFalse();
			assertThat(server.backupLevel()).isZero();
			assertThat(server.serverInfo().show()).isFalse();
			assertThat(server.vnc().enabled()).isFalse();
			assertThat(server.vnc().exposeDetails()).isTrue();
			assertThat(server.resources().memory()).isEqualTo(2048L);
			assertThat(server.network().interfaces().get(0).ipv4()).extracting(Server.Ipv4Address::address)
				.containsExactly("192.168.4.21");
			assertThat(server.config().bootOrder()).containsExactly("hd", "cdrom");
			assertThat(server.media().isoMounted()).isFalse();
		});
	}

	@Test
	@CoversOperation(VirtFusionOperation.LIST_SERVER_TEMPLATES)
	void listsServerTemplates() {
		wireMock.stubFor(get(api("/servers/69/templates")).willReturn(okJson("""
				{"data": [{"name": "FreeBSD", "description": "FreeBSD", "icon": "freebsd_logo.png", "id": 7,
				  "templates": [{"id": 55, "name": "FreeBSD", "version": "14.2", "variant": "Minimal", "arch": 1,
				                 "description": "Minimal installation with limited packages.",
				                 "icon": "freebsd_logo.png", "eol": false, "eol_date": "2024-10-20 00:00:00",
				                 "eol_warning": false, "deploy_type": 1, "vnc": true, "type": "unix"}]}]}
				""")));

		List<OsTemplateGroup> groups = this.client.listServerTemplates(69);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/servers/69/templates"))));
		assertThat(groups).singleElement().satisfies((group) -> {
			assertThat(group.id()).isEqualTo(7L);
			assertThat(group.templates()).singleElement().satisfies((template) -> {
				assertThat(template.id()).isEqualTo(55L);
				assertThat(template.type()).isEqualTo("unix");
				assertThat(template.vnc()).isTrue();
				assertThat(template.displayName()).isEqualTo("FreeBSD 14.2 Minimal");
			});
		});
	}

	@Test
	@CoversOperation(VirtFusionOperation.SUSPEND_SERVER)
	void suspendsServer() {
		wireMock.stubFor(post(api("/servers/69/suspend")).willReturn(empty(204)));

		this.client.suspendServer(69);

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/69/suspend"))).withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.THROTTLE_SERVER_CPU)
	void throttlesServerCpuAndSyncsAtOnce() {
		wireMock.stubFor(put(urlPathEqualTo(api("/servers/69/modify/cpuThrottle"))).willReturn(empty(201)));

		this.client.throttleServerCpu(69, new CpuThrottle(50), true);

		verifyOnlyRequest(putRequestedFor(urlEqualTo(api("/servers/69/modify/cpuThrottle?sync=true")))
			.withRequestBody(equalToJson("{\"percent\": 50}")));
	}

	@Test
	void rejectsCpuThrottleOfAHundredPercent() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CpuThrottle(100)).withMessageContaining("0 and 99");
	}

	@Test
	@CoversOperation(VirtFusionOperation.GET_SERVER_TRAFFIC)
	void getsServerTrafficNewestPeriodFirst() {
		wireMock.stubFor(get(api("/servers/69/traffic")).willReturn(okJson("""
				{"data": {"monthly": [
				  {"month": 2, "start": "2025-01-06 00:00:00", "end": "2025-02-05 23:59:59", "rx": 1847110337,
				   "tx": 1270421, "total": 1848380758, "limit": 20000, "blocks": [{"id": 2, "traffic": 100}]},
				  {"month": 1, "start": "2024-12-06 00:00:00", "end": "2025-01-05 23:59:59", "rx": 5650592916,
				   "tx": 42336801, "total": 5692929717, "limit": 20000, "blocks": []}]}}
				""")));

		TrafficStatistics traffic = this.client.getServerTraffic(69);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/servers/69/traffic"))));
		assertThat(traffic.monthly()).extracting(TrafficStatistics.Month::month, TrafficStatistics.Month::total)
			.containsExactly(tuple(2, 1848380758L), tuple(1, 5692929717L));
		assertThat(traffic.monthly().get(0).blocks()).extracting(TrafficStatistics.Block::traffic)
			.containsExactly(100L);
		assertThat(traffic.monthly().get(0).limit()).isEqualTo(20000L);
	}

	@Test
	@CoversOperation(VirtFusionOperation.UNSUSPEND_SERVER)
	void unsuspendsServer() {
		wireMock.stubFor(post(api("/servers/69/unsuspend")).willReturn(empty(204)));

		this.client.unsuspendServer(69);

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/69/unsuspend"))).withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.SET_SERVER_VNC)
	void enablesVncAndMasksItsSecrets() {
		wireMock.stubFor(post(api("/servers/69/vnc")).willReturn(okJson("""
				{"data": {"vnc": {"ip": "192.168.4.2", "hostname": null, "port": 5903, "password": "ZNYonJeU",
				                  "wss": {"token": "69316231-d34a-4d36-b754-ffd3253df96d",
				                          "url": "/vnc/?token=69316231-d34a-4d36-b754-ffd3253df96d"},
				                  "enabled": false},
				          "queueId": null}}
				""")));

		VncState state = this.client.setServerVnc(69, VncToggle.enable());

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/69/vnc")))
			.withRequestBody(equalToJson("{\"action\": \"enable\"}")));
		assertThat(state.queueId()).isNull();
		assertThat(state.vnc().port()).isEqualTo(5903);
		assertThat(state.vnc().password()).isEqualTo("ZNYonJeU");
		assertThat(state.vnc().wss().url()).startsWith("/vnc/?token=");
		assertThat(state.toString()).doesNotContain("ZNYonJeU").doesNotContain("69316231");
	}

	@Test
	@CoversOperation(VirtFusionOperation.CHANGE_SERVER_OWNER)
	void changesServerOwnerToInternalUserId() {
		wireMock.stubFor(put(api("/servers/9/owner/3")).willReturn(empty(201)));

		this.client.changeServerOwner(9, 3);

		verifyOnlyRequest(putRequestedFor(urlEqualTo(api("/servers/9/owner/3"))).withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.MODIFY_SERVER_TRAFFIC)
	void modifiesTrafficAllowanceAsInteger() {
		wireMock.stubFor(put(api("/servers/69/modify/traffic")).willReturn(empty(201)));

		this.client.modifyServerTraffic(69, new TrafficAllowance(1000));

		verifyOnlyRequest(putRequestedFor(urlEqualTo(api("/servers/69/modify/traffic")))
			.withRequestBody(equalToJson("{\"traffic\": 1000}")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.MODIFY_SERVER_MEMORY)
	void modifiesMemoryInMegabytes() {
		wireMock.stubFor(put(api("/servers/69/modify/memory")).willReturn(empty(201)));

		this.client.modifyServerMemory(69, 2048);

		verifyOnlyRequest(putRequestedFor(urlEqualTo(api("/servers/69/modify/memory")))
			.withRequestBody(equalToJson("{\"memory\": 2048}")));
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.modifyServerMemory(69, 128));
	}

	@Test
	@CoversOperation(VirtFusionOperation.MODIFY_SERVER_CPU_CORES)
	void modifiesCpuCoresWithTheDocumentedCoresField() {
		wireMock.stubFor(put(api("/servers/69/modify/cpuCores")).willReturn(empty(201)));

		this.client.modifyServerCpuCores(69, 4);

		verifyOnlyRequest(putRequestedFor(urlEqualTo(api("/servers/69/modify/cpuCores")))
			.withRequestBody(equalToJson("{\"cores\": 4}")));
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.modifyServerCpuCores(69, 0));
	}

	@Test
	void rejectsSwapSizeVirtFusionDoesNotOffer() {
		assertThatIllegalArgumentException().isThrownBy(() -> BuildServerRequest.builder(1).swap("7").build())
			.withMessageContaining("swap");
		assertThat(BuildServerRequest.builder(1).swap("512").build().swap()).isEqualByComparingTo(new BigDecimal(512));
	}

}
