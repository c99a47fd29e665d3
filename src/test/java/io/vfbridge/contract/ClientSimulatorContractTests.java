package io.vfbridge.contract;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vfbridge.virtfusion.VirtFusionApiException;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.Backup;
import io.vfbridge.virtfusion.model.BuildServerRequest;
import io.vfbridge.virtfusion.model.CpuThrottle;
import io.vfbridge.virtfusion.model.CreateServerRequest;
import io.vfbridge.virtfusion.model.CreateUserRequest;
import io.vfbridge.virtfusion.model.CreditGrant;
import io.vfbridge.virtfusion.model.Currency;
import io.vfbridge.virtfusion.model.DnsService;
import io.vfbridge.virtfusion.model.ExtRelationId;
import io.vfbridge.virtfusion.model.FirewallRulesets;
import io.vfbridge.virtfusion.model.HourlyResourcePack;
import io.vfbridge.virtfusion.model.HourlyStats;
import io.vfbridge.virtfusion.model.Hypervisor;
import io.vfbridge.virtfusion.model.HypervisorGroup;
import io.vfbridge.virtfusion.model.HypervisorResources;
import io.vfbridge.virtfusion.model.IpBlock;
import io.vfbridge.virtfusion.model.IpBlockRange;
import io.vfbridge.virtfusion.model.Ipv4Addresses;
import io.vfbridge.virtfusion.model.Ipv4Quantity;
import io.vfbridge.virtfusion.model.Ipv4Removal;
import io.vfbridge.virtfusion.model.Iso;
import io.vfbridge.virtfusion.model.LoginTokens;
import io.vfbridge.virtfusion.model.ModifyUserRequest;
import io.vfbridge.virtfusion.model.NewSshKey;
import io.vfbridge.virtfusion.model.NewTrafficBlock;
import io.vfbridge.virtfusion.model.OsTemplateGroup;
import io.vfbridge.virtfusion.model.PackageChange;
import io.vfbridge.virtfusion.model.PackageChangeOptions;
import io.vfbridge.virtfusion.model.Page;
import io.vfbridge.virtfusion.model.PageRequest;
import io.vfbridge.virtfusion.model.PasswordResetTask;
import io.vfbridge.virtfusion.model.ProfileAssignment;
import io.vfbridge.virtfusion.model.QueueTask;
import io.vfbridge.virtfusion.model.Report;
import io.vfbridge.virtfusion.model.ResourcePack;
import io.vfbridge.virtfusion.model.ResourcePackAssignment;
import io.vfbridge.virtfusion.model.ResourcePackState;
import io.vfbridge.virtfusion.model.SelfServiceAccess;
import io.vfbridge.virtfusion.model.Server;
import io.vfbridge.virtfusion.model.ServerInterface;
import io.vfbridge.virtfusion.model.ServerListQuery;
import io.vfbridge.virtfusion.model.ServerPackage;
import io.vfbridge.virtfusion.model.ServerPasswordReset;
import io.vfbridge.virtfusion.model.ServerRename;
import io.vfbridge.virtfusion.model.ServerState;
import io.vfbridge.virtfusion.model.ServerSummary;
import io.vfbridge.virtfusion.model.SshKey;
import io.vfbridge.virtfusion.model.TrafficAllowance;
import io.vfbridge.virtfusion.model.TrafficBlocks;
import io.vfbridge.virtfusion.model.TrafficStatistics;
import io.vfbridge.virtfusion.model.Usage;
import io.vfbridge.virtfusion.model.UsageRange;
import io.vfbridge.virtfusion.model.User;
import io.vfbridge.virtfusion.model.UserCredentials;
import io.vfbridge.virtfusion.model.UserServer;
import io.vfbridge.virtfusion.model.VncState;
import io.vfbridge.virtfusion.model.VncToggle;
import io.vfbridge.virtfusion.model.WhitelistEntry;
import io.vfbridge.virtfusion.model.WhitelistRemoval;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract between the typed client and the simulator: every operation of
 * {@link VirtFusionOperation} driven through a real {@link VirtFusionClient} over HTTP
 * against the standalone simulator, asserting the state it changes or the data it
 * returns. The two share no types, so a field the client maps under the wrong name or
 * shape shows here as a missing value.
 *
 * <p>
 * Three checks keep the suite honest: each test names the operations it drives with
 * {@link Exercises}, and after each test every named operation must have had a successful
 * attempt (the client's {@code vfbridge.virtfusion.calls} timer, tag
 * {@code outcome=success}); the markers together must name all operations; and the last
 * test, once every other test of the class has run in whatever order, requires a
 * successful attempt of every operation in the registry the whole class shares. Besides,
 * every field the simulator sends in a shape the client's model does not expect (which
 * the client reads as null and logs at DEBUG) fails the test that received it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientSimulatorContractTests extends ContractSimulator {

	private static final List<String> SHAPE_LOGGERS = List.of("io.vfbridge.virtfusion.ShapeMismatchHandler",
			"io.vfbridge.virtfusion.LenientScalars");

	private static final String PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl contract@test";

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ListAppender<ILoggingEvent> shapeLog = new ListAppender<>();

	private final Map<String, Level> shapeLevels = new java.util.HashMap<>();

	private final Set<String> ran = new HashSet<>();

	private final AtomicLong sequence = new AtomicLong(1000);

	private Map<VirtFusionOperation, Long> successesBefore;

	private SimulatorHarness sim;

	private VirtFusionClient client;

	@BeforeAll
	void watchShapeMismatches() {
		this.shapeLog.start();
		for (String name : SHAPE_LOGGERS) {
			Logger logger = (Logger) LoggerFactory.getLogger(name);
			this.shapeLevels.put(name, logger.getLevel());
			logger.setLevel(Level.DEBUG);
			logger.addAppender(this.shapeLog);
		}
	}

	@AfterAll
	void stopWatchingShapeMismatches() {
		for (String name : SHAPE_LOGGERS) {
			Logger logger = (Logger) LoggerFactory.getLogger(name);
			logger.detachAppender(this.shapeLog);
			logger.setLevel(this.shapeLevels.get(name));
		}
		this.shapeLog.stop();
	}

	@BeforeEach
	void startFromTheSeed() {
		this.clock.reset();
		this.sim = harness();
		this.sim.reset();
		if (this.client == null) {
			this.client = client(this.meters, TOKEN, Duration.ofSeconds(5), 3);
		}
		this.successesBefore = successes();
		synchronized (this.shapeLog) {
			this.shapeLog.list.clear();
		}
	}

	@AfterEach
	void checkTheMarkerAndTheShapes(TestInfo test) {
		this.clock.reset();
		String method = test.getTestMethod().orElseThrow().getName();
		this.ran.add(method);
		Exercises exercises = test.getTestMethod().orElseThrow().getAnnotation(Exercises.class);
		if (exercises != null) {
			Map<VirtFusionOperation, Long> after = successes();
			assertThat(Arrays.stream(exercises.value())
				.filter((operation) -> after.get(operation) <= this.successesBefore.get(operation))
				.toList()).as("operations @Exercises names without a successful call in " + method).isEmpty();
		}
		List<String> mismatches;
		synchronized (this.shapeLog) {
			mismatches = this.shapeLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		}
		assertThat(mismatches).as("fields the simulator sent in a shape the client's model does not expect").isEmpty();
	}

	// ------------------------------------------------------------------ General,
	// catalogue

	@Test
	@Exercises(VirtFusionOperation.TEST_CONNECTION)
	void connectsWithTheTokenAndIsRefusedWithAnother() {
		this.client.testConnection();

		VirtFusionClient stranger = client(new SimpleMeterRegistry(), "not-the-token", Duration.ofSeconds(5), 1);
		assertThatExceptionOfType(VirtFusionApiException.class).isThrownBy(stranger::testConnection)
			.satisfies((ex) -> assertThat(ex.isAuthenticationFailure()).isTrue());
		assertThat(this.sim.calls("GET /connect", 200)).isEqualTo(1);
		assertThat(this.sim.calls("GET /connect", 401)).isEqualTo(1);
	}

	@Test
	@Exercises({ VirtFusionOperation.LIST_HYPERVISORS, VirtFusionOperation.GET_HYPERVISOR })
	void listsHypervisorsPageByPageAndGetsOne() {
		Page<Hypervisor> first = this.client.listHypervisors(new PageRequest(1, 2));
		assertThat(first.total()).isEqualTo(3);
		assertThat(first.lastPage()).isEqualTo(2);
		assertThat(first.hasNext()).isTrue();
		List<Hypervisor> all = Page.collectAll((page) -> this.client.listHypervisors(new PageRequest(page, 2)));
		assertThat(all).extracting(Hypervisor::id).containsExactly(1L, 2L, 3L);

		Hypervisor amsterdam = this.client.getHypervisor(3);

		assertThat(amsterdam.name()).isEqualTo("ams-hv1");
		assertThat(amsterdam.hostname()).isEqualTo("ams-hv1.example.net");
		assertThat(amsterdam.ip()).isEqualTo("192.0.2.21");
		assertThat(amsterdam.group().id()).isEqualTo(2L);
		assertThat(amsterdam.group().name()).isEqualTo("Amsterdam");
		assertThat(amsterdam.maxServers()).isEqualTo(10);
		assertThat(amsterdam.maxCpu()).isEqualTo(16);
		assertThat(amsterdam.maxMemory()).isEqualTo(16384L);
		assertThat(amsterdam.commissioned()).isEqualTo(3);
		assertThat(amsterdam.enabled()).isTrue();
		assertThat(amsterdam.encryptedToken()).isNotBlank();
		assertThat(amsterdam.networks()).singleElement()
			.satisfies((network) -> assertThat(network.type()).isEqualTo("simpleBridge"));
	}

	@Test
	@Exercises({ VirtFusionOperation.LIST_HYPERVISOR_GROUPS, VirtFusionOperation.GET_HYPERVISOR_GROUP })
	void listsHypervisorGroupsAndGetsOne() {
		Page<HypervisorGroup> groups = this.client.listHypervisorGroups(PageRequest.first());

		assertThat(groups.total()).isEqualTo(2);
		assertThat(groups.data()).extracting(HypervisorGroup::name).containsExactly("London", "Amsterdam");
		HypervisorGroup london = this.client.getHypervisorGroup(1);
		assertThat(london.name()).isEqualTo("London");
		assertThat(london.isDefault()).isTrue();
		assertThat(london.enabled()).isTrue();
		assertThat(london.created()).isNotBlank();
	}

	@Test
	@Exercises({ VirtFusionOperation.LIST_PACKAGES, VirtFusionOperation.GET_PACKAGE,
			VirtFusionOperation.LIST_PACKAGE_TEMPLATES })
	void listsPackagesAndTheirTemplates() {
		List<ServerPackage> packages = this.client.listPackages();

		assertThat(packages).extracting(ServerPackage::name)
			.containsExactly("VPS Small", "VPS Medium", "VPS Large", "VPS Legacy");
		ServerPackage medium = this.client.getPackage(2);
		assertThat(medium.memory()).isEqualTo(4096L);
		assertThat(medium.primaryStorage()).isEqualTo(80L);
		assertThat(medium.traffic()).isEqualTo(4000L);
		assertThat(medium.cpuCores()).isEqualTo(2);
		assertThat(medium.backupPlanId()).isEqualTo(1L);
		assertThat(medium.primaryNetworkSpeedIn()).isEqualTo(25000L);
		assertThat(medium.primaryStorageProfile()).isEqualTo(1);
		assertThat(medium.enabled()).isTrue();
		assertThat(this.client.getPackage(4).enabled()).isFalse();

		List<OsTemplateGroup> large = this.client.listPackageTemplates(3);
		assertThat(large).extracting(OsTemplateGroup::name).containsExactly("Debian", "Ubuntu", "AlmaLinux", "Windows");
		OsTemplateGroup.Template windows = large.get(3).templates().get(0);
		assertThat(windows.displayName()).isEqualTo("Windows Server 2022 Standard");
		assertThat(windows.type()).isEqualTo("windows");
		assertThat(windows.deployType()).isEqualTo(2);
		OsTemplateGroup.Template bullseye = large.get(0).templates().get(1);
		assertThat(bullseye.eol()).isTrue();
		assertThat(bullseye.eolDate()).isEqualTo("2026-08-31 00:00:00");
		assertThat(this.client.listPackageTemplates(1)).extracting(OsTemplateGroup::name).doesNotContain("Windows");
	}

	@Test
	@Exercises({ VirtFusionOperation.GET_DNS_SERVICE, VirtFusionOperation.GET_ISO,
			VirtFusionOperation.LIST_CURRENCIES })
	void readsDnsServiceIsoAndCurrencies() {
		DnsService dns = this.client.getDnsService(1);
		assertThat(dns.name()).isEqualTo("PowerDNS primary");
		assertThat(dns.url()).isEqualTo("https://dns.example.net:8081");
		assertThat(dns.port()).isEqualTo(8081);
		assertThat(dns.password()).isNotBlank();
		assertThat(dns.toString()).doesNotContain(dns.password());

		Iso iso = this.client.getIso(1);
		assertThat(iso.name()).isEqualTo("SystemRescue");
		assertThat(iso.filename()).isEqualTo("systemrescue-11.iso");
		assertThat(iso.config()).isEqualTo("{}");

		List<Currency> currencies = this.client.listCurrencies();
		assertThat(currencies).extracting(Currency::code).containsExactly("USD", "EUR", "GBP");
		Currency usd = currencies.get(0);
		assertThat(usd.isDefault()).isTrue();
		assertThat(usd.value()).isEqualByComparingTo("0.01");
		assertThat(usd.prefix()).isEqualTo("$");
	}

	@Test
	@Exercises({ VirtFusionOperation.LIST_IP_BLOCKS, VirtFusionOperation.GET_IP_BLOCK,
			VirtFusionOperation.ADD_IP_BLOCK_RANGE })
	void addsAnIpv4RangeToABlock() {
		List<IpBlock> blocks = Page.collectAll((page) -> this.client.listIpBlocks(new PageRequest(page, 2)));
		assertThat(blocks).extracting(IpBlock::name)
			.containsExactly("London public 1", "London public 2", "Amsterdam public");
		IpBlock amsterdam = this.client.getIpBlock(3);
		assertThat(amsterdam.type()).isEqualTo(4);
		assertThat(amsterdam.ipv4().gateway()).isEqualTo("192.0.2.129");
		assertThat(amsterdam.ipv4().netmask()).isEqualTo("255.255.255.128");
		assertThat(amsterdam.ipv4().total()).isEqualTo(20L);
		assertThat(amsterdam.ipv4().freeTotal()).isEqualTo(20L);

		this.client.addIpBlockRange(3, new IpBlockRange("192.0.2.170", "192.0.2.179"));

		IpBlock grown = this.client.getIpBlock(3);
		assertThat(grown.ipv4().total()).isEqualTo(30L);
		assertThat(grown.ipv4().freeTotal()).isEqualTo(30L);
		assertThat(freeIpv4(2)).isEqualTo(30L);
		assertThatExceptionOfType(VirtFusionApiException.class)
			.isThrownBy(() -> this.client.addIpBlockRange(3, new IpBlockRange("192.0.2.175", "192.0.2.180")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422));
	}

	// ------------------------------------------------------------------ Servers

	@Test
	@Exercises({ VirtFusionOperation.CREATE_USER, VirtFusionOperation.CREATE_SERVER,
			VirtFusionOperation.LIST_HYPERVISOR_GROUP_RESOURCES, VirtFusionOperation.FIND_SERVER })
	void createsServerWithAddressesFromTheGroupsBlocksAndShrinksItsResources() {
		User owner = newUser();
		HypervisorResources before = amsterdamResources();
		assertThat(before.acceptsServers()).isTrue();
		assertThat(before.resources().servers().allocated()).isZero();
		assertThat(before.resources().memory().free()).isEqualTo(16384L);
		assertThat(before.resources().freeIpv4()).isEqualTo(20L);

		assertThat(this.client.createServer(CreateServerRequest.builder(1, owner.id(), 2).ipv4(2).build(), true))
			.isEmpty();
		assertThat(amsterdamResources().resources().servers().allocated()).isZero();
		Server server = this.client.createServer(CreateServerRequest.builder(1, owner.id(), 2).ipv4(2).build(), false)
			.orElseThrow();

		assertThat(server.state()).isEqualTo(ServerState.ALLOCATED);
		assertThat(server.commissionStatus()).isZero();
		assertThat(server.built()).isNull();
		assertThat(server.isBuilt()).isFalse();
		assertThat(server.name()).isEmpty();
		assertThat(server.ownerId()).isEqualTo(owner.id());
		assertThat(server.owner().extRelationId()).isEqualTo(owner.extRelationId());
		assertThat(server.hypervisorId()).as("the real hypervisor, not the group").isEqualTo(3L);
		assertThat(server.hypervisor().groupId()).isEqualTo(2L);
		assertThat(server.settings().resources().memory()).isEqualTo(1024L);
		assertThat(server.settings().resources().storage()).isEqualTo(25L);
		assertThat(server.settings().resources().cpuCores()).isEqualTo(1);
		List<Server.Ipv4Address> addresses = server.network().interfaces().get(0).ipv4();
		assertThat(addresses).hasSize(2).allSatisfy((ip) -> {
			assertThat(ip.blockId()).isEqualTo(3L);
			assertThat(ip.gateway()).isEqualTo("192.0.2.129");
			assertThat(ipv4Value(ip.address())).isBetween(ipv4Value("192.0.2.140"), ipv4Value("192.0.2.159"));
		});
		assertThat(server.primaryIpv4()).contains(addresses.get(0).address());
		HypervisorResources after = amsterdamResources();
		assertThat(after.resources().servers().allocated()).isEqualTo(1L);
		assertThat(after.resources().memory().free()).isEqualTo(16384L - 1024);
		assertThat(after.resources().cpuCores().allocated()).isEqualTo(1L);
		assertThat(after.resources().localStorage().allocated()).isEqualTo(25L);
		assertThat(after.resources().freeIpv4()).isEqualTo(18L);
		assertThat(this.client.findServer(server.id(), false)).get()
			.satisfies((found) -> assertThat(found.uuid()).isEqualTo(server.uuid()));
		assertThat(this.client.findServer(999_999, false)).isEmpty();
		assertThat(this.sim.stats()
			.path("servers")
			.path("byOwnerExtRelationId")
			.path(String.valueOf(owner.extRelationId()))
			.asInt()).isEqualTo(1);
	}

	@Test
	@Exercises({ VirtFusionOperation.CREATE_SERVER, VirtFusionOperation.FIND_SERVER })
	void createsServerWithTheResourcesItAsksForInsteadOfThePackages() {
		User owner = newUser();

		Server server = this.client
			.createServer(CreateServerRequest.builder(1, owner.id(), 1)
				.memory(2048)
				.cpuCores(2)
				.storage(40)
				.traffic(0)
				.networkSpeed(1000, 2000)
				.firewallRulesets(List.of(2))
				.build(), false)
			.orElseThrow();

		Server found = this.client.findServer(server.id(), false).orElseThrow();
		assertThat(found.settings().resources().memory()).isEqualTo(2048L);
		assertThat(found.settings().resources().cpuCores()).isEqualTo(2);
		assertThat(found.settings().resources().storage()).isEqualTo(40L);
		assertThat(found.settings().resources().traffic()).as("unlimited").isZero();
		assertThat(found.cpu().cores()).isEqualTo(2);
		Server.NetworkInterface nic = found.network().interfaces().get(0);
		assertThat(nic.inAverage()).isEqualTo(1000L);
		assertThat(nic.outAverage()).isEqualTo(2000L);
		assertThat(nic.hypervisorNetwork()).isEqualTo(found.hypervisorId());
		assertThat(nic.nat()).isFalse();
		assertThat(nic.dhcpV4()).isZero();
		assertThat(primaryInterface(server.id()).path("firewall")).extracting(JsonNode::asInt).containsExactly(2);
		assertThat(found.storage()).singleElement().satisfies((disk) -> {
			assertThat(disk.capacity()).isEqualTo(40L);
			assertThat(disk.primary()).isTrue();
		});
		assertThatExceptionOfType(VirtFusionApiException.class)
			.isThrownBy(() -> this.client.createServer(
					CreateServerRequest.builder(1, owner.id(), 1).firewallRulesets(List.of(3)).build(), false))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(422);
				assertThat(ex.error()).contains("firewall ruleset 3");
			});
	}

	@Test
	@Exercises({ VirtFusionOperation.LIST_SERVER_TEMPLATES, VirtFusionOperation.BUILD_SERVER,
			VirtFusionOperation.ADD_SSH_KEY })
	void buildsServerWithItsRootPasswordThenCompletesOverScaledTime() {
		User owner = newUser();
		Server server = newServer(owner, 1, 1);
		List<OsTemplateGroup> templates = this.client.listServerTemplates(server.id());
		assertThat(templates).extracting(OsTemplateGroup::name).containsExactly("Debian", "Ubuntu", "AlmaLinux");
		long bookworm = templates.get(0).templates().get(0).id();
		SshKey key = this.client.addSshKey(new NewSshKey(owner.id(), "laptop", PUBLIC_KEY));

		Server building = this.client.buildServer(server.id(),
				BuildServerRequest.builder(bookworm)
					.name("web-1")
					.hostname("web-1.example.com")
					.sshKeys(List.of(key.id()))
					.email(false)
					.swap("1.5")
					.build());

		assertThat(building.state()).isEqualTo(ServerState.QUEUED);
		assertThat(building.commissionStatus()).isEqualTo(1);
		assertThat(building.tasks().active()).isTrue();
		assertThat(building.settings().decryptedPassword()).isNotBlank();
		assertThat(building.settings().osTemplateInstallId()).isEqualTo(bookworm);
		assertThat(building.name()).isEqualTo("web-1");
		assertThat(building.hostname()).isEqualTo("web-1.example.com");
		assertThat(building.sshKeys()).extracting(SshKey::id).containsExactly(key.id());
		assertThat(building.sshKeys().get(0).publicKey()).isEqualTo(PUBLIC_KEY);
		Server built = awaitServer(server.id(), Server::isBuilt);
		assertThat(built.state()).isEqualTo(ServerState.COMPLETE);
		assertThat(built.commissionStatus()).isEqualTo(Server.BUILT_COMMISSION_STATUS);
		assertThat(built.built()).isNotNull();
		assertThat(built.tasks().active()).isFalse();
		assertThat(built.settings().decryptedPassword()).as("only the build answer carries it").isNull();
		assertThat(built.settings().encryptedPassword()).isNotBlank()
			.isNotEqualTo(building.settings().decryptedPassword());
	}

	@Test
	@Exercises({ VirtFusionOperation.SUSPEND_SERVER, VirtFusionOperation.UNSUSPEND_SERVER,
			VirtFusionOperation.LIST_USER_SERVERS })
	void suspendsAndUnsuspendsServer() {
		User owner = newUser();
		Server server = built(newServer(owner, 1, 1));

		this.client.suspendServer(server.id());

		assertThat(this.client.findServer(server.id(), false).orElseThrow().suspended()).isTrue();
		assertThat(this.client.listUserServers(owner.id())).singleElement()
			.satisfies((item) -> assertThat(item.suspended()).isTrue());
		assertThat(this.sim.stats().path("servers").path("suspended").asInt()).isEqualTo(1);
		this.client.unsuspendServer(server.id());
		assertThat(this.client.findServer(server.id(), false).orElseThrow().suspended()).isFalse();
	}

	@Test
	@Exercises(VirtFusionOperation.LIST_USER_SERVERS)
	void listsTheUsersServersWithTheirSnakeCaseFields() {
		User owner = newUser();
		Server first = built(newServer(owner, 2, 1));
		Server second = newServer(owner, 1, 2);
		newServer(newUser(), 1, 1);

		List<UserServer> servers = this.client.listUserServers(owner.id());

		assertThat(servers).extracting(UserServer::id).containsExactlyInAnyOrder(first.id(), second.id());
		UserServer built = servers.stream().filter((item) -> item.id().equals(first.id())).findFirst().orElseThrow();
		assertThat(built.ownerId()).isEqualTo(owner.id());
		assertThat(built.isBuilt()).isTrue();
		assertThat(built.state()).isEqualTo(ServerState.COMPLETE);
		assertThat(built.backupLevel()).isZero();
		assertThat(built.serverInfo().name()).isEqualTo("Debian");
		assertThat(built.serverInfo().label()).isEqualTo("Debian 12");
		assertThat(built.vnc().enabled()).isFalse();
		assertThat(built.vnc().exposeDetails()).isTrue();
		assertThat(built.resources().memory()).isEqualTo(4096L);
		assertThat(built.resources().cpuCores()).isEqualTo(2);
		assertThat(built.resources().cpuModel()).isNotBlank();
		assertThat(built.network().interfaces().get(0).ipv4()).extracting(Server.Ipv4Address::address)
			.containsExactly(first.primaryIpv4().orElseThrow());
		assertThat(built.config().bootOrder()).containsExactly("hd");
		assertThat(built.media().isoMounted()).isFalse();
		UserServer allocated = servers.stream()
			.filter((item) -> item.id().equals(second.id()))
			.findFirst()
			.orElseThrow();
		assertThat(allocated.isBuilt()).isFalse();
		assertThat(allocated.hypervisorId()).isEqualTo(3L);
	}

	@Test
	@Exercises({ VirtFusionOperation.CHANGE_SERVER_PACKAGE, VirtFusionOperation.FIND_SERVER })
	void changesPackageFollowingItsResourcesButNeverShrinksTheDisk() {
		User owner = newUser();
		Server server = built(newServer(owner, 2, 1));

		PackageChange down = this.client.changeServerPackage(server.id(), 1, PackageChangeOptions.all());

		assertThat(down.info()).singleElement().asString().contains("never shrunk");
		Server.Resources small = this.client.findServer(server.id(), false).orElseThrow().settings().resources();
		assertThat(small.memory()).isEqualTo(1024L);
		assertThat(small.cpuCores()).isEqualTo(1);
		assertThat(small.traffic()).isEqualTo(1000L);
		assertThat(small.storage()).as("the disk is never shrunk").isEqualTo(80L);

		PackageChange up = this.client.changeServerPackage(server.id(), 3,
				new PackageChangeOptions(null, null, false, null, null, null, null, null, null, null, null));

		assertThat(up.info()).singleElement().asString().contains("memory");
		Server large = this.client.findServer(server.id(), false).orElseThrow();
		assertThat(large.settings().resources().memory()).as("left out of the change").isEqualTo(1024L);
		assertThat(large.settings().resources().cpuCores()).isEqualTo(4);
		assertThat(large.settings().resources().storage()).isEqualTo(160L);
		assertThat(large.cpu().cores()).isEqualTo(4);
		assertThat(this.client.listServerTemplates(server.id())).extracting(OsTemplateGroup::name).contains("Windows");
	}

	@Test
	@Exercises({ VirtFusionOperation.DELETE_SERVER, VirtFusionOperation.FIND_SERVER })
	void deletesServerOnceTheDelayHasPassedAndReturnsItsCapacity() {
		User owner = newUser();
		Server later = newServer(owner, 1, 2);
		Server soon = newServer(owner, 1, 2);
		Server now = newServer(owner, 1, 2);
		assertThat(amsterdamResources().resources().servers().allocated()).isEqualTo(3L);

		this.client.deleteServer(later.id(), 60);
		this.client.deleteServer(soon.id(), null);
		this.client.deleteServer(now.id(), 0);

		assertThat(this.client.findServer(now.id(), false)).isEmpty();
		assertThat(this.client.findServer(later.id(), false)).isPresent();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.client.findServer(soon.id(), false).isEmpty());
		assertThat(this.client.findServer(later.id(), false)).as("an hour of delay is 6 s here").isPresent();
		assertThat(this.sim.stats().path("servers").path("pendingDeletion").asInt()).isEqualTo(1);
		this.clock.shift(Duration.ofMinutes(61));
		assertThat(this.client.findServer(later.id(), false)).isEmpty();
		HypervisorResources freed = amsterdamResources();
		assertThat(freed.resources().servers().allocated()).isZero();
		assertThat(freed.resources().freeIpv4()).isEqualTo(20L);
	}

	@Test
	@Exercises(VirtFusionOperation.LIST_SERVERS)
	void listsServersPageByPageFilteredByHypervisor() {
		User owner = newUser();
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(newServer(owner, 1, 1).id());
		}
		Server amsterdam = newServer(owner, 1, 2);
		this.client.suspendServer(ids.get(0));

		List<ServerSummary> all = Page
			.collectAll((page) -> this.client.listServers(ServerListQuery.all(), new PageRequest(page, 2)));

		assertThat(all).extracting(ServerSummary::id).containsExactlyElementsOf(concat(ids, amsterdam.id()));
		assertThat(all).allSatisfy((item) -> {
			assertThat(item.ownerId()).isEqualTo(owner.id());
			assertThat(item.uuid()).isNotBlank();
			assertThat(item.commissioned()).isZero();
		});
		assertThat(all.get(0).suspended()).isTrue();
		Page<ServerSummary> third = this.client.listServers(ServerListQuery.all(), new PageRequest(3, 2));
		assertThat(third.currentPage()).isEqualTo(3);
		assertThat(third.total()).isEqualTo(6);
		assertThat(third.from()).isEqualTo(5);
		assertThat(third.to()).isEqualTo(6);
		assertThat(third.nextPageUrl()).isNull();
		assertThat(third.prevPageUrl()).contains("page=2");
		assertThat(this.client.listServers(ServerListQuery.onHypervisors(3L), PageRequest.first()).data())
			.extracting(ServerSummary::id)
			.containsExactly(amsterdam.id());
		assertThat(Page.collectAll(
				(page) -> this.client.listServers(ServerListQuery.onHypervisors(1L, 2L), new PageRequest(page, 2))))
			.hasSize(5);
	}

	@Test
	@Exercises({ VirtFusionOperation.MODIFY_SERVER_NAME, VirtFusionOperation.THROTTLE_SERVER_CPU,
			VirtFusionOperation.MODIFY_SERVER_MEMORY, VirtFusionOperation.MODIFY_SERVER_CPU_CORES })
	void modifiesNameCpuThrottleMemoryAndCores() {
		Server server = newServer(newUser(), 1, 2);

		this.client.modifyServerName(server.id(), new ServerRename("db-primary"));
		this.client.throttleServerCpu(server.id(), new CpuThrottle(40), true);
		this.client.modifyServerMemory(server.id(), 2048);
		this.client.modifyServerCpuCores(server.id(), 3);

		Server modified = this.client.findServer(server.id(), false).orElseThrow();
		assertThat(modified.name()).isEqualTo("db-primary");
		assertThat(modified.cpu().throttle()).isEqualTo(40);
		assertThat(modified.settings().resources().memory()).isEqualTo(2048L);
		assertThat(modified.settings().resources().cpuCores()).isEqualTo(3);
		assertThat(modified.cpu().cores()).isEqualTo(3);
		HypervisorResources amsterdam = amsterdamResources();
		assertThat(amsterdam.resources().memory().allocated()).isEqualTo(2048L);
		assertThat(amsterdam.resources().cpuCores().allocated()).isEqualTo(3L);
	}

	@Test
	@Exercises({ VirtFusionOperation.RESET_SERVER_PASSWORD, VirtFusionOperation.GET_QUEUE_ITEM })
	void resetsServerPasswordThroughAQueueItem() {
		Server server = built(newServer(newUser(), 1, 1));

		PasswordResetTask task = this.client.resetServerPassword(server.id(), ServerPasswordReset.rootWithoutMail());

		assertThat(task.expectedPassword()).hasSizeGreaterThanOrEqualTo(12);
		assertThat(task.toString()).doesNotContain(task.expectedPassword());
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.client.getQueueItem(task.queueId()).isDone());
		var item = this.client.getQueueItem(task.queueId());
		assertThat(item.serverId()).isEqualTo(server.id());
		assertThat(item.action()).isEqualTo("reset_password");
		assertThat(item.progress()).isEqualTo(100);
		assertThat(item.finished()).isNotNull();
		assertThat(item.hasFailed()).isFalse();
		assertThat(item.primaryActions()).isNotEmpty();
	}

	@Test
	@Exercises({ VirtFusionOperation.BOOT_SERVER, VirtFusionOperation.SHUTDOWN_SERVER,
			VirtFusionOperation.RESTART_SERVER, VirtFusionOperation.POWER_OFF_SERVER,
			VirtFusionOperation.GET_QUEUE_ITEM })
	void powersServerThroughQueueItemsThatFinish() {
		Server server = built(newServer(newUser(), 1, 1));

		assertPower(server, this.client.shutdownServer(server.id()), "shutdown", false);
		assertPower(server, this.client.bootServer(server.id()), "boot", true);
		assertPower(server, this.client.powerOffServer(server.id()), "poweroff", false);
		assertPower(server, this.client.restartServer(server.id()), "restart", true);
	}

	private void assertPower(Server server, QueueTask task, String action, boolean runningAfter) {
		assertThat(task.queueId()).isNotNull().isPositive();
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.client.getQueueItem(task.queueId()).isDone());
		assertThat(this.client.getQueueItem(task.queueId()).action()).isEqualTo(action);
		Map<String, Object> remote = this.client.findServer(server.id(), true).orElseThrow().remoteState();
		assertThat(remote).containsEntry("running", runningAfter);
		assertThat(this.client.findServer(server.id(), false).orElseThrow().remoteState())
			.as("without remoteState=true VirtFusion sends false")
			.isEmpty();
	}

	@Test
	@Exercises(VirtFusionOperation.SET_SERVER_VNC)
	void enablesAndDisablesVncWithItsSecrets() {
		Server server = built(newServer(newUser(), 1, 1));

		VncState enabled = this.client.setServerVnc(server.id(), VncToggle.enable());

		assertThat(enabled.vnc().enabled()).isTrue();
		assertThat(enabled.vnc().ip()).isIn("192.0.2.11", "192.0.2.12");
		assertThat(enabled.vnc().port()).isPositive();
		assertThat(enabled.vnc().password()).isNotBlank();
		assertThat(enabled.vnc().wss().url()).startsWith("/vnc/?token=").endsWith(enabled.vnc().wss().token());
		assertThat(enabled.queueId()).isPositive();
		assertThat(this.client.findServer(server.id(), false).orElseThrow().vnc().enabled()).isTrue();
		VncState disabled = this.client.setServerVnc(server.id(), VncToggle.disable());
		assertThat(disabled.vnc().enabled()).isFalse();
		assertThat(this.client.findServer(server.id(), false).orElseThrow().vnc().enabled()).isFalse();
	}

	@Test
	@Exercises(VirtFusionOperation.CHANGE_SERVER_OWNER)
	void givesServerToAnotherUser() {
		User first = newUser();
		User second = newUser();
		Server server = newServer(first, 1, 1);

		this.client.changeServerOwner(server.id(), second.id());

		Server moved = this.client.findServer(server.id(), false).orElseThrow();
		assertThat(moved.ownerId()).isEqualTo(second.id());
		assertThat(moved.owner().extRelationId()).isEqualTo(second.extRelationId());
		assertThat(this.client.listUserServers(first.id())).isEmpty();
		assertThat(this.client.listUserServers(second.id())).extracting(UserServer::id).containsExactly(server.id());
		assertThatExceptionOfType(VirtFusionApiException.class)
			.isThrownBy(() -> this.client.changeServerOwner(server.id(), second.id()))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(422);
				assertThat(ex.error()).contains("same as the existing owner");
			});
	}

	@Test
	@Exercises({ VirtFusionOperation.SET_BACKUP_PLAN, VirtFusionOperation.LIST_SERVER_BACKUPS })
	void setsAndRemovesBackupPlan() {
		Server server = built(newServer(newUser(), 1, 1));
		assertThat(server.backupPlan().id()).as("VirtFusion's {id: null, name: null} without a plan").isNull();
		assertThat(this.client.listServerBackups(server.id())).isEmpty();

		this.client.setBackupPlan(server.id(), 2);

		Server backedUp = this.client.findServer(server.id(), false).orElseThrow();
		assertThat(backedUp.backupPlan().id()).isEqualTo(2L);
		assertThat(backedUp.backupPlan().name()).isEqualTo("Weekly (4 weeks)");
		assertThat(backedUp.settings().backupPlan()).isEqualTo(2L);
		List<Backup> backups = this.client.listServerBackups(server.id());
		assertThat(backups).singleElement().satisfies((backup) -> {
			assertThat(backup.serverId()).isEqualTo(server.id());
			assertThat(backup.storage().name()).isEqualTo("Backup storage 1");
			assertThat(backup.complete()).isTrue();
			assertThat(backup.progress()).as("a finished backup is not in progress").isFalse();
			assertThat(backup.deleting()).isFalse();
		});
		this.client.setBackupPlan(server.id(), 0);
		assertThat(this.client.findServer(server.id(), false).orElseThrow().backupPlan().id()).isNull();
	}

	// ------------------------------------------------------------------ Servers: network

	@Test
	@Exercises({ VirtFusionOperation.ENABLE_FIREWALL, VirtFusionOperation.DISABLE_FIREWALL,
			VirtFusionOperation.GET_FIREWALL, VirtFusionOperation.APPLY_FIREWALL_RULESETS })
	void switchesFirewallAndAppliesRulesets() {
		Server server = newServer(newUser(), 1, 1);
		assertThat(this.client.getFirewall(server.id(), ServerInterface.PRIMARY).enabled()).isFalse();

		this.client.enableFirewall(server.id(), ServerInterface.PRIMARY, true);
		this.client.applyFirewallRulesets(server.id(), ServerInterface.PRIMARY, new FirewallRulesets(List.of(1L, 2L)),
				true);

		assertThat(this.client.getFirewall(server.id(), ServerInterface.PRIMARY).enabled()).isTrue();
		assertThat(this.client.findServer(server.id(), false)
			.orElseThrow()
			.network()
			.interfaces()
			.get(0)
			.firewallEnabled()).isTrue();
		assertThat(primaryInterface(server.id()).path("firewall")).extracting(JsonNode::asInt).containsExactly(1, 2);
		assertThatExceptionOfType(VirtFusionApiException.class)
			.isThrownBy(() -> this.client.applyFirewallRulesets(server.id(), ServerInterface.PRIMARY,
					new FirewallRulesets(List.of(99L)), false))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422));
		this.client.applyFirewallRulesets(server.id(), ServerInterface.PRIMARY, FirewallRulesets.none(), false);
		assertThat(primaryInterface(server.id()).path("firewall")).isEmpty();
		this.client.disableFirewall(server.id(), ServerInterface.PRIMARY, false);
		assertThat(this.client.getFirewall(server.id(), ServerInterface.PRIMARY).enabled()).isFalse();
		assertThatExceptionOfType(VirtFusionApiException.class)
			.isThrownBy(() -> this.client.getFirewall(server.id(), ServerInterface.SECONDARY))
			.satisfies((ex) -> assertThat(ex.status()).as("servers have no secondary interface here").isEqualTo(422));
	}

	@Test
	@Exercises({ VirtFusionOperation.ADD_WHITELIST_ADDRESS, VirtFusionOperation.REMOVE_WHITELIST_ADDRESS })
	void addsAndRemovesWhitelistAddressesWithABodyOnDelete() {
		Server server = newServer(newUser(), 1, 1);

		this.client.addWhitelistAddress(server.id(), new WhitelistEntry(ServerInterface.PRIMARY, "203.0.113.5", 32));
		this.client.addWhitelistAddress(server.id(), new WhitelistEntry(ServerInterface.PRIMARY, "2001:db8::1", 128));

		List<Server.WhitelistedAddress> whitelist = whitelist(server.id());
		assertThat(whitelist).extracting(Server.WhitelistedAddress::ip).containsExactly("203.0.113.5", "2001:db8::1");
		assertThat(whitelist).extracting(Server.WhitelistedAddress::mask).containsExactly(32, 128);
		assertThat(whitelist).extracting(Server.WhitelistedAddress::type).containsExactly(4, 6);
		assertThat(whitelist).allSatisfy((entry) -> assertThat(entry.id()).isPositive());
		this.client.removeWhitelistAddress(server.id(), new WhitelistRemoval(ServerInterface.PRIMARY, "203.0.113.5"));
		assertThat(whitelist(server.id())).extracting(Server.WhitelistedAddress::ip).containsExactly("2001:db8::1");
	}

	@Test
	@Exercises({ VirtFusionOperation.ADD_IPV4_QUANTITY, VirtFusionOperation.ADD_IPV4_ADDRESSES,
			VirtFusionOperation.REMOVE_IPV4_ADDRESSES })
	void addsAndRemovesIpv4Addresses() {
		Server server = newServer(newUser(), 1, 2);
		String first = server.primaryIpv4().orElseThrow();
		assertThat(freeIpv4(2)).isEqualTo(19L);

		List<String> added = this.client.addIpv4Quantity(server.id(), new Ipv4Quantity(ServerInterface.PRIMARY, 2));
		this.client.addIpv4Addresses(server.id(), new Ipv4Addresses(ServerInterface.PRIMARY, List.of("192.0.2.159")));

		assertThat(added).hasSize(2).doesNotContain(first, "192.0.2.159");
		assertThat(addresses(server.id())).containsExactlyInAnyOrderElementsOf(concat(added, first, "192.0.2.159"));
		assertThat(freeIpv4(2)).isEqualTo(16L);
		assertThat(this.client.getIpBlock(3).ipv4().usedTotal()).isEqualTo(4L);
		this.client.removeIpv4Addresses(server.id(), new Ipv4Removal(concat(added, "192.0.2.159")));
		assertThat(addresses(server.id())).containsExactly(first);
		assertThat(freeIpv4(2)).isEqualTo(19L);
	}

	@Test
	@Exercises({ VirtFusionOperation.LIST_TRAFFIC_BLOCKS, VirtFusionOperation.ADD_TRAFFIC_BLOCK,
			VirtFusionOperation.REMOVE_TRAFFIC_BLOCK, VirtFusionOperation.GET_SERVER_TRAFFIC,
			VirtFusionOperation.MODIFY_SERVER_TRAFFIC })
	void addsListsAndRemovesTrafficBlocks() {
		Server server = newServer(newUser(), 1, 1);
		TrafficBlocks none = this.client.listTrafficBlocks(server.id());
		assertThat(none.assigned()).isEmpty();
		assertThat(none.available().total()).isEqualTo(25);
		assertThat(none.available().current().month()).isEqualTo(1);
		assertThat(none.available().months()).hasSize(25).containsKeys("1", "25");
		assertThat(none.available().months().get("2").start()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

		this.client.addTrafficBlock(server.id(), new NewTrafficBlock(1, 100));
		this.client.addTrafficBlock(server.id(), new NewTrafficBlock(2, 50));

		TrafficBlocks two = this.client.listTrafficBlocks(server.id());
		assertThat(two.assigned()).extracting(TrafficBlocks.Assigned::month).containsExactly(1, 2);
		assertThat(two.assigned()).extracting(TrafficBlocks.Assigned::traffic).containsExactly(100L, 50L);
		assertThat(two.assigned().get(0).current()).isTrue();
		assertThat(two.assigned().get(0).added()).isNotBlank();
		TrafficStatistics statistics = this.client.getServerTraffic(server.id());
		TrafficStatistics.Month current = statistics.monthly().get(0);
		assertThat(current.month()).isEqualTo(1);
		assertThat(current.limit()).as("the allowance plus the period's blocks").isEqualTo(1100L);
		assertThat(current.total()).isZero();
		assertThat(current.blocks()).extracting(TrafficStatistics.Block::traffic).containsExactly(100L);
		long blockId = two.assigned().get(0).id();
		this.client.removeTrafficBlock(server.id(), blockId);
		assertThat(this.client.listTrafficBlocks(server.id()).assigned()).extracting(TrafficBlocks.Assigned::month)
			.containsExactly(2);

		this.client.modifyServerTraffic(server.id(), new TrafficAllowance(2000));

		assertThat(this.client.getServerTraffic(server.id()).monthly().get(0).limit()).isEqualTo(2000L);
		Server modified = this.client.findServer(server.id(), false).orElseThrow();
		assertThat(modified.settings().resources().traffic()).isEqualTo(2000L);
		assertThat(modified.traffic().publicTraffic().currentPeriod().limit()).isEqualTo(2000L);
	}

	// ------------------------------------------------------------------ SSH keys, users

	@Test
	@Exercises({ VirtFusionOperation.ADD_SSH_KEY, VirtFusionOperation.LIST_USER_SSH_KEYS,
			VirtFusionOperation.GET_SSH_KEY, VirtFusionOperation.DELETE_SSH_KEY })
	void addsListsGetsAndDeletesSshKeys() {
		User owner = newUser();

		SshKey added = this.client.addSshKey(new NewSshKey(owner.id(), "laptop", PUBLIC_KEY));

		assertThat(added.id()).isPositive();
		assertThat(added.name()).isEqualTo("laptop");
		assertThat(added.type()).isEqualTo("OpenSSH");
		assertThat(added.createdAt()).isNotBlank();
		assertThat(this.client.listUserSshKeys(owner.id())).singleElement().satisfies((key) -> {
			assertThat(key.id()).isEqualTo(added.id());
			assertThat(key.publicKey()).isEqualTo(PUBLIC_KEY);
			assertThat(key.enabled()).isTrue();
		});
		SshKey fetched = this.client.getSshKey(added.id());
		assertThat(fetched.name()).isEqualTo("laptop");
		assertThat(fetched.publicKey()).isEqualTo(PUBLIC_KEY);
		assertThat(fetched.created()).isNotBlank();
		this.client.deleteSshKey(added.id());
		assertThat(this.client.listUserSshKeys(owner.id())).isEmpty();
		assertThatExceptionOfType(VirtFusionApiException.class).isThrownBy(() -> this.client.getSshKey(added.id()))
			.satisfies((ex) -> assertThat(ex.isNotFound()).isTrue());
	}

	@Test
	@Exercises({ VirtFusionOperation.CREATE_USER, VirtFusionOperation.FIND_USER_BY_EXT_RELATION_ID })
	void createsUsersAndFindsThemByExtRelationIdOrRelStr() {
		long extRelationId = this.sequence.incrementAndGet();
		User created = this.client.createUser(CreateUserRequest.builder("Ada Lovelace", "ada@example.com")
			.externalId(ExtRelationId.of(extRelationId))
			.sendMail(false)
			.build());
		User relStr = this.client.createUser(CreateUserRequest.builder("Grace Hopper", "grace@example.com")
			.externalId(ExtRelationId.ofRelStr("whmcs-client-42"))
			.selfService(3)
			.selfServiceHourlyCredit(true)
			.selfServiceHourlyGroupProfiles(List.of(1L))
			.build());

		assertThat(created.password()).as("shown once, on create").isNotBlank();
		assertThat(created.extRelationId()).isEqualTo(extRelationId);
		assertThat(created.toString()).doesNotContain(created.password());
		User found = this.client.findUserByExtRelationId(ExtRelationId.of(extRelationId)).orElseThrow();
		assertThat(found.id()).isEqualTo(created.id());
		assertThat(found.name()).isEqualTo("Ada Lovelace");
		assertThat(found.email()).isEqualTo("ada@example.com");
		assertThat(found.admin()).isFalse();
		assertThat(found.suspended()).isFalse();
		assertThat(found.password()).isNull();
		User byRelStr = this.client.findUserByExtRelationId(ExtRelationId.ofRelStr("whmcs-client-42")).orElseThrow();
		assertThat(byRelStr.id()).isEqualTo(relStr.id());
		assertThat(byRelStr.selfService()).isEqualTo(3);
		assertThat(byRelStr.selfServiceHourlyGroupProfiles()).containsExactly(1L);
		assertThat(this.client.findUserByExtRelationId(ExtRelationId.of(extRelationId + 1))).isEmpty();
		assertThat(this.client.findUserByExtRelationId(ExtRelationId.ofRelStr(Long.toString(extRelationId))))
			.as("a relStr lookup does not find an integer id")
			.isEmpty();
		assertThatExceptionOfType(VirtFusionApiException.class)
			.isThrownBy(() -> this.client.createUser(CreateUserRequest.builder("Ada again", "ADA@example.com").build()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(409));
	}

	@Test
	@Exercises({ VirtFusionOperation.MODIFY_USER, VirtFusionOperation.RESET_USER_PASSWORD,
			VirtFusionOperation.DELETE_USER })
	void modifiesResetsAndDeletesUser() {
		User user = newUser();
		ExtRelationId ext = ExtRelationId.of(user.extRelationId());

		User changed = this.client.modifyUser(ext,
				ModifyUserRequest.builder().name("Renamed").email("renamed@example.com").enabled(false).build());

		assertThat(changed.name()).isEqualTo("Renamed");
		assertThat(changed.email()).isEqualTo("renamed@example.com");
		assertThat(changed.enabled()).isFalse();
		User found = this.client.findUserByExtRelationId(ext).orElseThrow();
		assertThat(found.name()).isEqualTo("Renamed");
		assertThat(found.suspended()).as("a disabled user shows as suspended").isTrue();
		UserCredentials credentials = this.client.resetUserPassword(ext);
		assertThat(credentials.email()).isEqualTo("renamed@example.com");
		assertThat(credentials.password()).isNotBlank();

		Server server = newServer(user, 1, 1);
		assertThatExceptionOfType(VirtFusionApiException.class).isThrownBy(() -> this.client.deleteUser(ext))
			.satisfies((ex) -> assertThat(ex.status()).as("still owns a server").isEqualTo(409));
		this.client.deleteServer(server.id(), 0);
		this.client.deleteUser(ext);
		assertThat(this.client.findUserByExtRelationId(ext)).isEmpty();
		assertThat(this.sim.stats().path("users").path("total").asInt()).isZero();
	}

	@Test
	@Exercises({ VirtFusionOperation.CREATE_LOGIN_TOKENS, VirtFusionOperation.CREATE_SERVER_LOGIN_TOKENS })
	void createsLoginTokensKeyedOneAndTwo() {
		User user = newUser();
		Server server = newServer(user, 1, 1);
		User relStr = this.client.createUser(CreateUserRequest.builder("Rel Str", "relstr@example.com")
			.externalId(ExtRelationId.ofRelStr("shop-7"))
			.build());

		LoginTokens tokens = this.client.createLoginTokens(ExtRelationId.ofRelStr("shop-7"));

		assertThat(relStr.id()).isPositive();
		assertThat(tokens.tokens()).containsOnlyKeys("1", "2");
		assertThat(tokens.endpoint()).isEqualTo("/token_authenticate");
		assertThat(tokens.endpointComplete())
			.isEqualTo("/token_authenticate/?1=" + tokens.tokens().get("1") + "&2=" + tokens.tokens().get("2"));
		assertThat(tokens.expiry().ttl()).isEqualTo(60);
		assertThat(OffsetDateTime.parse(tokens.expiry().expires()).toInstant()).isCloseTo(Instant.now().plusSeconds(60),
				within(10, ChronoUnit.SECONDS));
		assertThat(tokens.loginUrl(URI.create("https://cp.example.com")).toString())
			.startsWith("https://cp.example.com/token_authenticate/?1=");
		assertThat(tokens.toString()).doesNotContain(tokens.tokens().get("1"));
		LoginTokens serverTokens = this.client.createServerLoginTokens(ExtRelationId.of(user.extRelationId()),
				server.id());
		assertThat(serverTokens.tokens()).containsOnlyKeys("1", "2");
		assertThat(serverTokens.tokens().get("1")).isNotEqualTo(tokens.tokens().get("1"));
		assertThatExceptionOfType(VirtFusionApiException.class)
			.isThrownBy(() -> this.client.createServerLoginTokens(ExtRelationId.ofRelStr("shop-7"), server.id()))
			.satisfies((ex) -> assertThat(ex.isNotFound()).as("not the user's server").isTrue());
	}

	// ------------------------------------------------------------------ Self service

	@Test
	@Exercises({ VirtFusionOperation.ADD_CREDIT, VirtFusionOperation.CANCEL_CREDIT,
			VirtFusionOperation.GET_HOURLY_STATS })
	void addsAndCancelsCredit() {
		this.client.createUser(CreateUserRequest.builder("Credit", "credit@example.com")
			.externalId(ExtRelationId.ofRelStr("credit-1"))
			.selfService(1)
			.selfServiceHourlyCredit(true)
			.build());
		ExtRelationId user = ExtRelationId.ofRelStr("credit-1");

		long first = this.client.addCredit(user, new CreditGrant(new BigDecimal("1000.50"), 7L, "invoice 7")).id();
		long second = this.client.addCredit(user, new CreditGrant(new BigDecimal("250"), null, null)).id();

		assertThat(first).isNotEqualTo(second);
		assertThat(this.client.getHourlyStats(user, List.of(), null).credit().value()).isEqualByComparingTo("1250.50");
		this.client.cancelCredit(first);
		HourlyStats stats = this.client.getHourlyStats(user, List.of(), UsageRange.MONTH);
		assertThat(stats.credit().value()).isEqualByComparingTo("250");
		assertThat(stats.currency().code()).isEqualTo("USD");
		assertThat(stats.currency().value()).isEqualByComparingTo("0.01");
		assertThat(stats.servers()).isZero();
		assertThat(stats.monthlyTotal().tokens()).as("false without usage").isNull();
		LocalDate month = LocalDate.now(this.clock).withDayOfMonth(1);
		assertThat(stats.periodId()).as("the current period").isZero();
		assertThat(stats.period()).isEqualTo(monthName(month));
		assertThat(stats.previousPeriod()).isEqualTo(monthName(month.minusMonths(1)));
		assertThat(stats.nextPeriod()).isEqualTo(monthName(month.plusMonths(1)));
		assertThat(this.client.getHourlyStats(user, List.of(month.minusMonths(2)), null).periodId()).isEqualTo(2);
	}

	@Test
	@Exercises({ VirtFusionOperation.ADD_HOURLY_GROUP_PROFILE, VirtFusionOperation.REMOVE_HOURLY_GROUP_PROFILE,
			VirtFusionOperation.ADD_RESOURCE_GROUP_PROFILE, VirtFusionOperation.REMOVE_RESOURCE_GROUP_PROFILE,
			VirtFusionOperation.SET_HOURLY_RESOURCE_PACK, VirtFusionOperation.MODIFY_SELF_SERVICE_ACCESS })
	void assignsAndRemovesProfilesAndTheHourlyPack() {
		User user = newUser();
		ExtRelationId ext = ExtRelationId.of(user.extRelationId());

		this.client.addHourlyGroupProfile(ext, new ProfileAssignment(1));
		this.client.addResourceGroupProfile(ext, new ProfileAssignment(1));
		this.client.setHourlyResourcePack(ext, new HourlyResourcePack(2));
		this.client.modifySelfServiceAccess(ext, new SelfServiceAccess(true));

		User assigned = this.client.findUserByExtRelationId(ext).orElseThrow();
		assertThat(assigned.selfServiceHourlyGroupProfiles()).containsExactly(1L);
		assertThat(assigned.selfServiceResourceGroupProfiles()).containsExactly(1L);
		assertThat(assigned.selfServiceHourlyResourcePack()).isEqualTo(2L);
		this.client.removeHourlyGroupProfile(ext, 1);
		this.client.removeResourceGroupProfile(ext, 1);
		User removed = this.client.findUserByExtRelationId(ext).orElseThrow();
		assertThat(removed.selfServiceHourlyGroupProfiles()).isEmpty();
		assertThat(removed.selfServiceResourceGroupProfiles()).isEmpty();
		assertThatExceptionOfType(VirtFusionApiException.class)
			.isThrownBy(() -> this.client.addHourlyGroupProfile(ext, new ProfileAssignment(9)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422));
		assertThatExceptionOfType(VirtFusionApiException.class)
			.isThrownBy(() -> this.client.modifySelfServiceAccess(ExtRelationId.of(user.extRelationId() + 1),
					new SelfServiceAccess(true)))
			.satisfies((ex) -> assertThat(ex.isNotFound()).isTrue());
	}

	@Test
	@Exercises({ VirtFusionOperation.ADD_RESOURCE_PACK, VirtFusionOperation.GET_RESOURCE_PACK,
			VirtFusionOperation.MODIFY_RESOURCE_PACK, VirtFusionOperation.SUSPEND_RESOURCE_PACK_SERVERS,
			VirtFusionOperation.UNSUSPEND_RESOURCE_PACK_SERVERS, VirtFusionOperation.DELETE_RESOURCE_PACK_SERVERS,
			VirtFusionOperation.DELETE_RESOURCE_PACK })
	void managesAResourcePackAndItsServers() {
		User user = newUser();
		ExtRelationId ext = ExtRelationId.of(user.extRelationId());
		long packId = this.client.addResourcePack(ext, new ResourcePackAssignment(1)).id();
		Server first = newServer(user, 1, 1);
		Server second = newServer(user, 1, 1);

		ResourcePack pack = this.client.getResourcePack(packId, true);

		assertThat(pack.id()).isEqualTo(packId);
		assertThat(pack.pid()).isEqualTo(1L);
		assertThat(pack.type()).isEqualTo("pack");
		assertThat(pack.name()).isEqualTo("Starter pack");
		assertThat(pack.limits().totalServers()).isEqualTo(2L);
		assertThat(pack.limits().maxMemory()).isEqualTo(2048L);
		assertThat(pack.used().servers()).isEqualTo(2L);
		assertThat(pack.used().memory()).isEqualTo(2048L);
		assertThat(pack.usage().get("servers").percent()).isEqualByComparingTo("100");
		assertThat(pack.usage().get("memory").limited()).isTrue();
		assertThat(pack.servers()).extracting((server) -> ((Number) server.get("id")).longValue())
			.containsExactly(first.id(), second.id());
		assertThat(this.client.getResourcePack(packId, false).servers()).isEmpty();

		this.client.suspendResourcePackServers(packId);
		assertThat(this.client.findServer(first.id(), false).orElseThrow().suspended()).isTrue();
		assertThat(this.client.findServer(second.id(), false).orElseThrow().suspended()).isTrue();
		this.client.unsuspendResourcePackServers(packId);
		assertThat(this.client.findServer(first.id(), false).orElseThrow().suspended()).isFalse();

		this.client.modifyResourcePack(packId, new ResourcePackState(false));
		newServer(user, 1, 1);
		assertThat(this.client.getResourcePack(packId, false).used().servers())
			.as("a disabled pack takes no new servers")
			.isEqualTo(2L);
		this.client.modifyResourcePack(packId, new ResourcePackState(true));

		assertThatExceptionOfType(VirtFusionApiException.class)
			.isThrownBy(() -> this.client.deleteResourcePack(packId, false))
			.satisfies((ex) -> assertThat(ex.status()).as("the pack still has servers").isEqualTo(422));
		this.client.deleteResourcePackServers(packId, 0);
		assertThat(this.client.findServer(first.id(), false)).isEmpty();
		assertThat(this.client.findServer(second.id(), false)).isEmpty();
		assertThat(this.client.getResourcePack(packId, false).used().servers()).isZero();
		this.client.deleteResourcePack(packId, false);
		assertThatExceptionOfType(VirtFusionApiException.class)
			.isThrownBy(() -> this.client.getResourcePack(packId, false))
			.satisfies((ex) -> assertThat(ex.isNotFound()).isTrue());
	}

	@Test
	@Exercises({ VirtFusionOperation.DELETE_RESOURCE_PACK, VirtFusionOperation.GET_RESOURCE_PACK })
	void disablesAResourcePackThatStillHasServersWhenAsked() {
		User user = newUser();
		long packId = this.client.addResourcePack(ExtRelationId.of(user.extRelationId()), new ResourcePackAssignment(2))
			.id();
		Server server = newServer(user, 1, 1);

		this.client.deleteResourcePack(packId, true);

		assertThat(this.client.getResourcePack(packId, false).used().servers()).as("kept, but disabled").isEqualTo(1L);
		newServer(user, 1, 1);
		assertThat(this.client.getResourcePack(packId, false).used().servers()).isEqualTo(1L);
		assertThat(this.client.findServer(server.id(), false)).isPresent();
	}

	@Test
	@Exercises({ VirtFusionOperation.GENERATE_REPORT, VirtFusionOperation.GET_USAGE,
			VirtFusionOperation.GET_HOURLY_STATS })
	void reportsFalseTotalsWithoutUsage() {
		User user = newUser();
		ExtRelationId ext = ExtRelationId.of(user.extRelationId());

		Report report = this.client.generateReport(ext, 0, "EUR");

		assertThat(report.usage().success()).isTrue();
		assertThat(report.usage().serversTotal().hours()).isNull();
		assertThat(report.usage().serversTotal().value()).isNull();
		assertThat(report.usage().serversTotal().tokens()).isNull();
		assertThat(report.usage().monthlyTotal().value()).isNull();
		assertThat(report.usage().servers()).isEmpty();
		assertThat(report.usage().hourConversionRate()).isEqualByComparingTo("730");
		assertThat(report.usage().period().ymd()).isEqualTo(LocalDate.now(this.clock).withDayOfMonth(1).toString());
		assertThat(report.currency().code()).isEqualTo("EUR");
		assertThat(report.currency().value()).isEqualByComparingTo("0.0092");
		assertThat(report.currency().defaultCurrency().code()).isEqualTo("USD");
		assertThat(report.limits().success()).isTrue();
		Usage usage = this.client.getUsage(ext, List.of(), null);
		assertThat(usage.user().id()).isEqualTo(user.id());
		assertThat(usage.user().relationalId()).isEqualTo(user.extRelationId());
		assertThat(usage.usageServers().hours()).isZero();
		assertThat(usage.periods()).singleElement().satisfies((period) -> {
			assertThat(period.range()).isEqualTo("month");
			assertThat(period.currentPeriod()).isTrue();
		});
		assertThat(this.client.getHourlyStats(ext, List.of(), null).monthlyTotal().hours()).isZero();
		assertThatExceptionOfType(VirtFusionApiException.class)
			.isThrownBy(() -> this.client.generateReport(ext, null, "XYZ"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422));
	}

	@Test
	@Exercises({ VirtFusionOperation.GENERATE_REPORT, VirtFusionOperation.GET_USAGE,
			VirtFusionOperation.GET_HOURLY_STATS, VirtFusionOperation.GET_RESOURCE_PACK })
	void chargesTheHoursServersExistedAtTheirPackagesPrice() {
		User user = newUser();
		ExtRelationId ext = ExtRelationId.of(user.extRelationId());
		long packId = this.client.addResourcePack(ext, new ResourcePackAssignment(2)).id();
		Server server = newServer(user, 3, 1);
		Instant created = OffsetDateTime.parse(server.created()).toInstant();
		LocalDate month = LocalDate.ofInstant(created, ZoneOffset.UTC).withDayOfMonth(1);

		this.clock.shift(Duration.ofHours(3));

		Usage usage = this.client.getUsage(ext, List.of(month), UsageRange.MONTH);
		assertThat(usage.periods()).singleElement().satisfies((period) -> {
			assertThat(period.period()).isEqualTo(month.toString());
			assertThat(period.usageServers().hours()).isPositive();
			assertThat(period.usageServers().token()).isPositive();
			assertThat(period.servers()).singleElement()
				.satisfies((line) -> assertThat(((Number) line.get("id")).longValue()).isEqualTo(server.id()));
		});
		HourlyStats stats = this.client.getHourlyStats(ext, List.of(month), UsageRange.MONTH);
		assertThat(stats.monthlyTotal().hours()).isPositive();
		assertThat(stats.monthlyTotal().value()).isPositive();
		assertThat(stats.monthlyTotal().tokens()).isPositive();
		assertThat(stats.servers()).isEqualTo(1);
		int periodsBack = (int) ChronoUnit.MONTHS.between(month, LocalDate.now(this.clock).withDayOfMonth(1));
		Report report = this.client.generateReport(ext, periodsBack, null);
		assertThat(report.usage().serversTotal().hours()).isEqualByComparingTo(stats.monthlyTotal().hours());
		assertThat(report.usage().serversTotal().value()).isEqualByComparingTo(stats.monthlyTotal().value());
		assertThat(report.usage().servers()).hasSize(1);
		assertThat(report.limits().packs()).singleElement()
			.satisfies((pack) -> assertThat(((Number) pack.get("id")).longValue()).isEqualTo(packId));
		assertThat(this.client.getResourcePack(packId, false).used().servers()).isEqualTo(1L);
	}

	// ------------------------------------------------------------------ Coverage

	@Test
	void namesEveryOperationInAnExercisesMarker() {
		Set<VirtFusionOperation> named = EnumSet.noneOf(VirtFusionOperation.class);
		for (var method : getClass().getDeclaredMethods()) {
			Exercises exercises = method.getAnnotation(Exercises.class);
			if (exercises != null) {
				named.addAll(List.of(exercises.value()));
			}
		}

		assertThat(EnumSet.complementOf(EnumSet.copyOf(named))).as("operations no contract test names").isEmpty();
	}

	/**
	 * Runs last, and checks only when every other test of the class has run (it is
	 * skipped when a filter picked some): then every operation must have had a successful
	 * call, whatever order the other tests ran in.
	 */
	@Test
	@Order(Integer.MAX_VALUE)
	void exercisesEveryOperationSuccessfullyOverHttp(TestInfo self) {
		Set<String> tests = Arrays.stream(getClass().getDeclaredMethods())
			.filter((method) -> method.isAnnotationPresent(Test.class))
			.map(java.lang.reflect.Method::getName)
			.filter((name) -> !name.equals(self.getTestMethod().orElseThrow().getName()))
			.collect(Collectors.toSet());
		assumeThat(this.ran).as("all other contract tests ran").containsAll(tests);

		Map<VirtFusionOperation, Long> successes = successes();

		assertThat(successes.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == 0)
			.map((entry) -> entry.getKey() + " (" + entry.getKey().clientMethod() + ")")
			.toList()).as("operations without a successful call in this class").isEmpty();
	}

	// ------------------------------------------------------------------ helpers

	/** Successful attempts per operation so far, from the client's call timer. */
	private Map<VirtFusionOperation, Long> successes() {
		Map<VirtFusionOperation, Long> counts = new EnumMap<>(VirtFusionOperation.class);
		for (VirtFusionOperation operation : VirtFusionOperation.values()) {
			counts.put(operation,
					this.meters.find(VirtFusionClient.CALLS_METRIC)
						.tag("operation", operation.clientMethod())
						.tag("outcome", "success")
						.timers()
						.stream()
						.mapToLong(Timer::count)
						.sum());
		}
		return counts;
	}

	private User newUser() {
		long ext = this.sequence.incrementAndGet();
		User user = this.client
			.createUser(CreateUserRequest.builder("Customer " + ext, "customer" + ext + "@example.com")
				.externalId(ExtRelationId.of(ext))
				.build());
		assertThat(user.id()).isPositive();
		return user;
	}

	private Server newServer(User owner, long packageId, long groupId) {
		return this.client.createServer(CreateServerRequest.builder(packageId, owner.id(), groupId).build(), false)
			.orElseThrow();
	}

	/** Builds the server with Debian 12 and waits for the build to complete. */
	private Server built(Server server) {
		this.client.buildServer(server.id(), BuildServerRequest.builder(1).name("server-" + server.id()).build());
		return awaitServer(server.id(), Server::isBuilt);
	}

	private Server awaitServer(long serverId, Predicate<Server> condition) {
		return await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(25))
			.until(() -> this.client.findServer(serverId, false).orElseThrow(), condition);
	}

	private HypervisorResources amsterdamResources() {
		Page<HypervisorResources> page = this.client.listHypervisorGroupResources(2, PageRequest.first());
		assertThat(page.data()).hasSize(1);
		HypervisorResources resources = page.data().get(0);
		assertThat(resources.hypervisor().id()).isEqualTo(3L);
		return resources;
	}

	private long freeIpv4(long groupId) {
		List<HypervisorResources> hypervisors = this.client.listHypervisorGroupResources(groupId, PageRequest.first())
			.data();
		return hypervisors.get(0).resources().freeIpv4();
	}

	private List<String> addresses(long serverId) {
		return this.client.findServer(serverId, false)
			.orElseThrow()
			.network()
			.interfaces()
			.get(0)
			.ipv4()
			.stream()
			.map(Server.Ipv4Address::address)
			.toList();
	}

	private List<Server.WhitelistedAddress> whitelist(long serverId) {
		return this.client.findServer(serverId, false).orElseThrow().network().interfaces().get(0).ipWhitelist();
	}

	/** The simulator's own document of the server's primary interface. */
	private JsonNode primaryInterface(long serverId) {
		return this.sim.apiData("/servers/" + serverId).path("network").path("interfaces").path(0);
	}

	private static String monthName(LocalDate month) {
		return month.format(java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.ENGLISH));
	}

	private static long ipv4Value(String address) {
		long value = 0;
		for (String part : address.split("\\.")) {
			value = value * 256 + Integer.parseInt(part);
		}
		return value;
	}

	@SafeVarargs
	private static <T> List<T> concat(List<T> first, T... more) {
		List<T> all = new ArrayList<>(first);
		all.addAll(List.of(more));
		return all;
	}

}
