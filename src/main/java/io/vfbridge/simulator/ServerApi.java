package io.vfbridge.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Server lifecycle and settings (section 5.3, 5.5 and the server extras of 13 of the
 * reference): create, build, retrieve, list, delete, suspend, package and owner changes,
 * power, password, VNC and the modify calls.
 */
final class ServerApi {

	private static final Set<Double> SWAP_SIZES = Set.of(256.0, 512.0, 768.0, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0);

	private static final int MAX_DELETE_DELAY_MINUTES = 43_800;

	private final Panel panel;

	ServerApi(Panel panel) {
		this.panel = panel;
	}

	ServerResponse retrieve(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		boolean remoteState = input.queryBool("remoteState", false);
		input.validate();
		return Reply.data(this.panel.call((state) -> ServerView.full(state, state.server(id), remoteState)));
	}

	ServerResponse list(ServerRequest request) {
		Input input = Input.of(request);
		Paginator.Page page = Paginator.request(input);
		String type = input.queryString("type");
		input.check(type == null || type.equals("simple") || type.equals("full"), "The selected type is invalid.");
		List<Integer> hypervisorIds = new ArrayList<>();
		for (String value : input.queryList("hypervisorId")) {
			try {
				hypervisorIds.add(Integer.parseInt(value.trim()));
			}
			catch (NumberFormatException ex) {
				input.check(false, "The hypervisor id field must be an integer.");
			}
		}
		input.validate();
		boolean full = "full".equals(type);
		return Reply.ok(this.panel.call((state) -> {
			List<SimServer> servers = state.servers()
				.values()
				.stream()
				.filter((server) -> hypervisorIds.isEmpty() || hypervisorIds.contains(server.hypervisorId()))
				.toList();
			return Paginator.render(servers,
					(server) -> full ? ServerView.full(state, server, false) : ServerView.simple(server), page,
					Reply.pathUrl(request));
		}));
	}

	ServerResponse create(ServerRequest request) {
		Input input = Input.of(request);
		boolean dryRun = input.queryBool("dryRun", false);
		int packageId = input.requiredInt("packageId");
		int userId = input.requiredInt("userId");
		int groupId = input.requiredInt("hypervisorId");
		Integer ipv4 = input.optionalInt("ipv4", 0, 256);
		Integer storage = input.optionalInt("storage", 1, 100_000);
		Integer traffic = input.optionalInt("traffic", 0, 999_999_999);
		Integer memory = input.optionalInt("memory", 128, 4_194_304);
		Integer cpuCores = input.optionalInt("cpuCores", 1, 600);
		Integer speedIn = input.optionalInt("networkSpeedInbound", 0, Integer.MAX_VALUE);
		Integer speedOut = input.optionalInt("networkSpeedOutbound", 0, Integer.MAX_VALUE);
		input.optionalInt("storageProfile");
		input.optionalInt("networkProfile");
		List<Integer> rulesets = input.optionalIntOrList("firewallRulesets");
		input.optionalIntOrList("hypervisorAssetGroups");
		for (int disk = 1; disk <= 2; disk++) {
			input.optionalBool("additionalStorage" + disk + "Enable");
			input.optionalInt("additionalStorage" + disk + "Profile");
			input.optionalInt("additionalStorage" + disk + "Capacity", 1, 100_000);
		}
		input.validate();
		// The document is serialised outside the panel lock; empty means a dry run.
		Optional<Map<String, Object>> created = this.panel.call((state) -> {
			Seed.PackageSeed pkg = state.packages().get(packageId);
			if (pkg == null || !pkg.isEnabled()) {
				input.invalidSelection("packageId");
			}
			if (state.findUser(userId) == null) {
				input.invalidSelection("userId");
			}
			Seed.HypervisorGroupSeed group = state.groups().get(groupId);
			if (group == null || !group.isEnabled()) {
				input.invalidSelection("hypervisorId");
			}
			List<Integer> applied = (rulesets != null) ? validRulesets(state, input, rulesets) : List.of();
			input.validate();
			Resources resources = new Resources((memory != null) ? memory : pkg.memory(),
					(storage != null) ? storage : pkg.primaryStorage(), (traffic != null) ? traffic : pkg.traffic(),
					(cpuCores != null) ? cpuCores : pkg.cpuCores());
			HypervisorLoad hypervisor = state.placeIn(groupId, resources);
			int addresses = (ipv4 != null) ? ipv4 : 1;
			if (state.freeIpv4(groupId) < addresses) {
				throw ApiError.invalid("There are not enough free IPv4 addresses available in the hypervisor group.");
			}
			if (dryRun) {
				return Optional.empty();
			}
			SimServer server = new SimServer(state.nextId("server"), userId, packageId, groupId, hypervisor.id(),
					resources, (speedIn != null) ? speedIn : pkg.primaryNetworkSpeedIn(),
					(speedOut != null) ? speedOut : pkg.primaryNetworkSpeedOut(),
					(pkg.backupPlanId() != null) ? pkg.backupPlanId() : 0, applied, PanelState.randomSecret(8),
					state.now());
			state.allocateIps(groupId, addresses, SimServer.PRIMARY).forEach((ip) -> server.assignIp(ip, state.now()));
			state.addServer(server);
			server.joinPack(firstEnabledPack(state, userId));
			return Optional.of(ServerView.full(state, server, false));
		});
		return created.map((server) -> Reply.json(201, Json.data(server))).orElseGet(() -> Reply.empty(200));
	}

