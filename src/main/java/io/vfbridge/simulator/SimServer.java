package io.vfbridge.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A server on the simulated panel and the transitions VirtFusion allows it: allocated on
 * create, queued while a build runs (locked), complete once built; suspended or not;
 * scheduled for deletion.
 */
final class SimServer {

	static final String PRIMARY = "primary";

	static final String SECONDARY = "secondary";

	private final int id;

	private final String uuid;

	private final int groupId;

	private final int hypervisorId;

	private final Instant created;

	private int ownerId;

	private int packageId;

	private String name = "";

	private @Nullable String hostname;

	private BuildState state = BuildState.ALLOCATED;

	private @Nullable Instant built;

	private @Nullable Instant buildDue;

	private @Nullable Integer osTemplateId;

	private boolean rebuild;

	private boolean suspended;

	private boolean running;

	private Resources resources;

	private int networkSpeedIn;

	private int networkSpeedOut;

	private int cpuThrottle;

	private int backupPlanId;

	private String encryptedPassword = "";

	private List<Integer> sshKeyIds = List.of();

	private boolean vncEnabled;

	private final int vncPort;

	private String vncPassword;

	private final Map<String, Firewall> firewalls = new LinkedHashMap<>();

	private final List<WhitelistEntry> whitelist = new ArrayList<>();

	private final List<AssignedIp> ipv4 = new ArrayList<>();

	private final List<TrafficBlock> trafficBlocks = new ArrayList<>();

	/**
	 * Bytes counted per traffic period: {rx, tx}. No packets flow unless the harness says
	 * so.
	 */
	private final Map<Integer, long[]> traffic = new LinkedHashMap<>();

	private final List<Backup> backups = new ArrayList<>();

	private @Nullable Integer userPackId;

	private @Nullable Instant deleteAt;

	private Instant updated;

	SimServer(int id, int ownerId, int packageId, int groupId, int hypervisorId, Resources resources,
			int networkSpeedIn, int networkSpeedOut, int backupPlanId, List<Integer> firewallRulesets,
			String vncPassword, Instant created) {
		this.id = id;
		this.uuid = UUID.randomUUID().toString();
		this.ownerId = ownerId;
		this.packageId = packageId;
		this.groupId = groupId;
		this.hypervisorId = hypervisorId;
		this.resources = resources;
		this.networkSpeedIn = networkSpeedIn;
		this.networkSpeedOut = networkSpeedOut;
		this.backupPlanId = backupPlanId;
		this.vncPort = 5900 + id % 1000;
		this.vncPassword = vncPassword;
		this.created = created;
		this.updated = created;
		this.firewalls.put(PRIMARY, new Firewall(false, firewallRulesets));
	}

	int id() {
		return this.id;
	}

	String uuid() {
		return this.uuid;
	}

	int ownerId() {
		return this.ownerId;
	}

	int packageId() {
		return this.packageId;
	}

	int groupId() {
		return this.groupId;
	}

	int hypervisorId() {
		return this.hypervisorId;
	}

	String name() {
		return this.name;
	}

	@Nullable String hostname() {
		return this.hostname;
	}

	BuildState state() {
		return this.state;
	}

	@Nullable Instant built() {
		return this.built;
	}

	@Nullable Integer osTemplateId() {
		return this.osTemplateId;
	}

	boolean rebuild() {
		return this.rebuild;
	}

	boolean suspended() {
		return this.suspended;
	}

	boolean running() {
		return this.running;
	}

	Resources resources() {
		return this.resources;
	}

	int networkSpeedIn() {
		return this.networkSpeedIn;
	}

	int networkSpeedOut() {
		return this.networkSpeedOut;
	}

	int cpuThrottle() {
		return this.cpuThrottle;
	}

	int backupPlanId() {
		return this.backupPlanId;
	}

	String encryptedPassword() {
		return this.encryptedPassword;
	}

	List<Integer> sshKeyIds() {
		return this.sshKeyIds;
	}

	boolean vncEnabled() {
		return this.vncEnabled;
	}

	int vncPort() {
		return this.vncPort;
	}

	String vncPassword() {
		return this.vncPassword;
	}

	Instant created() {
		return this.created;
	}

	Instant updated() {
		return this.updated;
	}

	@Nullable Integer userPackId() {
		return this.userPackId;
	}

	@Nullable Instant deleteAt() {
		return this.deleteAt;
	}

	/** A build is running: VirtFusion answers 423 to the calls that would disturb it. */
	boolean isBuilding() {
		return this.state == BuildState.QUEUED;
	}

	/** A build that is due at the given instant, or null when none runs. */
	@Nullable Instant buildDue() {
		return this.buildDue;
	}

	Firewall firewall(String networkInterface) {
		return this.firewalls.getOrDefault(networkInterface, new Firewall(false, List.of()));
	}

	List<WhitelistEntry> whitelist() {
		return List.copyOf(this.whitelist);
	}

	List<AssignedIp> ipv4() {
		return List.copyOf(this.ipv4);
	}

	List<TrafficBlock> trafficBlocks() {
		return List.copyOf(this.trafficBlocks);
	}

	/** The bytes {rx, tx} counted in the traffic period. */
	long[] traffic(int month) {
		long[] counted = this.traffic.get(month);
		return (counted != null) ? counted.clone() : new long[2];
	}

	/** Counts bytes in the traffic period (the harness's stand-in for packets). */
	void countTraffic(int month, long rx, long tx) {
		long[] counted = this.traffic.computeIfAbsent(month, (m) -> new long[2]);
		counted[0] += rx;
		counted[1] += tx;
	}

	List<Backup> backups() {
		return List.copyOf(this.backups);
	}

