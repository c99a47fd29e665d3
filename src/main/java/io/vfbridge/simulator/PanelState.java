package io.vfbridge.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Everything the simulated panel knows: the seeded catalogue, the users, servers and the
 * rest made through the API, and the timed transitions (builds finishing, deletions and
 * queue items coming due). Not thread-safe: {@link Panel} serialises access, and every
 * call first lets due transitions happen.
 */
final class PanelState {

	static final String SERVER_NOT_FOUND = "server not found";

	static final String USER_NOT_FOUND = "user not found";

	static final String EXT_RELATION_NOT_FOUND = "ext_relation_id not found";

	private final Seed seed;

	private final SimulatedTime time;

	private final Timing timing;

	private final Instant started;

	private final Map<Integer, Seed.PackageSeed> packages;

	private final Map<Integer, Seed.TemplateGroupSeed> templateGroups;

	private final Map<Integer, Seed.HypervisorGroupSeed> groups;

	private final Map<Integer, HypervisorLoad> hypervisors = new TreeMap<>();

	private final Map<Integer, IpPool> ipPools = new TreeMap<>();

	private final Map<Integer, SimUser> users = new TreeMap<>();

	private final Map<String, SimUser> usersByEmail = new HashMap<>();

	private final Map<Integer, SimUser> usersByExtRelationId = new HashMap<>();

	private final Map<String, SimUser> usersByRelStr = new HashMap<>();

	private final Map<Integer, SimServer> servers = new TreeMap<>();

	private final Map<Integer, SshKey> sshKeys = new TreeMap<>();

	private final Map<Integer, QueueTask> queue = new HashMap<>();

	private final Map<Integer, UserPack> userPacks = new TreeMap<>();

	private final Map<Integer, Credit> credits = new TreeMap<>();

	private final PriorityQueue<Due> dueQueue = new PriorityQueue<>(
			Comparator.comparing(Due::at).thenComparingLong(Due::sequence));

	private final Map<String, Integer> sequences = new HashMap<>();

	private long dueSequence;

	private Instant now;

	PanelState(Seed seed, SimulatedTime time, Timing timing) {
		this.seed = seed;
		this.time = time;
		this.timing = timing;
		this.started = time.now();
		this.now = this.started;
		this.packages = index(seed.packages(), Seed.PackageSeed::id);
		this.templateGroups = index(seed.osTemplateGroups(), Seed.TemplateGroupSeed::id);
		this.groups = index(seed.hypervisorGroups(), Seed.HypervisorGroupSeed::id);
		seed.hypervisors()
			.forEach((hypervisor) -> this.hypervisors.put(hypervisor.id(), new HypervisorLoad(hypervisor)));
		seed.ipBlocks().forEach((block) -> this.ipPools.put(block.id(), new IpPool(block)));
	}

	/** Lets every transition that is due by now happen, in order. */
	void advance() {
		this.now = this.time.now();
		while (!this.dueQueue.isEmpty() && !this.dueQueue.peek().at().isAfter(this.now)) {
			Due due = this.dueQueue.poll();
			due.action().run();
		}
	}

	Instant now() {
		return this.now;
	}

	/** When the panel state was made (the seed's created/updated timestamps). */
	Instant started() {
		return this.started;
	}

	Seed seed() {
		return this.seed;
	}

	Timing timing() {
		return this.timing;
	}

	/** The instant a simulated duration starting now ends. */
	Instant after(Duration simulated) {
		return this.now.plus(this.time.real(simulated));
	}

	void schedule(Instant at, Runnable action) {
		this.dueQueue.add(new Due(at, this.dueSequence++, action));
	}

	int nextId(String kind) {
		return this.sequences.merge(kind, 1, Integer::sum);
	}

	// Catalogue

	Map<Integer, Seed.PackageSeed> packages() {
		return this.packages;
	}

	Seed.PackageSeed pkg(int id) {
		Seed.PackageSeed pkg = this.packages.get(id);
		if (pkg == null) {
			throw ApiError.notFound("package not found");
		}
		return pkg;
	}

	List<Seed.TemplateGroupSeed> templateGroupsOf(Seed.PackageSeed pkg) {
		return pkg.templateGroups().stream().map(this.templateGroups::get).toList();
	}

	Seed.@Nullable TemplateSeed template(int id) {
		return this.templateGroups.values()
			.stream()
			.flatMap((group) -> group.templates().stream())
			.filter((template) -> template.id() == id)
			.findFirst()
			.orElse(null);
	}

	Map<Integer, Seed.HypervisorGroupSeed> groups() {
		return this.groups;
	}

	Seed.HypervisorGroupSeed group(int id) {
		Seed.HypervisorGroupSeed group = this.groups.get(id);
		if (group == null) {
			throw ApiError.notFound("hypervisor group not found");
		}
		return group;
	}

