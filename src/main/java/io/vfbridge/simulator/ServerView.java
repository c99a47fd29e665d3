package io.vfbridge.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * VirtFusion's three server documents: the full object of retrieve/create/build (with
 * {@code ownerId} and an {@code owner} object), the simple list item (with {@code owner}
 * as an int) and the client-oriented item of a user's server list (with its snake_case
 * keys); and the traffic periods behind traffic statistics and blocks.
 */
final class ServerView {

	/** The console thumbnail VirtFusion sends (a base64 PNG): one grey pixel. */
	private static final String SCREEN = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==";

	private static final Map<String, Object> HYPERV = unmodifiable(Json.obj("enabled", false, "passthrough", false,
			"relaxed", 0, "vapic", 0, "spinlocks", 0, "vpindex", 0, "runtime", 0, "synic", 0, "stimer", 0, "reset", 0,
			"vendorId", 0, "frequencies", 0, "reenlightenment", 0, "tlbflush", 0, "ipi", 0, "evmcs", 0, "vendorIdValue",
			"KVM VM", "spinlocksValue", 8191, "clockEnabled", 0));

	/** The cloud-init fragments VirtFusion keeps for a server with an OS template. */
	private static final Map<String, Object> CLOUD_INIT_CONFIG = unmodifiable(Json.obj("cloud.init",
			Json.obj("on.network", Json.obj("netplan_routes_v4", true, "netplan_routes_v6", true),
					"on.network.libvirtrouted", Json.obj("netplan_routes_v4", true, "netplan_routes_v6", true),
					"on.all",
					Json.obj("user.data",
							Json.obj("runcmd",
									List.of("/usr/bin/systemctl enable qemu-guest-agent",
											"/usr/bin/systemctl start qemu-guest-agent"))),
					"on.password",
					Json.obj("user.data", Json.obj("runcmd", List.of("/usr/bin/systemctl restart sshd"))), "on.sshkey",
					Json.obj("user.data", List.of()))));

	private ServerView() {
	}

	private static Map<String, Object> unmodifiable(Map<String, Object> map) {
		return Collections.unmodifiableMap(map);
	}

	static Map<String, Object> full(PanelState state, SimServer server, boolean remoteState) {
		return full(state, server, remoteState, null);
	}

	/** The full object as build answers it: the new root password in clear, this once. */
	static Map<String, Object> built(PanelState state, SimServer server, String decryptedPassword) {
		return full(state, server, false, decryptedPassword);
	}

	private static Map<String, Object> full(PanelState state, SimServer server, boolean remoteState,
			@Nullable String decryptedPassword) {
		SimUser owner = state.findUser(server.ownerId());
		HypervisorLoad load = state.hypervisors().get(server.hypervisorId());
		Seed.HypervisorSeed hv = load.hypervisor();
		Seed.HypervisorGroupSeed group = state.groups().get(server.groupId());
		Resources resources = server.resources();
		Period period = Period.current(server.created(), state.now());
		Map<String, Object> doc = Json.obj("id", server.id(), "ownerId", server.ownerId(), "hypervisorId",
				server.hypervisorId(), "arch", 1, "name", server.name(), "selfService", 0, "selfServiceSettings",
				List.of(), "hostname", server.hostname(), "commissionStatus", server.state().commissionStatus(), "uuid",
				server.uuid(), "state", server.state().id(), "migratable", true, "timezone", "UTC", "migrateLevel", 0,
				"deleteLevel", 0, "configLevel", 0, "backupLevel", 0, "elevated", false, "elevateId", null, "elevate",
				false, "destroyable", true, "rebuild", server.rebuild(), "suspended", server.suspended(), "protected",
				false, "buildFailed", false, "primaryNetworkDhcp4", false, "primaryNetworkDhcp6", false, "built",
				Json.iso(server.built()), "created", Json.iso(server.created()), "updated", Json.iso(server.updated()));
		doc.put("traffic", Json.obj("public", Json.obj("countMethod", 1, "currentPeriod", Json.obj("start",
				Json.sql(period.start()), "end", Json.sql(period.end()), "limit", trafficLimit(server, period)))));
		doc.put("settings", settings(server, decryptedPassword));
		doc.put("cpu", Json.obj("cores", resources.cpuCores(), "type", "host", "typeExact", "host-passthrough",
				"shares", 1024, "throttle", server.cpuThrottle(), "topology",
				Json.obj("enabled", false, "sockets", 1, "cores", resources.cpuCores(), "threads", 1, "dies", 1)));
		Map<String, Object> customXml = Json.obj();
		for (String part : List.of("domain", "os", "devices", "features", "clock", "cpuTune")) {
			customXml.put(part, Json.obj("xml", "", "enabled", false));
		}
		doc.put("customXML", customXml);
		doc.put("qemuCommandline", List.of());
		doc.put("qemuAgent", Json.obj("os", agentOs(state, server)));
		doc.put("media", Json.obj("isoMounted", false, "isoType", "local", "isoName", "", "isoFilename", "", "isoUrl",
				"", "isoDownload", false));
		doc.put("backupPlan", backupPlan(state, server));
		doc.put("vnc", Json.obj("ip", hv.ip(), "port", server.vncPort(), "enabled", server.vncEnabled()));
		doc.put("network", Json.obj("interfaces", List.of(primaryInterface(state, server, false)),
				"secondaryInterfaces", List.of()));
		doc.put("storage", List.of(primaryDisk(server)));
		doc.put("hypervisorAssets", List.of());
		doc.put("hypervisor", hypervisor(state, load, group));
		doc.put("owner", (owner != null) ? owner(owner) : null);
		doc.put("sshKeys",
				server.sshKeyIds()
					.stream()
					.map(state.sshKeys()::get)
					.filter((key) -> key != null)
					.map((key) -> (Object) Json.obj("id", key.id(), "ownerId", key.userId(), "type", key.type(), "name",
							key.name(), "public", key.publicKey(), "enabled", true, "created", Json.iso(key.created())))
					.toList());
		doc.put("sharedUsers", List.of());
		doc.put("tasks", tasks(server));
		doc.put("remoteState", remoteState ? remoteState(server) : false);
		return doc;
	}

