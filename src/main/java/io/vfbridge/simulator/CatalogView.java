package io.vfbridge.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * VirtFusion's documents for the catalogue: packages, OS templates, hypervisors and their
 * groups, IP blocks, currencies, DNS services, ISOs and queue items.
 */
final class CatalogView {

	private CatalogView() {
	}

	static Map<String, Object> pkg(PanelState state, Seed.PackageSeed pkg) {
		return Json.obj("id", pkg.id(), "name", pkg.name(), "description", pkg.description(), "enabled",
				pkg.isEnabled(), "memory", pkg.memory(), "primaryStorage", pkg.primaryStorage(), "traffic",
				pkg.traffic(), "cpuCores", pkg.cpuCores(), "primaryNetworkSpeedIn", pkg.primaryNetworkSpeedIn(),
				"primaryNetworkSpeedOut", pkg.primaryNetworkSpeedOut(), "primaryDiskType", "inherit", "backupPlanId",
				(pkg.backupPlanId() != null) ? pkg.backupPlanId() : 0, "primaryStorageReadBytesSec", null,
				"primaryStorageWriteBytesSec", null, "primaryStorageReadIopsSec", null, "primaryStorageWriteIopsSec",
				null, "primaryStorageProfile", pkg.primaryStorageProfile(), "primaryNetworkProfile",
				pkg.primaryNetworkProfile(), "created", Json.iso(state.started()));
	}

	static List<Object> templateGroups(List<Seed.TemplateGroupSeed> groups) {
		return groups.stream().map(CatalogView::templateGroup).toList();
	}

	private static Object templateGroup(Seed.TemplateGroupSeed group) {
		List<Object> templates = group.templates()
			.stream()
			.map((template) -> (Object) Json.obj("id", template.id(), "name", template.name(), "version",
					template.version(), "variant", template.variant(), "arch", template.arch(), "description",
					template.description(), "icon", template.icon(), "eol", template.eol(), "eol_date",
					(template.eolDate() != null) ? template.eolDate() + " 00:00:00" : null, "eol_warning",
					template.eol(), "deploy_type", template.deployType(), "vnc", template.vnc(), "type",
					template.type()))
			.toList();
		return Json.obj("id", group.id(), "name", group.name(), "description", group.description(), "icon",
				group.icon(), "templates", templates);
	}

	static Map<String, Object> group(PanelState state, Seed.HypervisorGroupSeed group) {
		return Json.obj("id", group.id(), "name", group.name(), "label", group.label(), "description",
				group.description(), "distributionType", group.distributionType(), "enabled", group.isEnabled(),
				"default", group.isDefault(), "created", Json.iso(state.started()), "updated",
				Json.iso(state.started()));
	}

	static Map<String, Object> hypervisor(PanelState state, HypervisorLoad load) {
		Seed.HypervisorSeed hv = load.hypervisor();
		Seed.HypervisorGroupSeed group = state.groups().get(hv.groupId());
		String created = Json.iso(state.started());
		Map<String, Object> groupDoc = Json.obj("id", group.id(), "name", group.name(), "description",
				group.description(), "default", group.isDefault(), "enabled", group.isEnabled(), "distributionType",
				group.distributionType(), "created", created, "updated", created);
		List<Object> networks = List.of(Json.obj("id", hv.id(), "type", "simpleBridge", "bridge", "br0", "primary",
				true, "default", true, "created", created, "updated", created));
		List<Object> storage = List.of(Json.obj("id", hv.id(), "name", "Local", "type", "local", "path",
				"/home/vf-data/disk", "capacity", hv.storage(), "enabled", true, "primary", true));
		return Json.obj("id", hv.id(), "commissioned", 3, "ip", hv.ip(), "ipAlt", hv.ipAlt(), "hostname", hv.hostname(),
				"port", hv.port(), "sshPort", hv.sshPort(), "name", hv.name(), "maintenance", hv.maintenance(),
				"enabled", hv.isEnabled(), "nfType", 1, "group", groupDoc, "encryptedToken",
				"eyJpdiI6IlNpbXVsYXRlZCIsInZhbHVlIjoiaHYtIiwibWFjIjoiMCJ9", "maxServers", hv.maxServers(), "maxCpu",
				hv.maxCpu(), "maxMemory", hv.maxMemory(), "networks", networks, "storage", storage, "created", created,
				"updated", created);
	}

	/** One item of a group's resources: what the hypervisor has, uses and has free. */
	static Map<String, Object> hypervisorResources(PanelState state, HypervisorLoad load) {
		Seed.HypervisorSeed hv = load.hypervisor();
		Map<String, Object> resources = capacity(load);
		resources.put("network", Json.obj("total", Json.obj("ipv4", Json.obj("free", state.freeIpv4(hv.groupId())))));
		return Json.obj("hypervisor", Json.obj("id", hv.id(), "name", hv.name(), "enabled", hv.isEnabled(), "prohibit",
				hv.prohibit(), "accept", load.acceptsServers(), "commissioned", true), "resources", resources);
	}