	Map<Integer, HypervisorLoad> hypervisors() {
		return this.hypervisors;
	}

	HypervisorLoad hypervisor(int id) {
		HypervisorLoad hypervisor = this.hypervisors.get(id);
		if (hypervisor == null) {
			throw ApiError.notFound("hypervisor not found");
		}
		return hypervisor;
	}

	List<HypervisorLoad> hypervisorsIn(int groupId) {
		return this.hypervisors.values().stream().filter((h) -> h.hypervisor().groupId() == groupId).toList();
	}

	Map<Integer, IpPool> ipPools() {
		return this.ipPools;
	}

	IpPool ipPool(int id) {
		IpPool pool = this.ipPools.get(id);
		if (pool == null) {
			throw ApiError.notFound("ip block not found");
		}
		return pool;
	}

	List<IpPool> ipPoolsFor(int groupId) {
		return this.ipPools.values()
			.stream()
			.filter((pool) -> pool.block().hypervisorGroups().contains(groupId))
			.toList();
	}

	long freeIpv4(int groupId) {
		return ipPoolsFor(groupId).stream().mapToLong(IpPool::free).sum();
	}

	/** Takes {@code count} addresses from the group's blocks, all or none. */
	List<SimServer.AssignedIp> allocateIps(int groupId, int count, String networkInterface) {
		if (freeIpv4(groupId) < count) {
			throw ApiError.invalid("There are not enough free IPv4 addresses available in the hypervisor group.");
		}
		List<SimServer.AssignedIp> taken = new ArrayList<>(count);
		for (IpPool pool : ipPoolsFor(groupId)) {
			while (taken.size() < count) {
				Long address = pool.allocate();
				if (address == null) {
					break;
				}
				taken.add(new SimServer.AssignedIp(nextId("ip"), pool.id(), address, networkInterface));
			}
		}
		return taken;
	}

	@Nullable IpPool poolOf(long address, int groupId) {
		return ipPoolsFor(groupId).stream().filter((pool) -> pool.contains(address)).findFirst().orElse(null);
	}

	// Users

	Map<Integer, SimUser> users() {
		return this.users;
	}

	SimUser user(int id) {
		SimUser user = this.users.get(id);
		if (user == null) {
			throw ApiError.notFound(USER_NOT_FOUND);
		}
		return user;
	}

	@Nullable SimUser findUser(int id) {
		return this.users.get(id);
	}

	/**
	 * The user an external key names: {@code extRelationId}, or {@code relStr} when
	 * asked.
	 */
	SimUser userByExt(String key, boolean byRelStr) {
		SimUser user = byRelStr ? this.usersByRelStr.get(key) : byExtRelationId(key);
		if (user == null) {
			throw ApiError.notFound(EXT_RELATION_NOT_FOUND);
		}
		return user;
	}