	private static Map<String, Object> settings(SimServer server, @Nullable String decryptedPassword) {
		Resources resources = server.resources();
		// Until the first build the cloud-init configuration is an empty list, as in
		// the docs' create answer; afterwards the object VirtFusion generates.
		Object config = (server.osTemplateId() != null) ? CLOUD_INIT_CONFIG : List.of();
		Map<String, Object> settings = Json.obj("osTemplateInstall", true, "osTemplateInstallId",
				(server.osTemplateId() != null) ? server.osTemplateId() : 0, "encryptedPassword",
				server.encryptedPassword(), "backupPlan", server.backupPlanId(), "uefi", false, "uefiType", 0,
				"cloudInit", true, "cloudInitType", 1, "config", config, "userConfig", List.of(), "bootOrder",
				List.of("hd", "cdrom"), "tpmType", 0, "networkBoot", false, "bootMenu", 1, "customISO", 1,
				"securityDriver", 3, "memBalloon", Json.obj("model", 1, "autoDeflate", 0, "freePageReporting", 0),
				"hyperv", HYPERV, "extended", Json.obj("cpuFlags", Json.obj("topoext", "1")), "machineType", "inherit",
				"pciPorts", 16, "resources", Json.obj("memory", resources.memory(), "storage", resources.storage(),
						"traffic", resources.traffic(), "cpuCores", resources.cpuCores()));
		if (decryptedPassword != null) {
			settings.put("decryptedPassword", decryptedPassword);
		}
		return settings;
	}

	private static Map<String, Object> tasks(SimServer server) {
		List<Object> pending = server.isBuilding() ? List.of(Json.obj("id", server.id(), "action",
				server.rebuild() ? "rebuild" : "build", "created", Json.iso(server.updated()))) : List.of();
		return Json.obj("active", server.isBuilding(), "lastOn", Json.iso(server.updated()), "actions",
				Json.obj("pending", pending));
	}

	private static Object agentOs(PanelState state, SimServer server) {
		Seed.TemplateSeed template = (server.osTemplateId() != null) ? state.template(server.osTemplateId()) : null;
		if (template == null || server.built() == null) {
			return Json.obj("screen", SCREEN);
		}
		String id = template.name().toLowerCase(Locale.ROOT).replace(' ', '-');
		return Json.obj("screen", SCREEN, "name", template.name(), "pretty-name",
				template.name() + " " + template.version(), "kernel-release", "6.1.0-simulated", "id", id, "version-id",
				template.version());
	}

	/** The plan, or VirtFusion's {@code {"id": null, "name": null}} without one. */
	private static Object backupPlan(PanelState state, SimServer server) {
		return state.seed()
			.backupPlans()
			.stream()
			.filter((plan) -> plan.id() == server.backupPlanId())
			.findFirst()
			.map((plan) -> (Object) Json.obj("id", plan.id(), "name", plan.name()))
			.orElseGet(() -> Json.obj("id", null, "name", null));
	}

	private static Map<String, Object> primaryDisk(SimServer server) {
		String created = Json.iso(server.created());
		String name = server.uuid() + "_1";
		return Json.obj("_id", server.id(), "id", 1, "cache", null, "bus", null, "capacity",
				server.resources().storage(), "drive", "a", "datastoreDiskId", null, "filesystem", null, "iops",
				Json.obj("read", null, "write", null), "bytes", Json.obj("read", null, "write", null), "type", "qcow2",
				"profile", 0, "status", 3, "enabled", true, "primary", true, "created", created, "updated",
				Json.iso(server.updated()), "datastore", List.of(), "name", name, "filename", name + ".img",
				"hypervisorStorageId", null, "local", true, "locationType", "mountpoint", "path", "/home/vf-data/disk");
	}