	private static List<Integer> validRulesets(PanelState state, Input input, List<Integer> rulesets) {
		if (rulesets.contains(-1)) {
			// -1 forces "no rulesets" whatever the package says.
			return List.of();
		}
		for (Integer id : rulesets) {
			boolean valid = state.seed()
				.firewallRulesets()
				.stream()
				.anyMatch((ruleset) -> ruleset.id() == id && Boolean.TRUE.equals(ruleset.enabled()));
			input.check(valid, "The firewall ruleset " + id + " is invalid or disabled.");
		}
		return rulesets;
	}

	static @Nullable Integer firstEnabledPack(PanelState state, int userId) {
		return state.userPacks()
			.values()
			.stream()
			.filter((pack) -> pack.userId() == userId && pack.enabled())
			.map(UserPack::id)
			.findFirst()
			.orElse(null);
	}

	ServerResponse build(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		int osId = input.requiredInt("operatingSystemId");
		String name = input.optionalString("name", 255);
		String hostname = input.optionalString("hostname", 255);
		List<Integer> sshKeys = input.optionalIntList("sshKeys");
		boolean vnc = input.optionalBool("vnc", false);
		input.optionalBool("ipv6");
		input.optionalBool("email");
		Double swap = input.optionalNumber("swap");
		input.check(swap == null || SWAP_SIZES.contains(swap), "The selected swap is invalid.");
		return Reply.data(this.panel.call((state) -> {
			state.server(id);
			input.validate();
			SimServer server = state.unlockedServer(id);
			Seed.PackageSeed pkg = state.packages().get(server.packageId());
			boolean offered = pkg != null && state.templateGroupsOf(pkg)
				.stream()
				.anyMatch((group) -> group.templates().stream().anyMatch((template) -> template.id() == osId));
			if (!offered) {
				input.invalidSelection("operatingSystemId");
			}
			List<Integer> keys = (sshKeys != null) ? sshKeys : List.of();
			for (Integer keyId : keys) {
				SshKey key = state.sshKeys().get(keyId);
				input.check(key != null && key.userId() == server.ownerId(),
						"The selected ssh keys." + keys.indexOf(keyId) + " is invalid.");
			}
			input.validate();
			String password = PanelState.randomSecret(16);
			Instant due = state.after(state.timing().buildTime());
			server.startBuild(new SimServer.BuildOrder(osId, name, hostname, keys, vnc), encrypt(password), due,
					state.now());
			state.scheduleBuildCompletion(server, due);
			return ServerView.built(state, server, password);
		}));
	}

	ServerResponse delete(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		Integer delay = input.queryInt("delay", 0, MAX_DELETE_DELAY_MINUTES);
		this.panel.run((state) -> {
			state.server(id);
			input.validate();
			SimServer server = state.unlockedServer(id);
			Duration grace = (delay != null) ? Duration.ofMinutes(delay) : state.timing().defaultDeleteDelay();
			if (grace.isZero()) {
				state.destroyServer(server);
			}
			else {
				state.scheduleDeletion(server, state.after(grace));
			}
		});
		return Reply.empty(204);
	}

	ServerResponse suspend(ServerRequest request) {
		int id = serverId(Input.of(request));
		this.panel.run((state) -> state.unlockedServer(id).suspend(state.now()));
		return Reply.empty(204);
	}

	ServerResponse unsuspend(ServerRequest request) {
		int id = serverId(Input.of(request));
		this.panel.run((state) -> state.unlockedServer(id).unsuspend(state.now()));
		return Reply.empty(204);
	}

