package io.vfbridge.virtfusion;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.vfbridge.virtfusion.VirtFusionApiException.Failure;
import io.vfbridge.virtfusion.model.Backup;
import io.vfbridge.virtfusion.model.BuildServerRequest;
import io.vfbridge.virtfusion.model.CpuThrottle;
import io.vfbridge.virtfusion.model.CreateServerRequest;
import io.vfbridge.virtfusion.model.CreateUserRequest;
import io.vfbridge.virtfusion.model.CreatedId;
import io.vfbridge.virtfusion.model.CreditGrant;
import io.vfbridge.virtfusion.model.Currency;
import io.vfbridge.virtfusion.model.DnsService;
import io.vfbridge.virtfusion.model.ExtRelationId;
import io.vfbridge.virtfusion.model.Firewall;
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
import io.vfbridge.virtfusion.model.QueueItem;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The typed client of one VirtFusion panel: one public method per operation of the Global
 * API (see {@link VirtFusionOperation}), records in and out.
 *
 * <p>
 * Every call goes through one private {@code execute}: bulkhead, rate limiter, circuit
 * breaker and short retries (Resilience4j), a Micrometer timer per attempt and one DEBUG
 * line per attempt that never contains the token or a body. Any 2xx is success, whatever
 * the exact code; anything else throws {@link VirtFusionApiException}. Only {@code find*}
 * methods turn 404 into {@link Optional#empty()}. Only GET, PUT and DELETE calls, and
 * calls that provably never left (connection refused), are retried here: a POST such as
 * {@link #createServer} is never repeated by this client once it may have reached
 * VirtFusion.
 *
 * <p>
 * Thread-safe; methods block the calling thread (virtual threads welcome).
 */
public final class VirtFusionClient {

	/** The timer of every attempt, tagged with panel, operation, status and outcome. */
	public static final String CALLS_METRIC = "vfbridge.virtfusion.calls";

	private static final Logger log = LoggerFactory.getLogger(VirtFusionClient.class);

	private static final byte[] NO_BODY = new byte[0];

	private static final Duration BLOCK_MARGIN = Duration.ofSeconds(5);

	private static final int MAX_DELAY_MINUTES = 43_800;

	private static final int MAX_REPORT_PERIOD = 24;

	private final String panel;

	private final Supplier<String> baseUrl;

	private final VirtFusionProperties.Panel settings;

	private final WebClient webClient;

	private final Resilience resilience;

	private final MeterRegistry meters;

	private final VirtFusionJson json;

	private final Clock clock;

	private final VirtFusionCallListener listener;

	VirtFusionClient(String panel, Supplier<String> baseUrl, VirtFusionProperties.Panel settings, WebClient webClient,
			Resilience resilience, MeterRegistry meters, VirtFusionJson json, Clock clock) {
		this(panel, baseUrl, settings, webClient, resilience, meters, json, clock, VirtFusionCallListener.NONE);
	}

	VirtFusionClient(String panel, Supplier<String> baseUrl, VirtFusionProperties.Panel settings, WebClient webClient,
			Resilience resilience, MeterRegistry meters, VirtFusionJson json, Clock clock,
			VirtFusionCallListener listener) {
		this.listener = listener;
		this.panel = panel;
		this.baseUrl = baseUrl;
		this.settings = settings;
		this.webClient = webClient;
		this.resilience = resilience;
		this.meters = meters;
		this.json = json;
		this.clock = clock;
	}

	/** The name of the panel this client talks to. */
	public String panel() {
		return this.panel;
	}

	/** The circuit breaker's state, for health and metrics. */
	public CircuitBreaker.State circuitState() {
		return this.resilience.circuitBreaker().getState();
	}

	// ---------------------------------------------------------------- General

	/** Checks the URL and token: {@code GET /connect} answers a bare {@code []}. */
	public void testConnection() {
		send(VirtFusionRequest.of(VirtFusionOperation.TEST_CONNECTION));
	}

	// ---------------------------------------------------------------- Hypervisors

	/** A page of hypervisors. */
	public Page<Hypervisor> listHypervisors(PageRequest page) {
		return page(VirtFusionRequest.of(VirtFusionOperation.LIST_HYPERVISORS), page, Hypervisor.class);
	}

	/** The hypervisor with this id. */
	public Hypervisor getHypervisor(long hypervisorId) {
		return data(VirtFusionRequest.of(VirtFusionOperation.GET_HYPERVISOR, hypervisorId), Hypervisor.class);
	}

	// ---------------------------------------------------------------- Hypervisor groups

	/** A page of hypervisor groups. */
	public Page<HypervisorGroup> listHypervisorGroups(PageRequest page) {
		return page(VirtFusionRequest.of(VirtFusionOperation.LIST_HYPERVISOR_GROUPS), page, HypervisorGroup.class);
	}

	/** The hypervisor group with this id. */
	public HypervisorGroup getHypervisorGroup(long hypervisorGroupId) {
		return data(VirtFusionRequest.of(VirtFusionOperation.GET_HYPERVISOR_GROUP, hypervisorGroupId),
				HypervisorGroup.class);
	}

	/** A page of the group's hypervisors with their free capacity (for stock control). */
	public Page<HypervisorResources> listHypervisorGroupResources(long hypervisorGroupId, PageRequest page) {
		return page(VirtFusionRequest.of(VirtFusionOperation.LIST_HYPERVISOR_GROUP_RESOURCES, hypervisorGroupId), page,
				HypervisorResources.class);
	}

	// ---------------------------------------------------------------- Servers: firewall

	/**
	 * Turns the interface's firewall off.
	 * @param sync whether the hypervisor applies it at once (else it is only stored)
	 */
	public void disableFirewall(long serverId, ServerInterface iface, boolean sync) {
		send(sync(VirtFusionRequest.of(VirtFusionOperation.DISABLE_FIREWALL, serverId, iface.value()), sync));
	}

	/**
	 * Turns the interface's firewall on.
	 * @param sync whether the hypervisor applies it at once (else it is only stored)
	 */
	public void enableFirewall(long serverId, ServerInterface iface, boolean sync) {
		send(sync(VirtFusionRequest.of(VirtFusionOperation.ENABLE_FIREWALL, serverId, iface.value()), sync));
	}

	/** The interface's firewall. */
	public Firewall getFirewall(long serverId, ServerInterface iface) {
		return data(VirtFusionRequest.of(VirtFusionOperation.GET_FIREWALL, serverId, iface.value()), Firewall.class);
	}

	/**
	 * Replaces every firewall rule of the interface with the rulesets' rules.
	 * @param sync whether the hypervisor applies it at once (else it is only stored)
	 */
	public void applyFirewallRulesets(long serverId, ServerInterface iface, FirewallRulesets rulesets, boolean sync) {
		send(sync(VirtFusionRequest.of(VirtFusionOperation.APPLY_FIREWALL_RULESETS, serverId, iface.value()), sync)
			.body(rulesets));
	}

	// ---------------------------------------------------------------- Servers: network

	/** Adds an address to the interface's network whitelist. */
	public void addWhitelistAddress(long serverId, WhitelistEntry entry) {
		send(VirtFusionRequest.of(VirtFusionOperation.ADD_WHITELIST_ADDRESS, serverId).body(entry));
	}

	/** Removes an address from the whitelist (a DELETE with a JSON body). */
	public void removeWhitelistAddress(long serverId, WhitelistRemoval removal) {
		send(VirtFusionRequest.of(VirtFusionOperation.REMOVE_WHITELIST_ADDRESS, serverId).body(removal));
	}

	/** Adds IPv4 addresses VirtFusion picks; returns the new addresses. */
	public List<String> addIpv4Quantity(long serverId, Ipv4Quantity request) {
		return dataList(VirtFusionRequest.of(VirtFusionOperation.ADD_IPV4_QUANTITY, serverId).body(request),
				String.class);
	}

	/** Adds the given IPv4 addresses to the interface. */
	public void addIpv4Addresses(long serverId, Ipv4Addresses request) {
		send(VirtFusionRequest.of(VirtFusionOperation.ADD_IPV4_ADDRESSES, serverId).body(request));
	}

	/** Removes IPv4 addresses from the server (a DELETE with a JSON body). */
	public void removeIpv4Addresses(long serverId, Ipv4Removal removal) {
		send(VirtFusionRequest.of(VirtFusionOperation.REMOVE_IPV4_ADDRESSES, serverId).body(removal));
	}

	// ---------------------------------------------------------------- Servers: power

	/** Queues a boot; the task's queue id is null if VirtFusion sent none. */
	public QueueTask bootServer(long serverId) {
		return queueTask(VirtFusionRequest.of(VirtFusionOperation.BOOT_SERVER, serverId));
	}

	/** Queues a graceful (ACPI) shutdown. */
	public QueueTask shutdownServer(long serverId) {
		return queueTask(VirtFusionRequest.of(VirtFusionOperation.SHUTDOWN_SERVER, serverId));
	}

	/** Queues a restart. */
	public QueueTask restartServer(long serverId) {
		return queueTask(VirtFusionRequest.of(VirtFusionOperation.RESTART_SERVER, serverId));
	}

	/** Queues a hard power-off. */
	public QueueTask powerOffServer(long serverId) {
		return queueTask(VirtFusionRequest.of(VirtFusionOperation.POWER_OFF_SERVER, serverId));
	}

	// ---------------------------------------------------------------- Servers: traffic

	/** Adds an extra traffic block to one of the offered periods. */
	public void addTrafficBlock(long serverId, NewTrafficBlock block) {
		send(VirtFusionRequest.of(VirtFusionOperation.ADD_TRAFFIC_BLOCK, serverId).body(block));
	}

	/** Removes an assigned traffic block (no body, whatever the docs page shows). */
	public void removeTrafficBlock(long serverId, long blockId) {
		send(VirtFusionRequest.of(VirtFusionOperation.REMOVE_TRAFFIC_BLOCK, serverId, blockId));
	}

	/** The server's traffic blocks and the periods blocks can be added to. */
	public TrafficBlocks listTrafficBlocks(long serverId) {
		return data(VirtFusionRequest.of(VirtFusionOperation.LIST_TRAFFIC_BLOCKS, serverId), TrafficBlocks.class);
	}

	// ---------------------------------------------------------------- Servers

	/**
	 * The server, or empty when VirtFusion has none (404).
	 * @param remoteState whether to ask the hypervisor for the live state (slower)
	 */
	public Optional<Server> findServer(long serverId, boolean remoteState) {
		return find(VirtFusionRequest.of(VirtFusionOperation.FIND_SERVER, serverId)
			.query("remoteState", remoteState ? "true" : null), Server.class);
	}

	/** Sets the server's backup plan; plan 0 removes it. */
	public void setBackupPlan(long serverId, long planId) {
		send(VirtFusionRequest.of(VirtFusionOperation.SET_BACKUP_PLAN, serverId, planId));
	}

	/**
	 * Installs (or reinstalls) the server's operating system. The answer's
	 * {@code settings.decryptedPassword} is the new root password, in clear.
	 */
	public Server buildServer(long serverId, BuildServerRequest request) {
		return data(VirtFusionRequest.of(VirtFusionOperation.BUILD_SERVER, serverId).body(request), Server.class);
	}

	/**
	 * Moves the server to another package.
	 * @param options which resources follow the package, or null to send no body
	 * @return notes on resources left unchanged; none when VirtFusion sent no body
	 */
	public PackageChange changeServerPackage(long serverId, long packageId, PackageChangeOptions options) {
		return optionalBody(
				VirtFusionRequest.of(VirtFusionOperation.CHANGE_SERVER_PACKAGE, serverId, packageId).body(options),
				PackageChange.class)
			.orElse(PackageChange.NO_NOTES);
	}

	/**
	 * Creates a server (not installed until built). Never retried by this client: the
	 * call has no idempotency key.
	 * @param dryRun whether VirtFusion only validates the request ({@code dryRun=true})
	 * @return the new server; empty when VirtFusion sent no server (a dry run)
	 */
	public Optional<Server> createServer(CreateServerRequest request, boolean dryRun) {
		return optionalData(VirtFusionRequest.of(VirtFusionOperation.CREATE_SERVER)
			.query("dryRun", dryRun ? "true" : null)
			.body(request), Server.class);
	}

	/**
	 * Schedules the server's deletion.
	 * @param delayMinutes minutes to wait first (0 to 43,800), or null for VirtFusion's
	 * default
	 */
	public void deleteServer(long serverId, Integer delayMinutes) {
		send(VirtFusionRequest.of(VirtFusionOperation.DELETE_SERVER, serverId)
			.query("delay", checkedDelay(delayMinutes)));
	}

	/** A page of servers (the simple list), filtered by hypervisor. */
	public Page<ServerSummary> listServers(ServerListQuery query, PageRequest page) {
		return page(
				VirtFusionRequest.of(VirtFusionOperation.LIST_SERVERS).query("hypervisorId[]", query.hypervisorIds()),
				page, ServerSummary.class);
	}

	/** Renames the server. */
	public void modifyServerName(long serverId, ServerRename rename) {
		send(VirtFusionRequest.of(VirtFusionOperation.MODIFY_SERVER_NAME, serverId).body(rename));
	}

	/** Queues a new generated password for a server account; the answer holds it. */
	public PasswordResetTask resetServerPassword(long serverId, ServerPasswordReset request) {
		return data(VirtFusionRequest.of(VirtFusionOperation.RESET_SERVER_PASSWORD, serverId).body(request),
				PasswordResetTask.class);
	}

	/** All servers of the user with this <em>internal</em> id. */
	public List<UserServer> listUserServers(long userId) {
		return dataList(VirtFusionRequest.of(VirtFusionOperation.LIST_USER_SERVERS, userId), UserServer.class);
	}

	/** The OS templates the server can be built with, by distribution. */
	public List<OsTemplateGroup> listServerTemplates(long serverId) {
		return dataList(VirtFusionRequest.of(VirtFusionOperation.LIST_SERVER_TEMPLATES, serverId),
				OsTemplateGroup.class);
	}

	/** Suspends the server (423 while a task runs). */
	public void suspendServer(long serverId) {
		send(VirtFusionRequest.of(VirtFusionOperation.SUSPEND_SERVER, serverId));
	}

	/**
	 * Throttles the server's CPU.
	 * @param sync whether the hypervisor applies it at once (else it is only stored)
	 */
	public void throttleServerCpu(long serverId, CpuThrottle throttle, boolean sync) {
		send(sync(VirtFusionRequest.of(VirtFusionOperation.THROTTLE_SERVER_CPU, serverId), sync).body(throttle));
	}

	/** The server's traffic per period, newest first. */
	public TrafficStatistics getServerTraffic(long serverId) {
		return data(VirtFusionRequest.of(VirtFusionOperation.GET_SERVER_TRAFFIC, serverId), TrafficStatistics.class);
	}

	/** Unsuspends the server (423 while a task runs). */
	public void unsuspendServer(long serverId) {
		send(VirtFusionRequest.of(VirtFusionOperation.UNSUSPEND_SERVER, serverId));
	}

	/** Turns VNC on or off; the answer carries the console endpoint and password. */
	public VncState setServerVnc(long serverId, VncToggle toggle) {
		return data(VirtFusionRequest.of(VirtFusionOperation.SET_SERVER_VNC, serverId).body(toggle), VncState.class);
	}

	/**
	 * Gives the server to the user with this <em>internal</em> id (422 if already
	 * theirs).
	 */
	public void changeServerOwner(long serverId, long newOwnerId) {
		send(VirtFusionRequest.of(VirtFusionOperation.CHANGE_SERVER_OWNER, serverId, newOwnerId));
	}

	/** Sets the server's primary traffic allowance. */
	public void modifyServerTraffic(long serverId, TrafficAllowance allowance) {
		send(VirtFusionRequest.of(VirtFusionOperation.MODIFY_SERVER_TRAFFIC, serverId).body(allowance));
	}

	// ---------------------------------------------------------------- IP blocks

	/** Adds an IPv4 range to the block. */
	public void addIpBlockRange(long blockId, IpBlockRange range) {
		send(VirtFusionRequest.of(VirtFusionOperation.ADD_IP_BLOCK_RANGE, blockId).body(range));
	}

	/** A page of IP blocks. */
	public Page<IpBlock> listIpBlocks(PageRequest page) {
		return page(VirtFusionRequest.of(VirtFusionOperation.LIST_IP_BLOCKS), page, IpBlock.class);
	}

	/** The IP block with this id. */
	public IpBlock getIpBlock(long blockId) {
		return data(VirtFusionRequest.of(VirtFusionOperation.GET_IP_BLOCK, blockId), IpBlock.class);
	}

	// ---------------------------------------------------------------- Backups, DNS,
	// media, packages, queue

	/** The server's backups. */
	public List<Backup> listServerBackups(long serverId) {
		return dataList(VirtFusionRequest.of(VirtFusionOperation.LIST_SERVER_BACKUPS, serverId), Backup.class);
	}

	/** The DNS service with this id. */
	public DnsService getDnsService(long serviceId) {
		return data(VirtFusionRequest.of(VirtFusionOperation.GET_DNS_SERVICE, serviceId), DnsService.class);
	}

	/** The ISO with this id. */
	public Iso getIso(long isoId) {
		return data(VirtFusionRequest.of(VirtFusionOperation.GET_ISO, isoId), Iso.class);
	}

	/** The OS templates servers of the package can be built with, by distribution. */
	public List<OsTemplateGroup> listPackageTemplates(long serverPackageId) {
		return dataList(VirtFusionRequest.of(VirtFusionOperation.LIST_PACKAGE_TEMPLATES, serverPackageId),
				OsTemplateGroup.class);
	}

	/** Every package. */
	public List<ServerPackage> listPackages() {
		return dataList(VirtFusionRequest.of(VirtFusionOperation.LIST_PACKAGES), ServerPackage.class);
	}

	/** The package with this id. */
	public ServerPackage getPackage(long packageId) {
		return data(VirtFusionRequest.of(VirtFusionOperation.GET_PACKAGE, packageId), ServerPackage.class);
	}

	/** The queue item with this id (see {@link QueueItem#isDone()}). */
	public QueueItem getQueueItem(long queueId) {
		return data(VirtFusionRequest.of(VirtFusionOperation.GET_QUEUE_ITEM, queueId), QueueItem.class);
	}

	// ---------------------------------------------------------------- SSH keys

	/** Adds an SSH key to a user; the answer carries its id. */
	public SshKey addSshKey(NewSshKey key) {
		return data(VirtFusionRequest.of(VirtFusionOperation.ADD_SSH_KEY).body(key), SshKey.class);
	}

	/** Deletes the SSH key. */
	public void deleteSshKey(long keyId) {
		send(VirtFusionRequest.of(VirtFusionOperation.DELETE_SSH_KEY, keyId));
	}

	/** The SSH keys of the user with this <em>internal</em> id. */
	public List<SshKey> listUserSshKeys(long userId) {
		return dataList(VirtFusionRequest.of(VirtFusionOperation.LIST_USER_SSH_KEYS, userId), SshKey.class);
	}

	/** The SSH key with this id. */
	public SshKey getSshKey(long keyId) {
		return data(VirtFusionRequest.of(VirtFusionOperation.GET_SSH_KEY, keyId), SshKey.class);
	}

	// ---------------------------------------------------------------- Users

	/** Deletes the user (VirtFusion may refuse while the user owns servers). */
	public void deleteUser(ExtRelationId user) {
		send(VirtFusionRequest.of(VirtFusionOperation.DELETE_USER, user));
	}

	/** One-time tokens that log the user into the panel. */
	public LoginTokens createLoginTokens(ExtRelationId user) {
		return loginTokens(VirtFusionRequest.of(VirtFusionOperation.CREATE_LOGIN_TOKENS, user));
	}

	/** One-time tokens that log the user into the panel at the server. */
	public LoginTokens createServerLoginTokens(ExtRelationId user, long serverId) {
		return loginTokens(VirtFusionRequest.of(VirtFusionOperation.CREATE_SERVER_LOGIN_TOKENS, user, serverId));
	}

	/** Changes the user; the answer carries the changed fields only. */
	public User modifyUser(ExtRelationId user, ModifyUserRequest request) {
		return data(VirtFusionRequest.of(VirtFusionOperation.MODIFY_USER, user).body(request), User.class);
	}

	/** Gives the user a new generated panel password and returns it. */
	public UserCredentials resetUserPassword(ExtRelationId user) {
		return data(VirtFusionRequest.of(VirtFusionOperation.RESET_USER_PASSWORD, user), UserCredentials.class);
	}

	/** The user with this external id, or empty when VirtFusion has none (404). */
	public Optional<User> findUserByExtRelationId(ExtRelationId extRelationId) {
		return find(VirtFusionRequest.of(VirtFusionOperation.FIND_USER_BY_EXT_RELATION_ID, extRelationId), User.class);
	}

	/**
	 * Creates a user (409 when the email exists). The answer's password is shown only
	 * once.
	 */
	public User createUser(CreateUserRequest request) {
		return data(VirtFusionRequest.of(VirtFusionOperation.CREATE_USER).body(request), User.class);
	}

	// ---------------------------------------------------------------- Self service by
	// external relation id

	/** Adds credit to the user's balance; the answer carries the credit id. */
	public CreatedId addCredit(ExtRelationId user, CreditGrant grant) {
		return data(VirtFusionRequest.of(VirtFusionOperation.ADD_CREDIT, user).body(grant), CreatedId.class);
	}

	/** Gives the user an hourly group profile. */
	public void addHourlyGroupProfile(ExtRelationId user, ProfileAssignment profile) {
		send(VirtFusionRequest.of(VirtFusionOperation.ADD_HOURLY_GROUP_PROFILE, user).body(profile));
	}

	/** Gives the user a resource group profile. */
	public void addResourceGroupProfile(ExtRelationId user, ProfileAssignment profile) {
		send(VirtFusionRequest.of(VirtFusionOperation.ADD_RESOURCE_GROUP_PROFILE, user).body(profile));
	}

	/** Gives the user a resource pack; the answer carries the user's pack id. */
	public CreatedId addResourcePack(ExtRelationId user, ResourcePackAssignment pack) {
		return data(VirtFusionRequest.of(VirtFusionOperation.ADD_RESOURCE_PACK, user).body(pack), CreatedId.class);
	}

	/**
	 * The user's hourly statistics.
	 * @param periods the periods' first days ({@code period[]}), empty for the current
	 * one
	 * @param range the periods' length, or null for VirtFusion's default (a month)
	 */
	public HourlyStats getHourlyStats(ExtRelationId user, List<LocalDate> periods, UsageRange range) {
		return data(periods(VirtFusionRequest.of(VirtFusionOperation.GET_HOURLY_STATS, user), periods, range),
				HourlyStats.class);
	}

	/** Sets how the user's self-service access level is derived. */
	public void modifySelfServiceAccess(ExtRelationId user, SelfServiceAccess access) {
		send(VirtFusionRequest.of(VirtFusionOperation.MODIFY_SELF_SERVICE_ACCESS, user).body(access));
	}

	/** Takes an hourly group profile from the user. */
	public void removeHourlyGroupProfile(ExtRelationId user, long profileId) {
		send(VirtFusionRequest.of(VirtFusionOperation.REMOVE_HOURLY_GROUP_PROFILE, profileId, user));
	}

	/** Takes a resource group profile from the user. */
	public void removeResourceGroupProfile(ExtRelationId user, long profileId) {
		send(VirtFusionRequest.of(VirtFusionOperation.REMOVE_RESOURCE_GROUP_PROFILE, profileId, user));
	}

	/**
	 * The user's billing report.
	 * @param period the period, 0 (current) to 24 periods back, or null for the current
	 * @param currency a three-letter currency code configured in self service, or null
	 * for the user's
	 */
	public Report generateReport(ExtRelationId user, Integer period, String currency) {
		if (period != null && (period < 0 || period > MAX_REPORT_PERIOD)) {
			throw new IllegalArgumentException("period is between 0 (current) and " + MAX_REPORT_PERIOD);
		}
		if (currency != null && !currency.matches("[A-Za-z]{3}")) {
			throw new IllegalArgumentException("currency is a three-letter code");
		}
		return data(VirtFusionRequest.of(VirtFusionOperation.GENERATE_REPORT, user)
			.query("period", period)
			.query("currency", currency), Report.class);
	}

	/** Sets the user's hourly resource pack. */
	public void setHourlyResourcePack(ExtRelationId user, HourlyResourcePack pack) {
		send(VirtFusionRequest.of(VirtFusionOperation.SET_HOURLY_RESOURCE_PACK, user).body(pack));
	}

	/**
	 * The user's usage.
	 * @param periods the periods' first days ({@code period[]}), empty for the current
	 * one
	 * @param range the periods' length, or null for VirtFusion's default (a month)
	 */
	public Usage getUsage(ExtRelationId user, List<LocalDate> periods, UsageRange range) {
		return data(periods(VirtFusionRequest.of(VirtFusionOperation.GET_USAGE, user), periods, range), Usage.class);
	}

	// ---------------------------------------------------------------- Self service by
	// pack or credit id

	/** Cancels a credit added with {@link #addCredit}. */
	public void cancelCredit(long creditId) {
		send(VirtFusionRequest.of(VirtFusionOperation.CANCEL_CREDIT, creditId));
	}

	/**
	 * Schedules the deletion of every server of the user's pack.
	 * @param delayMinutes minutes to wait first (0 to 43,800), or null for VirtFusion's
	 * default (30)
	 */
	public void deleteResourcePackServers(long packId, Integer delayMinutes) {
		send(VirtFusionRequest.of(VirtFusionOperation.DELETE_RESOURCE_PACK_SERVERS, packId)
			.query("delay", checkedDelay(delayMinutes)));
	}

	/**
	 * Deletes the user's pack.
	 * @param disableIfUndeletable whether to disable the pack when it cannot be deleted
	 */
	public void deleteResourcePack(long packId, boolean disableIfUndeletable) {
		send(VirtFusionRequest.of(VirtFusionOperation.DELETE_RESOURCE_PACK, packId)
			.query("disable", disableIfUndeletable ? "true" : null));
	}

	/**
	 * The user's pack with its quota and use.
	 * @param withServers whether to include the pack's servers
	 */
	public ResourcePack getResourcePack(long packId, boolean withServers) {
		return data(VirtFusionRequest.of(VirtFusionOperation.GET_RESOURCE_PACK, packId)
			.query("withServers", withServers ? "true" : null), ResourcePack.class);
	}

	/** Enables or disables the user's pack. */
	public void modifyResourcePack(long packId, ResourcePackState state) {
		send(VirtFusionRequest.of(VirtFusionOperation.MODIFY_RESOURCE_PACK, packId).body(state));
	}

	/** The self-service currencies. */
	public List<Currency> listCurrencies() {
		return dataList(VirtFusionRequest.of(VirtFusionOperation.LIST_CURRENCIES), Currency.class);
	}

	/** Suspends every server of the user's pack. */
	public void suspendResourcePackServers(long packId) {
		send(VirtFusionRequest.of(VirtFusionOperation.SUSPEND_RESOURCE_PACK_SERVERS, packId));
	}

	/** Unsuspends every server of the user's pack. */
	public void unsuspendResourcePackServers(long packId) {
		send(VirtFusionRequest.of(VirtFusionOperation.UNSUSPEND_RESOURCE_PACK_SERVERS, packId));
	}

	// ---------------------------------------------------------------- request helpers

	/** {@code sync=true} only when asked: absent means false to VirtFusion. */
	private static VirtFusionRequest sync(VirtFusionRequest request, boolean sync) {
		return request.query("sync", sync ? "true" : null);
	}

	private static Integer checkedDelay(Integer delayMinutes) {
		if (delayMinutes != null && (delayMinutes < 0 || delayMinutes > MAX_DELAY_MINUTES)) {
			throw new IllegalArgumentException("delay is between 0 and " + MAX_DELAY_MINUTES + " minutes");
		}
		return delayMinutes;
	}

	private static VirtFusionRequest periods(VirtFusionRequest request, List<LocalDate> periods, UsageRange range) {
		return request.query("period[]", periods.stream().map(LocalDate::toString).toList())
			.query("range", (range != null) ? range.code() : null);
	}

	private QueueTask queueTask(VirtFusionRequest request) {
		return optionalData(request, QueueTask.class).orElse(QueueTask.UNTRACKED);
	}

	private LoginTokens loginTokens(VirtFusionRequest request) {
		return data(request, Authentication.class).authentication();
	}

	/**
	 * The {@code data} of the login token operations; an answer without
	 * {@code authentication} is an invalid response.
	 */
	private record Authentication(LoginTokens authentication) {

		Authentication {
			if (authentication == null) {
				throw new IllegalArgumentException("the answer has no authentication");
			}
		}

	}

	// ---------------------------------------------------------------- neighbouring
	// operations

	/**
	 * Sets the server's memory in MB (at least 256); VirtFusion answers 201 without a
	 * body.
	 */
	public void modifyServerMemory(long serverId, int memoryMb) {
		if (memoryMb < 256) {
			throw new IllegalArgumentException("memory must be at least 256 MB");
		}
		send(VirtFusionRequest.of(VirtFusionOperation.MODIFY_SERVER_MEMORY, serverId)
			.body(java.util.Map.of("memory", memoryMb)));
	}

	/** Sets the server's CPU cores (1 to 600); VirtFusion answers 201 without a body. */
	public void modifyServerCpuCores(long serverId, int cores) {
		if (cores < 1 || cores > 600) {
			throw new IllegalArgumentException("cores must be between 1 and 600");
		}
		send(VirtFusionRequest.of(VirtFusionOperation.MODIFY_SERVER_CPU_CORES, serverId)
			.body(java.util.Map.of("cores", cores)));
	}

	// ---------------------------------------------------------------- response readers

	/** Makes the call and ignores any body. */
	private void send(VirtFusionRequest request) {
		execute(request);
	}

	/**
	 * The {@code data} member of the answer; an answer without one is an invalid
	 * response.
	 */
	private <T> T data(VirtFusionRequest request, Class<T> type) {
		return data(request, this.json.type(type));
	}

	private <T> T data(VirtFusionRequest request, JavaType type) {
		Response response = execute(request);
		T value = parse(request, response, () -> this.json.readData(response.body(), type));
		if (value == null) {
			throw invalid(request, response, "the answer has no data", null);
		}
		return value;
	}

	/**
	 * The {@code data} member of the answer, if there is one (a 2xx with an empty body
	 * gives empty).
	 */
	private <T> Optional<T> optionalData(VirtFusionRequest request, Class<T> type) {
		Response response = execute(request);
		return Optional
			.ofNullable(parse(request, response, () -> this.json.readData(response.body(), this.json.type(type))));
	}

	/** The list in {@code data}; empty when VirtFusion sends none. */
	private <T> List<T> dataList(VirtFusionRequest request, Class<T> element) {
		Response response = execute(request);
		List<T> items = parse(request, response, () -> this.json.readData(response.body(), this.json.listOf(element)));
		return (items != null) ? items : List.of();
	}

	/** A paginator page, requested with {@code results} and {@code page}. */
	private <T> Page<T> page(VirtFusionRequest request, PageRequest pageRequest, Class<T> element) {
		request.query("results", pageRequest.results()).query("page", pageRequest.page());
		Response response = execute(request);
		Page<T> page = parse(request, response, () -> (response.body().length == 0) ? null
				: this.json.read(response.body(), this.json.type(Page.class, element)));
		if (page == null) {
			throw invalid(request, response, "the answer has no page", null);
		}
		return page;
	}

	/** The whole body as the given type; an empty body is an invalid response. */
	private <T> T body(VirtFusionRequest request, Class<T> type) {
		Response response = execute(request);
		if (response.body().length == 0) {
			throw invalid(request, response, "the answer is empty", null);
		}
		return parse(request, response, () -> this.json.read(response.body(), this.json.type(type)));
	}

	/** The whole body as the given type, if there is one (a 2xx may be empty). */
	private <T> Optional<T> optionalBody(VirtFusionRequest request, Class<T> type) {
		Response response = execute(request);
		if (response.body().length == 0) {
			return Optional.empty();
		}
		return Optional
			.ofNullable(parse(request, response, () -> this.json.read(response.body(), this.json.type(type))));
	}

	/** Like {@link #data(VirtFusionRequest, Class)}, but 404 gives empty. */
	private <T> Optional<T> find(VirtFusionRequest request, Class<T> type) {
		try {
			return Optional.of(data(request, type));
		}
		catch (VirtFusionApiException ex) {
			if (ex.isNotFound()) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private <T> T parse(VirtFusionRequest request, Response response, Supplier<T> reader) {
		try {
			return reader.get();
		}
		catch (JacksonException | IllegalArgumentException ex) {
			String why = (ex instanceof JacksonException jackson)
					? jackson.getOriginalMessage() + " at " + jackson.getPathReference() : ex.getMessage();
			throw invalid(request, response, "the answer could not be read: " + why, ex);
		}
	}

	private VirtFusionApiException invalid(VirtFusionRequest request, Response response, String why, Throwable cause) {
		return new VirtFusionApiException(this.panel, request.operation(), response.status(), Failure.INVALID_RESPONSE,
				List.of(why), VirtFusionJson.redact(response.body(), this.settings.maxLoggedBodyChars()), null, cause);
	}

	// ---------------------------------------------------------------- the one place
	// calls are made

	/**
	 * Makes the call through retry → circuit breaker → rate limiter → bulkhead and
	 * returns a 2xx answer, or throws {@link VirtFusionApiException}. The only place a
	 * status becomes an exception.
	 */
	private Response execute(VirtFusionRequest request) {
		AtomicInteger attempt = new AtomicInteger();
		Callable<Response> guarded = () -> guarded(request, attempt.incrementAndGet());
		try {
			return this.resilience.retry().executeCallable(guarded);
		}
		catch (VirtFusionApiException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw failure(request, Failure.CONNECTION_LOST, ex);
		}
	}

	private Response guarded(VirtFusionRequest request, int attempt) throws Exception {
		try {
			return this.resilience.circuitBreaker()
				.executeCallable(() -> this.resilience.rateLimiter()
					.executeCallable(
							() -> this.resilience.bulkhead().executeCallable(() -> exchange(request, attempt))));
		}
		catch (CallNotPermittedException ex) {
			throw notPermitted(request, attempt, Failure.CIRCUIT_OPEN, ex);
		}
		catch (RequestNotPermitted ex) {
			throw notPermitted(request, attempt, Failure.RATE_LIMITED, ex);
		}
		catch (BulkheadFullException ex) {
			throw notPermitted(request, attempt, Failure.BULKHEAD_FULL, ex);
		}
	}

	private VirtFusionApiException notPermitted(VirtFusionRequest request, int attempt, Failure failure, Exception ex) {
		record(request, attempt, 0, outcome(failure, 0), 0, null, null);
		return failure(request, failure, ex);
	}

	/** One HTTP exchange: the status becomes an exception here and nowhere else. */
	private Response exchange(VirtFusionRequest request, int attempt) {
		VirtFusionOperation operation = request.operation();
		long started = System.nanoTime();
		byte[] sent = (request.body() != null) ? this.json.write(request.body()) : null;
		Response response;
		try {
			WebClient.RequestBodySpec spec = this.webClient.method(operation.method())
				// A URI, not a template: the path and query are already encoded.
				.uri(URI.create(this.baseUrl.get() + request.pathAndQuery()))
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.settings.token())
				.accept(MediaType.APPLICATION_JSON);
			if (request.body() != null) {
				spec.contentType(MediaType.APPLICATION_JSON).bodyValue(sent);
			}
			response = spec
				.exchangeToMono((answer) -> answer.bodyToMono(byte[].class)
					.defaultIfEmpty(NO_BODY)
					.map((body) -> new Response(answer.statusCode().value(),
							answer.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), body)))
				.block(this.settings.connectTimeout().plus(this.settings.responseTimeout()).plus(BLOCK_MARGIN));
		}
		catch (RuntimeException ex) {
			Failure failure = classify(ex);
			record(request, attempt, 0, outcome(failure, 0), System.nanoTime() - started, sent, null);
			throw failure(request, failure, ex);
		}
		long elapsed = System.nanoTime() - started;
		int status = response.status();
		if (status >= 200 && status < 300) {
			record(request, attempt, status, "success", elapsed, sent, response.body());
			return response;
		}
		record(request, attempt, status, outcome(Failure.HTTP_STATUS, status), elapsed, sent, response.body());
		throw new VirtFusionApiException(this.panel, operation, status, Failure.HTTP_STATUS,
				this.json.errorsOf(response.body()),
				VirtFusionJson.redact(response.body(), this.settings.maxLoggedBodyChars()),
				retryAfter(response.retryAfter(), this.clock), null);
	}

	private VirtFusionApiException failure(VirtFusionRequest request, Failure failure, Throwable cause) {
		return new VirtFusionApiException(this.panel, request.operation(), 0, failure, List.of(), "", null, cause);
	}

	/**
	 * What went wrong when no answer arrived; connection failures are the only ones that
	 * never left.
	 */
	static Failure classify(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
					|| cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
				return Failure.CONNECTION_FAILED;
			}
			if (cause instanceof ReadTimeoutException || cause instanceof TimeoutException) {
				return Failure.TIMEOUT;
			}
		}
		if (ex instanceof IllegalStateException && String.valueOf(ex.getMessage()).startsWith("Timeout on blocking")) {
			return Failure.TIMEOUT;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return Failure.CONNECTION_LOST;
			}
		}
		return Failure.CONNECTION_LOST;
	}

	private static String outcome(Failure failure, int status) {
		return switch (failure) {
			case HTTP_STATUS -> (status >= 500) ? "server_error" : "client_error";
			case TIMEOUT -> "timeout";
			case CONNECTION_FAILED -> "connection_failed";
			case CONNECTION_LOST -> "connection_lost";
			case CIRCUIT_OPEN, RATE_LIMITED, BULKHEAD_FULL -> "not_permitted";
			case INVALID_RESPONSE -> "invalid_response";
		};
	}

	private void record(VirtFusionRequest request, int attempt, int status, String outcome, long nanos, byte[] sent,
			byte[] received) {
		VirtFusionOperation operation = request.operation();
		Duration duration = Duration.ofNanos(nanos);
		try {
			this.listener.called(new VirtFusionCall(this.panel, operation, request.pathAndQuery(), status, outcome,
					duration, attempt, this.clock.instant().minus(duration), sent, received));
		}
		catch (RuntimeException ex) {
			log.warn("A VirtFusion call listener failed: {}", ex.toString());
		}
		Timer.builder(CALLS_METRIC)
			.description("Attempts of VirtFusion API calls")
			.tag("panel", this.panel)
			.tag("operation", operation.clientMethod())
			.tag("status", Integer.toString(status))
			.tag("outcome", outcome)
			.register(this.meters)
			.record(Duration.ofNanos(nanos));
		if (log.isDebugEnabled()) {
			log.debug(
					"VirtFusion call panel={} operation={} method={} path={} status={} outcome={} durationMs={} attempt={}",
					this.panel, operation.clientMethod(), operation.method(), operation.path(), status, outcome,
					nanos / 1_000_000, attempt);
		}
	}

	/** Parses {@code Retry-After}: delay seconds or an HTTP date. */
	static Duration retryAfter(String header, Clock clock) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.trim();
		if (value.chars().allMatch(Character::isDigit)) {
			return Duration.ofSeconds(Long.parseLong(value));
		}
		try {
			Duration until = Duration.between(clock.instant(),
					ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			return until.isNegative() ? Duration.ZERO : until;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** A 2xx answer. */
	private record Response(int status, String retryAfter, byte[] body) {
	}

	/** The resilience instances of one panel. */
	record Resilience(Retry retry, CircuitBreaker circuitBreaker, RateLimiter rateLimiter, Bulkhead bulkhead) {
	}

}