	/** The full hypervisor, as VirtFusion embeds it in a server. */
	private static Map<String, Object> hypervisor(PanelState state, HypervisorLoad load,
			Seed.HypervisorGroupSeed group) {
		Seed.HypervisorSeed hv = load.hypervisor();
		String created = Json.iso(state.started());
		return Json.obj("id", hv.id(), "ip", hv.ip(), "hostname", hv.hostname(), "port", hv.port(), "maintenance",
				hv.maintenance(), "groupId", group.id(), "group", Json.obj("name", group.name(), "icon", null),
				"timezone", hv.timezone(), "forceIPv6", false, "vncListenType", 1, "displayName", null, "cpuSet", null,
				"nfType", 4, "backupStorageType", 2, "defaultDiskType", "inherit", "defaultDiskCacheType", "inherit",
				"defaultCPU", "inherit", "defaultMachineType", "inherit", "created", created, "updated", created,
				"name", hv.name(), "dataDir", "/home/vf-data", "resources", CatalogView.capacity(load));
	}

	private static Map<String, Object> remoteState(SimServer server) {
		long memory = server.resources().memory() * 1024L;
		return Json
			.obj("state", server.running() ? "running" : "shutoff", "running", server.running(), "cpu",
					server.running() ? 1.5 : 0, "memory",
					Json.obj("actual", memory, "unused", memory / 2, "available", memory, "memtotal", memory, "memfree",
							memory / 2, "memavailable", memory / 2),
					"disk",
					Json.obj("vda",
							Json.obj("capacity", server.resources().storage() * 1_073_741_824L, "physical",
									2_147_483_648L, "rd.bytes", 0, "wr.bytes", 0)),
					"agent", Json.obj("fsinfo", List.of()));
	}

	static Map<String, Object> owner(SimUser owner) {
		return Json.obj("id", owner.id(), "admin", false, "extRelationId", owner.extRelationId(), "name", owner.name(),
				"email", owner.email(), "timezone", "UTC", "suspended", !owner.enabled(), "twoFactorAuth", false,
				"created", Json.iso(owner.created()), "updated", Json.iso(owner.updated()));
	}

	private static Map<String, Object> primaryInterface(PanelState state, SimServer server, boolean brief) {
		List<Object> ipv4 = new ArrayList<>();
		int order = 1;
		for (SimServer.AssignedIp ip : server.ipv4()) {
			IpPool pool = state.ipPools().get(ip.blockId());
			Seed.IpBlockSeed block = (pool != null) ? pool.block() : null;
			Map<String, Object> address = brief ? Json.obj("order", order++, "enabled", true)
					: Json.obj("id", ip.id(), "order", order++, "enabled", true, "blockId", ip.blockId());
			address.put("address", IpPool.format(ip.address()));
			address.put("gateway", (block != null) ? block.gateway() : null);
			address.put("netmask", (block != null) ? block.netmask() : null);
			address.put("resolver1", (block != null) ? block.resolver1() : null);
			address.put("resolver2", (block != null) ? block.resolver2() : null);
			if (!brief) {
				address.put("rdns", null);
				address.put("mac", null);
			}
			ipv4.add(address);
		}
		String mac = mac(server.id());
		Map<String, Object> nic = brief ? Json.obj("order", 1, "enabled", true, "tag", 0, "name", "eth0", "mac", mac)
				: Json.obj("id", server.id(), "order", 1, "enabled", true, "tag", 0, "name", "eth0", "type", "public",
						"driver", 1, "processQueues", null, "mac", mac, "ipv4ToMac", null, "ipv6ToMac", null,
						"inTrafficCount", true, "outTrafficCount", false);
		nic.put("inAverage", server.networkSpeedIn());
		nic.put("inPeak", server.networkSpeedIn());
		nic.put("inBurst", 0);
		nic.put("outAverage", server.networkSpeedOut());
		nic.put("outPeak", server.networkSpeedOut());
		nic.put("outBurst", 0);
		nic.put("isNat", false);
		if (!brief) {
			SimServer.Firewall firewall = server.firewall(SimServer.PRIMARY);
			nic.put("ipFilter", true);
			nic.put("vlans", List.of());
			nic.put("ipFilterType", "4");
			nic.put("portIsolated", false);
			nic.put("ipv4_resolver_1", 1);
			nic.put("ipv4_resolver_2", 2);
			nic.put("ipv6_resolver_1", 1);
			nic.put("ipv6_resolver_2", 2);
			nic.put("networkProfile", 0);
			nic.put("dhcpV4", 0);
			nic.put("dhcpV6", 0);
			nic.put("firewallEnabled", firewall.enabled());
			// As in the docs' example: the network's id here, the network itself under
			// hypervisorConnectivity (a simulated hypervisor's one network has its id).
			nic.put("hypervisorNetwork", server.hypervisorId());
			nic.put("nat", false);
			nic.put("firewall", firewall.rulesets());
			nic.put("hypervisorConnectivity", Json.obj("id", server.hypervisorId(), "type", "simpleBridge", "bridge",
					"br0", "mtu", null, "primary", true, "default", true));
			nic.put("ipWhitelist",
					server.whitelist()
						.stream()
						.filter((entry) -> entry.networkInterface().equals(SimServer.PRIMARY))
						.map((entry) -> (Object) Json.obj("id", entry.id(), "type", IpPool.isIpv4(entry.ip()) ? 4 : 6,
								"ip", entry.ip(), "mask", entry.cidr()))
						.toList());
			nic.put("actions", List.of());
		}
		nic.put("ipv4", ipv4);
		nic.put("ipv6", List.of());
		return nic;
	}