	ServerResponse changePackage(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		int packageId = input.pathId("packageId", "package not found");
		Map<String, Boolean> follow = new LinkedHashMap<>();
		for (String resource : List.of("backupPlan", "cpu", "memory", "primaryDiskReadIOPS",
				"primaryDiskReadThroughput", "primaryDiskSize", "primaryDiskWriteIOPS", "primaryDiskWriteThroughput",
				"primaryNetworkInboundSpeed", "primaryNetworkOutboundSpeed", "primaryNetworkTraffic")) {
			// A resource the body does not name follows the new package [inferred].
			follow.put(resource, input.optionalBool(resource, true));
		}
		return this.panel.call((state) -> {
			state.server(id);
			Seed.PackageSeed pkg = state.pkg(packageId);
			input.validate();
			SimServer server = state.unlockedServer(id);
			Resources current = server.resources();
			List<String> info = new ArrayList<>();
			int storage = current.storage();
			if (follow.get("primaryDiskSize")) {
				if (pkg.primaryStorage() >= current.storage()) {
					storage = pkg.primaryStorage();
				}
				else {
					info.add("The primary disk was not resized: disks are never shrunk (current " + current.storage()
							+ " GB, package " + pkg.primaryStorage() + " GB).");
				}
			}
			follow.forEach((resource, followed) -> {
				if (!followed) {
					info.add("The " + resource + " setting was left unchanged as requested.");
				}
			});
			Resources next = new Resources(follow.get("memory") ? pkg.memory() : current.memory(), storage,
					follow.get("primaryNetworkTraffic") ? pkg.traffic() : current.traffic(),
					follow.get("cpu") ? pkg.cpuCores() : current.cpuCores());
			state.resizeServer(server, next);
			int backupPlan = follow.get("backupPlan") ? ((pkg.backupPlanId() != null) ? pkg.backupPlanId() : 0)
					: server.backupPlanId();
			server.changePackage(pkg.id(), next,
					follow.get("primaryNetworkInboundSpeed") ? pkg.primaryNetworkSpeedIn() : server.networkSpeedIn(),
					follow.get("primaryNetworkOutboundSpeed") ? pkg.primaryNetworkSpeedOut() : server.networkSpeedOut(),
					backupPlan, state.now());
			return Reply.ok(Json.obj("info", info));
		});
	}

