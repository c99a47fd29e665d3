package io.vfbridge.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The panel's fixed inventory, read from YAML: packages, OS templates, hypervisor groups
 * and hypervisors, IP blocks, currencies and the other catalogue entries. Users and
 * servers never come from the seed; they are made through the API.
 */
record Seed(List<PackageSeed> packages, List<TemplateGroupSeed> osTemplateGroups,
		List<HypervisorGroupSeed> hypervisorGroups, List<HypervisorSeed> hypervisors, List<IpBlockSeed> ipBlocks,
		List<CurrencySeed> currencies, List<DnsServiceSeed> dnsServices, List<IsoSeed> isos,
		List<NamedSeed> backupStorage, List<NamedSeed> backupPlans, List<RulesetSeed> firewallRulesets,
		List<ResourcePackSeed> resourcePacks, List<NamedSeed> hourlyGroupProfiles,
		List<NamedSeed> resourceGroupProfiles) {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	Seed {
		packages = list(packages);
		osTemplateGroups = list(osTemplateGroups);
		hypervisorGroups = list(hypervisorGroups);
		hypervisors = list(hypervisors);
		ipBlocks = list(ipBlocks);
		currencies = list(currencies);
		dnsServices = list(dnsServices);
		isos = list(isos);
		backupStorage = list(backupStorage);
		backupPlans = list(backupPlans);
		firewallRulesets = list(firewallRulesets);
		resourcePacks = list(resourcePacks);
		hourlyGroupProfiles = list(hourlyGroupProfiles);
		resourceGroupProfiles = list(resourceGroupProfiles);
		unique("package", packages, PackageSeed::id);
		unique("OS template group", osTemplateGroups, TemplateGroupSeed::id);
		unique("OS template", osTemplateGroups.stream().flatMap((group) -> group.templates().stream()).toList(),
				TemplateSeed::id);
		unique("hypervisor group", hypervisorGroups, HypervisorGroupSeed::id);
		unique("hypervisor", hypervisors, HypervisorSeed::id);
		unique("IP block", ipBlocks, IpBlockSeed::id);
		unique("currency", currencies, CurrencySeed::id);
		Set<Integer> groups = ids(hypervisorGroups, HypervisorGroupSeed::id);
		Set<Integer> templateGroups = ids(osTemplateGroups, TemplateGroupSeed::id);
		for (HypervisorSeed hypervisor : hypervisors) {
			check(groups.contains(hypervisor.groupId()),
					"hypervisor " + hypervisor.id() + " names unknown group " + hypervisor.groupId());
		}
		for (IpBlockSeed block : ipBlocks) {
			check(groups.containsAll(block.hypervisorGroups()), "IP block " + block.id() + " names an unknown group");
		}
		for (PackageSeed pkg : packages) {
			check(templateGroups.containsAll(pkg.templateGroups()),
					"package " + pkg.id() + " names an unknown OS template group");
		}
		check(currencies.stream().filter(CurrencySeed::isDefault).count() == 1,
				"exactly one currency must be the default");
	}

	static Seed load(InputStream yaml) {
		try (yaml) {
			Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
			return MAPPER.convertValue((tree != null) ? tree : Map.of(), Seed.class);
		}
		catch (JacksonException ex) {
			Throwable cause = (ex.getCause() instanceof IllegalArgumentException invalid) ? invalid : ex;
			throw new IllegalArgumentException(
					(cause == ex) ? "Invalid simulator seed: " + ex.getOriginalMessage() : cause.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	CurrencySeed defaultCurrency() {
		return this.currencies.stream().filter(CurrencySeed::isDefault).findFirst().orElseThrow();
	}

	private static <T> List<T> list(@Nullable List<T> values) {
		return (values != null) ? List.copyOf(values) : List.of();
	}

	private static <T> void unique(String what, List<T> values, ToIntFunction<T> id) {
		check(ids(values, id::applyAsInt).size() == values.size(), "duplicate " + what + " id in the seed");
	}

	private static <T> Set<Integer> ids(List<T> values, Function<T, Integer> id) {
		Set<Integer> ids = new HashSet<>();
		values.forEach((value) -> ids.add(id.apply(value)));
		return ids;
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException("Invalid simulator seed: " + message);
		}
	}

	private static String text(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	/** A server package (plan) and the OS template groups it offers. */
	record PackageSeed(int id, String name, @Nullable String description, @Nullable Boolean enabled, int memory,
			int primaryStorage, int traffic, int cpuCores, int primaryNetworkSpeedIn, int primaryNetworkSpeedOut,
			@Nullable Integer backupPlanId, int primaryStorageProfile, int primaryNetworkProfile,
			@Nullable List<Integer> templateGroups, @Nullable BigDecimal hourlyPrice) {

		PackageSeed {
			Objects.requireNonNull(name, "package name");
			description = text(description, "");
			enabled = !Boolean.FALSE.equals(enabled);
			templateGroups = list(templateGroups);
			hourlyPrice = (hourlyPrice != null) ? hourlyPrice : BigDecimal.ZERO;
		}

		boolean isEnabled() {
			return Boolean.TRUE.equals(this.enabled);
		}

	}

	/** A group of OS templates (e.g. all Debian releases). */
	record TemplateGroupSeed(int id, String name, @Nullable String description, @Nullable String icon,
			@Nullable List<TemplateSeed> templates) {

		TemplateGroupSeed {
			Objects.requireNonNull(name, "template group name");
			description = text(description, "");
			icon = text(icon, "");
			templates = list(templates);
		}

	}

	/** One OS template. */
	record TemplateSeed(int id, String name, String version, @Nullable String variant, @Nullable Integer arch,
			@Nullable String description, @Nullable String icon, boolean eol, @Nullable String eolDate,
			@Nullable String type, @Nullable Integer deployType, @Nullable Boolean vnc) {

		TemplateSeed {
			Objects.requireNonNull(name, "template name");
			Objects.requireNonNull(version, "template version");
			arch = (arch != null) ? arch : 1;
			description = text(description, "");
			icon = text(icon, "");
			type = text(type, "linux");
			deployType = (deployType != null) ? deployType : 1;
			vnc = !Boolean.FALSE.equals(vnc);
		}

	}

	/** A hypervisor group: what {@code hypervisorId} in create-server really names. */
	record HypervisorGroupSeed(int id, String name, @Nullable String label, @Nullable String description,
			@JsonProperty("default") boolean isDefault, @Nullable Boolean enabled, @Nullable Integer distributionType) {

		HypervisorGroupSeed {
			Objects.requireNonNull(name, "group name");
			description = text(description, "");
			enabled = !Boolean.FALSE.equals(enabled);
			distributionType = (distributionType != null) ? distributionType : 1;
		}

		boolean isEnabled() {
			return Boolean.TRUE.equals(this.enabled);
		}

	}

	/**
	 * A hypervisor and its capacity; a maximum of 0 means unlimited, as in VirtFusion.
	 */
	record HypervisorSeed(int id, int groupId, String name, String hostname, String ip, @Nullable String ipAlt,
			@Nullable Integer port, @Nullable Integer sshPort, @Nullable Boolean enabled, boolean prohibit,
			boolean maintenance, int maxServers, int maxCpu, int maxMemory, int storage, @Nullable String timezone) {

		HypervisorSeed {
			Objects.requireNonNull(name, "hypervisor name");
			Objects.requireNonNull(hostname, "hypervisor hostname");
			Objects.requireNonNull(ip, "hypervisor ip");
			port = (port != null) ? port : 8892;
			sshPort = (sshPort != null) ? sshPort : 22;
			enabled = !Boolean.FALSE.equals(enabled);
			timezone = text(timezone, "UTC");
		}

		boolean isEnabled() {
			return Boolean.TRUE.equals(this.enabled);
		}

	}

	/** An IPv4 block, the hypervisor groups that draw from it and its address ranges. */
	record IpBlockSeed(int id, String name, @Nullable List<Integer> hypervisorGroups, String gateway, String netmask,
			@Nullable String resolver1, @Nullable String resolver2, @Nullable List<RangeSeed> ranges) {

		IpBlockSeed {
			Objects.requireNonNull(name, "IP block name");
			Objects.requireNonNull(gateway, "IP block gateway");
			Objects.requireNonNull(netmask, "IP block netmask");
			hypervisorGroups = list(hypervisorGroups);
			resolver1 = text(resolver1, "1.1.1.1");
			resolver2 = text(resolver2, "8.8.8.8");
			ranges = list(ranges);
		}

	}

	/** An inclusive range of IPv4 addresses. */
	record RangeSeed(String start, String end) {

		RangeSeed {
			Objects.requireNonNull(start, "range start");
			Objects.requireNonNull(end, "range end");
		}

	}

	/** A self-service currency; {@code value} is the price of one token. */
	record CurrencySeed(int id, String code, String value, @Nullable String prefix, @Nullable String suffix,
			@JsonProperty("default") boolean isDefault, @Nullable Boolean enabled) {

		CurrencySeed {
			Objects.requireNonNull(code, "currency code");
			new BigDecimal(Objects.requireNonNull(value, "currency value"));
			prefix = text(prefix, "");
			suffix = text(suffix, "");
			enabled = !Boolean.FALSE.equals(enabled);
		}

	}

	/** A DNS service integration. */
	record DnsServiceSeed(int id, int type, String name, @Nullable String username, @Nullable String url,
			@Nullable String ip, @Nullable Integer port, @Nullable Boolean enabled) {

		DnsServiceSeed {
			Objects.requireNonNull(name, "DNS service name");
			enabled = !Boolean.FALSE.equals(enabled);
		}

	}

	/** An ISO image in the media library. */
	record IsoSeed(int id, String name, @Nullable String description, @Nullable Integer arch, @Nullable String url,
			@Nullable String filename, @Nullable Boolean enabled) {

		IsoSeed {
			Objects.requireNonNull(name, "ISO name");
			description = text(description, "");
			arch = (arch != null) ? arch : 1;
			enabled = !Boolean.FALSE.equals(enabled);
		}

	}

	/** Any catalogue entry that only has an id and a name. */
	record NamedSeed(int id, String name) {

		NamedSeed {
			Objects.requireNonNull(name, "name");
		}

	}

	/** A firewall ruleset; a disabled one is rejected by create-server. */
	record RulesetSeed(int id, String name, @Nullable Boolean enabled) {

		RulesetSeed {
			Objects.requireNonNull(name, "ruleset name");
			enabled = !Boolean.FALSE.equals(enabled);
		}

	}

	/** A resource pack template: the limits a user's pack grants. */
	record ResourcePackSeed(int id, String name, int servers, int memory, int storage, int cpu, int traffic,
			int maxMemory, int maxStorage, int maxCpu, int maxTraffic) {

		ResourcePackSeed {
			Objects.requireNonNull(name, "resource pack name");
		}

	}

}