	void startBuild(BuildOrder order, String encryptedPassword, Instant due, Instant at) {
		this.rebuild = this.state == BuildState.COMPLETE;
		this.state = BuildState.QUEUED;
		this.buildDue = due;
		this.osTemplateId = order.osTemplateId();
		if (order.name() != null) {
			this.name = order.name();
		}
		if (order.hostname() != null) {
			this.hostname = order.hostname();
		}
		this.sshKeyIds = List.copyOf(order.sshKeyIds());
		this.vncEnabled = order.vnc();
		this.encryptedPassword = encryptedPassword;
		this.running = false;
		touch(at);
	}

	void completeBuild(Instant at) {
		this.state = BuildState.COMPLETE;
		this.built = at;
		this.buildDue = null;
		this.rebuild = false;
		this.running = true;
		touch(at);
	}

	void suspend(Instant at) {
		this.suspended = true;
		touch(at);
	}

	void unsuspend(Instant at) {
		this.suspended = false;
		touch(at);
	}

	void rename(String name, Instant at) {
		this.name = name;
		touch(at);
	}

	void changeOwner(int ownerId, Instant at) {
		this.ownerId = ownerId;
		touch(at);
	}

	void changePackage(int packageId, Resources resources, int speedIn, int speedOut, int backupPlanId, Instant at) {
		this.packageId = packageId;
		this.resources = resources;
		this.networkSpeedIn = speedIn;
		this.networkSpeedOut = speedOut;
		this.backupPlanId = backupPlanId;
		touch(at);
	}

	void resize(Resources resources, Instant at) {
		this.resources = resources;
		touch(at);
	}

	void throttleCpu(int percent, Instant at) {
		this.cpuThrottle = percent;
		touch(at);
	}

	void useBackupPlan(int planId, Instant at) {
		this.backupPlanId = planId;
		touch(at);
	}

	void addBackup(Backup backup) {
		this.backups.add(backup);
	}

	void setFirewallEnabled(String networkInterface, boolean enabled, Instant at) {
		this.firewalls.put(networkInterface, new Firewall(enabled, firewall(networkInterface).rulesets()));
		touch(at);
	}

	void applyRulesets(String networkInterface, List<Integer> rulesets, Instant at) {
		this.firewalls.put(networkInterface, new Firewall(firewall(networkInterface).enabled(), rulesets));
		touch(at);
	}

	void whitelist(WhitelistEntry entry, Instant at) {
		this.whitelist.removeIf((existing) -> existing.sameAddress(entry.networkInterface(), entry.ip()));
		this.whitelist.add(entry);
		touch(at);
	}

	void unwhitelist(String networkInterface, String ip, Instant at) {
		this.whitelist.removeIf((existing) -> existing.sameAddress(networkInterface, ip));
		touch(at);
	}

	void assignIp(AssignedIp ip, Instant at) {
		this.ipv4.add(ip);
		touch(at);
	}

	void unassignIp(long address, Instant at) {
		this.ipv4.removeIf((ip) -> ip.address() == address);
		touch(at);
	}

	void addTrafficBlock(TrafficBlock block, Instant at) {
		this.trafficBlocks.add(block);
		touch(at);
	}

	boolean removeTrafficBlock(int blockId, Instant at) {
		boolean removed = this.trafficBlocks.removeIf((block) -> block.id() == blockId);
		touch(at);
		return removed;
	}

	void setVnc(boolean enabled, String password, Instant at) {
		this.vncEnabled = enabled;
		this.vncPassword = password;
		touch(at);
	}

	void power(boolean running, Instant at) {
		this.running = running;
		touch(at);
	}

	void joinPack(@Nullable Integer userPackId) {
		this.userPackId = userPackId;
	}

	/** Schedules the deletion, keeping an earlier deadline that is already set. */
	void scheduleDeletion(Instant at) {
		if (this.deleteAt == null || at.isBefore(this.deleteAt)) {
			this.deleteAt = at;
		}
	}

	private void touch(Instant at) {
		this.updated = at;
	}

	/** The build states VirtFusion reports, with their {@code commissionStatus}. */
	enum BuildState {

		ALLOCATED("allocated", 0), QUEUED("queued", 1), COMPLETE("complete", 3);

		private final String id;

		private final int commissionStatus;

		BuildState(String id, int commissionStatus) {
			this.id = id;
			this.commissionStatus = commissionStatus;
		}

		String id() {
			return this.id;
		}

		int commissionStatus() {
			return this.commissionStatus;
		}

	}

	/** What a build installs. */
	record BuildOrder(int osTemplateId, @Nullable String name, @Nullable String hostname, List<Integer> sshKeyIds,
			boolean vnc) {

		BuildOrder {
			sshKeyIds = List.copyOf(sshKeyIds);
		}

	}

	/** Firewall of one interface: on or off, and the rulesets applied. */
	record Firewall(boolean enabled, List<Integer> rulesets) {

		Firewall {
			rulesets = List.copyOf(rulesets);
		}

	}

	/**
	 * An address allowed through the firewall of one interface; VirtFusion lists it as
	 * {@code {id, type (4|6), ip, mask}}.
	 */
	record WhitelistEntry(int id, String networkInterface, String ip, int cidr) {

		boolean sameAddress(String networkInterface, String ip) {
			return this.networkInterface.equals(networkInterface) && this.ip.equalsIgnoreCase(ip);
		}

	}

	/** An IPv4 address from an IP block, on one interface. */
	record AssignedIp(int id, int blockId, long address, String networkInterface) {

	}

	/** Extra traffic (GB) for one traffic period of the server. */
	record TrafficBlock(int id, int month, int traffic, Instant added) {

	}

	/** A completed backup on a backup storage. */
	record Backup(int id, int storageId, Instant created) {

	}

}