	ServerResponse rename(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		String name = input.requiredString("name", 255);
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			input.validate();
			server.rename(name, state.now());
		});
		return Reply.empty(201);
	}

	ServerResponse resetPassword(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		input.requiredChoice("user", List.of("root", "administrator"));
		input.optionalBool("sendMail");
		return this.panel.call((state) -> {
			SimServer server = state.server(id);
			input.validate();
			String password = PanelState.randomSecret(16);
			QueueTask task = state.queueTask(server, "reset_password", "App\\Jobs\\Server\\ResetPassword", () -> {
			});
			return Reply.data(Json.obj("queueId", task.id(), "expectedPassword", password));
		});
	}

	ServerResponse userServers(ServerRequest request) {
		int userId = Input.of(request).pathId("userId", PanelState.USER_NOT_FOUND);
		return Reply.data(this.panel.call((state) -> {
			state.user(userId);
			return state.serversOf(userId)
				.stream()
				.map((server) -> (Object) ServerView.userItem(state, server))
				.toList();
		}));
	}

	ServerResponse templates(ServerRequest request) {
		int id = serverId(Input.of(request));
		return Reply.data(this.panel.call((state) -> {
			SimServer server = state.server(id);
			return CatalogView.templateGroups(state.templateGroupsOf(state.pkg(server.packageId())));
		}));
	}

	ServerResponse throttleCpu(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		input.queryBool("sync", false);
		int percent = input.requiredInt("percent", 0, 99);
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			input.validate();
			server.throttleCpu(percent, state.now());
		});
		return Reply.empty(201);
	}

	ServerResponse modifyTraffic(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		int traffic = input.requiredInt("traffic", 0, 999_999_999);
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			input.validate();
			server.resize(server.resources().withTraffic(traffic), state.now());
		});
		return Reply.empty(201);
	}

	ServerResponse modifyMemory(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		int memory = input.requiredInt("memory", 256, 4_194_304);
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			input.validate();
			Resources next = server.resources().withMemory(memory);
			state.resizeServer(server, next);
			server.resize(next, state.now());
		});
		return Reply.empty(201);
	}

	ServerResponse modifyCpuCores(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		int cores = input.requiredInt("cores", 1, 600);
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			input.validate();
			Resources next = server.resources().withCpuCores(cores);
			state.resizeServer(server, next);
			server.resize(next, state.now());
		});
		return Reply.empty(201);
	}

	ServerResponse customXml(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		for (String part : List.of("domain", "os", "devices", "features", "clock", "cpuTune")) {
			input.optionalString(part);
			input.optionalBool(part + "Enabled");
		}
		this.panel.run((state) -> {
			state.server(id);
			input.validate();
		});
		return Reply.empty(200);
	}

	ServerResponse backupManagerAccess(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		input.requiredChoice("type", List.of("inherit", "disabled", "scheduled", "view_restore", "full", "manual"));
		this.panel.run((state) -> {
			state.server(id);
			input.validate();
		});
		return Reply.empty(201);
	}

	ServerResponse backupPlan(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		int planId = input.pathId("planId", "backup plan not found");
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			if (planId != 0 && state.seed().backupPlans().stream().noneMatch((plan) -> plan.id() == planId)) {
				throw ApiError.notFound("backup plan not found");
			}
			server.useBackupPlan(planId, state.now());
			if (planId != 0 && server.built() != null && server.backups().isEmpty()) {
				state.recordBackup(server, state.now());
			}
		});
		return Reply.empty(201);
	}

	ServerResponse changeOwner(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		int newOwnerId = input.pathId("newOwnerId", PanelState.USER_NOT_FOUND);
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			state.user(newOwnerId);
			if (server.ownerId() == newOwnerId) {
				throw ApiError.invalid("The new owner is the same as the existing owner.");
			}
			server.changeOwner(newOwnerId, state.now());
			server.joinPack(firstEnabledPack(state, newOwnerId));
		});
		return Reply.empty(201);
	}

	ServerResponse boot(ServerRequest request) {
		return power(request, "boot", true);
	}

	ServerResponse shutdown(ServerRequest request) {
		return power(request, "shutdown", false);
	}

	ServerResponse restart(ServerRequest request) {
		return power(request, "restart", true);
	}

	ServerResponse powerOff(ServerRequest request) {
		return power(request, "poweroff", false);
	}

	private ServerResponse power(ServerRequest request, String action, boolean runningAfter) {
		int id = serverId(Input.of(request));
		return this.panel.call((state) -> {
			SimServer server = state.server(id);
			String job = "App\\Jobs\\Server\\Power\\" + Character.toUpperCase(action.charAt(0)) + action.substring(1);
			QueueTask task = state.queueTask(server, action, job, () -> server.power(runningAfter, state.now()));
			return Reply.data(Json.obj("queueId", task.id()));
		});
	}

	ServerResponse toggleVnc(ServerRequest request) {
		Input input = Input.of(request);
		int id = serverId(input);
		// The documented body is {"action": ...}; EZSCALE's changelog speaks of {"vnc":
		// bool}.
		boolean enable = (input.has("vnc") && !input.has("action")) ? input.optionalBool("vnc", false)
				: input.requiredChoice("action", List.of("enable", "disable")).equals("enable");
		return this.panel.call((state) -> {
			SimServer server = state.server(id);
			input.validate();
			server.setVnc(enable, enable ? PanelState.randomSecret(8) : server.vncPassword(), state.now());
			QueueTask task = state.queueTask(server, enable ? "vnc_enable" : "vnc_disable", "App\\Jobs\\Server\\Vnc",
					() -> {
					});
			return Reply.data(Json.obj("vnc", vnc(state, server), "queueId", task.id()));
		});
	}

	ServerResponse vncDetails(ServerRequest request) {
		int id = serverId(Input.of(request));
		return Reply.data(this.panel.call((state) -> Json.obj("vnc", vnc(state, state.server(id)))));
	}

	private static Map<String, Object> vnc(PanelState state, SimServer server) {
		Seed.HypervisorSeed hv = state.hypervisors().get(server.hypervisorId()).hypervisor();
		String token = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((server.uuid() + ":" + server.vncPassword()).getBytes(StandardCharsets.UTF_8));
		return Json.obj("ip", hv.ip(), "hostname", hv.hostname(), "port", server.vncPort(), "password",
				server.vncPassword(), "wss", Json.obj("token", token, "url", "/vnc/?token=" + token), "enabled",
				server.vncEnabled());
	}

	static int serverId(Input input) {
		return input.pathId("serverId", PanelState.SERVER_NOT_FOUND);
	}

	/** A stand-in for Laravel's encrypted payload: opaque, never the clear password. */
	private static String encrypt(String password) {
		String payload = "{\"iv\":\"simulated\",\"value\":\""
				+ Base64.getEncoder()
					.encodeToString(new StringBuilder(password).reverse().toString().getBytes(StandardCharsets.UTF_8))
				+ "\",\"mac\":\"0\"}";
		return Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
	}

}