	/**
	 * A hypervisor's counters (servers, memory, cores, local and other storage), as the
	 * group resources and a server's embedded hypervisor show them.
	 */
	static Map<String, Object> capacity(HypervisorLoad load) {
		Seed.HypervisorSeed hv = load.hypervisor();
		Map<String, Object> localStorage = Json.obj("enabled", 1, "name", "Local (Default mountpoint)", "storageType",
				1);
		// VirtFusion sends "enabled" as 0/1 here, unlike the booleans around it.
		localStorage.putAll(counter("GB", hv.storage(), load.storage()));
		return Json.obj("servers", counter("#", hv.maxServers(), load.servers()), "memory",
				counter("MB", hv.maxMemory(), load.memory()), "cpuCores", counter("#", hv.maxCpu(), load.cpuCores()),
				"localStorage", localStorage, "otherStorage", List.of());
	}

	private static Map<String, Object> counter(String units, int max, int allocated) {
		@Nullable Object percent = (max == 0) ? null
				: BigDecimal.valueOf(allocated * 100.0 / max).setScale(2, RoundingMode.HALF_UP).doubleValue();
		return Json.obj("units", units, "max", max, "allocated", allocated, "free", max - allocated, "percent",
				percent);
	}

	static Map<String, Object> ipBlock(PanelState state, IpPool pool) {
		Seed.IpBlockSeed block = pool.block();
		String created = Json.iso(state.started());
		Map<String, Object> ipv4 = Json.obj("gateway", block.gateway(), "netmask", block.netmask(), "resolvers",
				Json.obj("primary", block.resolver1(), "secondary", block.resolver2()), "total", pool.total(),
				"usedTotal", pool.usedCount(), "freeTotal", pool.free());
		// An IPv4 block still carries an (empty) ipv6 part.
		Map<String, Object> ipv6 = Json.obj("gateway", null, "resolvers", Json.obj("primary", null, "secondary", null),
				"subnet", null, "from", 48, "to", 64, "restricted", List.of(), "total", 0, "generatedTotal", 0,
				"usedTotal", 0, "freeTotal", 0, "freeGenerated", 0, "blacklistedTotal", 0);
		return Json.obj("id", block.id(), "type", 4, "name", block.name(), "ipv4", ipv4, "ipv6", ipv6, "rdnsType", 0,
				"rdnsZoneId", null, "networkProfile", 0, "routeBlock", false, "dhcp", 0, "enabled", true, "created",
				created, "updated", created);
	}

	static Map<String, Object> currency(Seed.CurrencySeed currency) {
		return Json.obj("id", currency.id(), "code", currency.code(), "value", currency.value(), "prefix",
				currency.prefix(), "suffix", currency.suffix(), "default", currency.isDefault(), "enabled",
				currency.enabled());
	}

	static Map<String, Object> dnsService(PanelState state, Seed.DnsServiceSeed dns) {
		String created = Json.iso(state.started());
		return Json.obj("id", dns.id(), "type", dns.type(), "name", dns.name(), "username", dns.username(), "url",
				dns.url(), "ip", dns.ip(), "port", dns.port(), "password",
				"eyJpdiI6IlNpbXVsYXRlZCIsInZhbHVlIjoiZG5zIiwibWFjIjoiMCJ9", "config", Map.of(), "subAccount", false,
				"capabilities", 1, "enabled", dns.enabled(), "created", created, "updated", created);
	}

	static Map<String, Object> iso(PanelState state, Seed.IsoSeed iso) {
		String created = Json.iso(state.started());
		return Json.obj("id", iso.id(), "name", iso.name(), "description", iso.description(), "arch", iso.arch(), "url",
				iso.url(), "filename", iso.filename(), "enabled", iso.enabled(), "config", "{}", "global", true,
				"download", false, "users", List.of(), "created", created, "updated", created);
	}

	static Map<String, Object> queueItem(PanelState state, QueueTask task) {
		String started = Json.iso(task.started());
		Map<String, Object> exception = Json.obj("stringable", false, "errors", List.of(), "type", null, "trace", null,
				"message", null);
		List<Object> primaryActions = List.of(Json.obj("type", task.action(), "dataType", "server", "data",
				Json.obj("serverId", task.serverId()), "created", started, "updated", started));
		return Json.obj("id", task.id(), "jobId", task.jobId(), "job", task.job(), "hypervisorId", task.hypervisorId(),
				"serverId", task.serverId(), "action", task.action(), "queue", "default", "started", started, "updated",
				Json.iso(task.finishedAt(state.now()) ? task.due() : state.now()), "finished",
				Json.iso(task.finished(state.now())), "failed", false, "progress", task.progress(state.now()), "errors",
				Json.obj("exception", exception), "primaryActions", primaryActions, "subActions", List.of());
	}

}