	private static String mac(int serverId) {
		return String.format("52:54:00:%02x:%02x:%02x", (serverId >> 16) & 0xff, (serverId >> 8) & 0xff,
				serverId & 0xff);
	}

	/** An item of {@code GET /servers}: {@code owner} is the internal user id here. */
	static Map<String, Object> simple(SimServer server) {
		return Json.obj("id", server.id(), "uuid", server.uuid(), "name", server.name(), "commissioned",
				server.state().commissionStatus(), "owner", server.ownerId(), "hypervisorId", server.hypervisorId(),
				"suspended", server.suspended(), "protected", false, "updated", Json.iso(server.updated()), "created",
				Json.iso(server.created()));
	}

	/** An item of {@code GET /servers/user/{userId}}, with its snake_case keys. */
	static Map<String, Object> userItem(PanelState state, SimServer server) {
		Seed.HypervisorSeed hv = state.hypervisors().get(server.hypervisorId()).hypervisor();
		Seed.TemplateSeed template = (server.osTemplateId() != null) ? state.template(server.osTemplateId()) : null;
		Resources resources = server.resources();
		return Json.obj("id", server.id(), "ownerId", server.ownerId(), "hypervisorId", server.hypervisorId(), "name",
				server.name(), "hostname", server.hostname(), "commissionStatus", server.state().commissionStatus(),
				"uuid", server.uuid(), "state", server.state().id(), "rebuild", server.rebuild(), "suspended",
				server.suspended(), "protected", false, "buildFailed", false, "backup_level", 0, "backup_plan",
				backupPlan(state, server), "os", Json.obj("screen", SCREEN), "server_info",
				Json.obj("show", template != null, "icon", (template != null) ? template.icon() : null, "name",
						(template != null) ? template.name() : null, "label",
						(template != null) ? template.name() + " " + template.version() : null),
				"vnc",
				Json.obj("expose_details", true, "ip", hv.ip(), "hostname", hv.hostname(), "port", server.vncPort(),
						"enabled", server.vncEnabled() ? 1 : 0),
				"resources",
				Json.obj("memory", resources.memory(), "storage", resources.storage(), "traffic", resources.traffic(),
						"cpuCores", resources.cpuCores(), "cpu_model", "host-passthrough"),
				"network", Json.obj("interfaces", List.of(primaryInterface(state, server, true))), "config",
				Json.obj("uefi", false, "bootOrder", List.of("hd")), "media",
				Json.obj("isoMounted", false, "isoName", ""));
	}

	/** The traffic limit of a period: the allowance plus the blocks added to it. */
	static int trafficLimit(SimServer server, Period period) {
		if (server.resources().traffic() == 0) {
			return 0;
		}
		return server.resources().traffic() + server.trafficBlocks()
			.stream()
			.filter((block) -> block.month() == period.month())
			.mapToInt(SimServer.TrafficBlock::traffic)
			.sum();
	}

	/**
	 * A traffic period of a server: month 1 starts on the day the server was created,
	 * each next one a calendar month later.
	 */
	record Period(int month, Instant start, Instant end) {

		static Period of(Instant created, int month) {
			ZonedDateTime start = created.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).plusMonths(month - 1L);
			return new Period(month, start.toInstant(), start.plusMonths(1).minusSeconds(1).toInstant());
		}

		static Period current(Instant created, Instant now) {
			ZonedDateTime first = created.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
			int month = (int) ChronoUnit.MONTHS.between(first, now.atZone(ZoneOffset.UTC)) + 1;
			return of(created, Math.max(1, month));
		}

		Map<String, Object> json() {
			return Json.obj("month", this.month, "start", Json.sql(this.start), "end", Json.sql(this.end));
		}

	}

}