	private @Nullable SimUser byExtRelationId(String key) {
		try {
			return this.usersByExtRelationId.get(Integer.parseInt(key.trim()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@Nullable SimUser userByEmail(String email) {
		return this.usersByEmail.get(email.toLowerCase(Locale.ROOT));
	}

	boolean extRelationIdTaken(int extRelationId) {
		return this.usersByExtRelationId.containsKey(extRelationId);
	}

	boolean relStrTaken(String relStr) {
		return this.usersByRelStr.containsKey(relStr);
	}

	void addUser(SimUser user) {
		this.users.put(user.id(), user);
		this.usersByEmail.put(user.email().toLowerCase(Locale.ROOT), user);
		if (user.extRelationId() != null) {
			this.usersByExtRelationId.put(user.extRelationId(), user);
		}
		if (user.relStr() != null) {
			this.usersByRelStr.put(user.relStr(), user);
		}
	}

	void changeEmail(SimUser user, String email) {
		this.usersByEmail.remove(user.email().toLowerCase(Locale.ROOT));
		user.changeEmail(email, this.now);
		this.usersByEmail.put(email.toLowerCase(Locale.ROOT), user);
	}

	void removeUser(SimUser user) {
		this.users.remove(user.id());
		this.usersByEmail.remove(user.email().toLowerCase(Locale.ROOT));
		if (user.extRelationId() != null) {
			this.usersByExtRelationId.remove(user.extRelationId());
		}
		if (user.relStr() != null) {
			this.usersByRelStr.remove(user.relStr());
		}
		this.sshKeys.values().removeIf((key) -> key.userId() == user.id());
		this.userPacks.values().removeIf((pack) -> pack.userId() == user.id());
	}

	// Servers

	Map<Integer, SimServer> servers() {
		return this.servers;
	}

	SimServer server(int id) {
		SimServer server = this.servers.get(id);
		if (server == null) {
			throw ApiError.notFound(SERVER_NOT_FOUND);
		}
		return server;
	}

	/** The server, refusing with 423 while a build runs on it. */
	SimServer unlockedServer(int id) {
		SimServer server = server(id);
		if (server.isBuilding()) {
			throw ApiError.locked("The server is currently locked by a running task. Please try again shortly.");
		}
		return server;
	}

	List<SimServer> serversOf(int ownerId) {
		return this.servers.values().stream().filter((server) -> server.ownerId() == ownerId).toList();
	}

	/**
	 * Picks the hypervisor in the group with the most free memory that fits the server.
	 */
	HypervisorLoad placeIn(int groupId, Resources resources) {
		return hypervisorsIn(groupId).stream()
			.filter((hypervisor) -> hypervisor.fits(resources))
			.max(Comparator.comparingInt(HypervisorLoad::freeMemory))
			.orElseThrow(() -> ApiError
				.invalid("There are no hypervisors available in the hypervisor group with enough resources."));
	}

	void addServer(SimServer server) {
		this.servers.put(server.id(), server);
		this.hypervisors.get(server.hypervisorId()).place(server.resources());
	}

	void resizeServer(SimServer server, Resources resources) {
		this.hypervisors.get(server.hypervisorId()).resize(server.resources(), resources);
	}

	/** Removes the server for good and gives its resources and addresses back. */
	void destroyServer(SimServer server) {
		if (this.servers.remove(server.id()) == null) {
			return;
		}
		this.hypervisors.get(server.hypervisorId()).remove(server.resources());
		for (SimServer.AssignedIp ip : server.ipv4()) {
			IpPool pool = this.ipPools.get(ip.blockId());
			if (pool != null) {
				pool.release(ip.address());
			}
		}
	}

	void scheduleBuildCompletion(SimServer server, Instant due) {
		schedule(due, () -> {
			SimServer current = this.servers.get(server.id());
			if (current != null && due.equals(current.buildDue())) {
				current.completeBuild(due);
				if (current.backupPlanId() != 0) {
					recordBackup(current, due);
				}
			}
		});
	}

	void scheduleDeletion(SimServer server, Instant at) {
		server.scheduleDeletion(at);
		schedule(at, () -> {
			SimServer current = this.servers.get(server.id());
			if (current != null && current.deleteAt() != null && !current.deleteAt().isAfter(this.now)) {
				destroyServer(current);
			}
		});
	}

	void recordBackup(SimServer server, Instant at) {
		int storageId = this.seed.backupStorage().isEmpty() ? 0 : this.seed.backupStorage().get(0).id();
		server.addBackup(new SimServer.Backup(nextId("backup"), storageId, at));
	}

	// Queue

	/**
	 * Queues hypervisor work on the server; the effect happens when the item finishes.
	 */
	QueueTask queueTask(SimServer server, String action, String job, Runnable effect) {
		QueueTask task = new QueueTask(nextId("queue"), UUID.randomUUID().toString(), server.id(),
				server.hypervisorId(), action, job, this.now, after(this.timing.taskTime()));
		this.queue.put(task.id(), task);
		schedule(task.due(), () -> {
			if (this.servers.containsKey(server.id())) {
				effect.run();
			}
		});
		return task;
	}

	QueueTask queueItem(int id) {
		QueueTask task = this.queue.get(id);
		if (task == null) {
			throw ApiError.notFound("queue item not found");
		}
		return task;
	}

	// SSH keys, packs, credit

	Map<Integer, SshKey> sshKeys() {
		return this.sshKeys;
	}

	SshKey sshKey(int id) {
		SshKey key = this.sshKeys.get(id);
		if (key == null) {
			throw ApiError.notFound("ssh key not found");
		}
		return key;
	}

	Map<Integer, UserPack> userPacks() {
		return this.userPacks;
	}

	UserPack userPack(int id) {
		UserPack pack = this.userPacks.get(id);
		if (pack == null) {
			throw ApiError.notFound("resource pack not found");
		}
		return pack;
	}

	List<SimServer> serversInPack(int userPackId) {
		return this.servers.values()
			.stream()
			.filter((server) -> Integer.valueOf(userPackId).equals(server.userPackId()))
			.toList();
	}

	Map<Integer, Credit> credits() {
		return this.credits;
	}

	Credit credit(int id) {
		Credit credit = this.credits.get(id);
		if (credit == null) {
			throw ApiError.notFound("credit not found");
		}
		return credit;
	}

	static String randomSecret(int length) {
		String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
		StringBuilder secret = new StringBuilder(length);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < length; i++) {
			secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return secret.toString();
	}

	private static <T> Map<Integer, T> index(List<T> values, Function<T, Integer> id) {
		Map<Integer, T> index = new LinkedHashMap<>();
		values.forEach((value) -> index.put(id.apply(value), value));
		return index;
	}

	/** The simulated durations of panel work. */
	record Timing(Duration buildTime, Duration taskTime, Duration defaultDeleteDelay) {

	}

	private record Due(Instant at, long sequence, Runnable action) {

	}

}
