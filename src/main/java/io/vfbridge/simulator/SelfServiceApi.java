package io.vfbridge.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Self service (sections 11 and 12 of the reference): credit, group profiles, resource
 * packs and their servers, access, hourly statistics, usage and the report. Usage is
 * computed from the hours the user's servers existed in a period and each package's
 * {@code hourlyPrice} in the seed.
 */
final class SelfServiceApi {

	private static final DateTimeFormatter MONTH_NAME = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

	private static final List<String> RANGES = List.of("d", "w", "2w", "3w", "m");

	private static final int DEFAULT_PACK_DELETE_DELAY_MINUTES = 30;

	/**
	 * Add-ons are not modelled: their total is the documented answer without add-ons
	 * (numbers 0, unlike the other totals' {@code false}).
	 */
	private static final Map<String, Object> ADDONS_TOTAL = Collections
		.unmodifiableMap(Json.obj("hours", 0, "value", 0, "tokens", false));

	private final Panel panel;

	SelfServiceApi(Panel panel) {
		this.panel = panel;
	}

	ServerResponse addCredit(ServerRequest request) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		double tokens = input.requiredNumber("tokens");
		input.optionalLong("reference_1");
		input.optionalString("reference_2", 1000);
		input.validate();
		return this.panel.call((state) -> {
			SimUser user = user(state, input, relStr);
			Credit credit = new Credit(state.nextId("credit"), user.id(), BigDecimal.valueOf(tokens));
			state.credits().put(credit.id(), credit);
			return Reply.json(201, Json.data(Json.obj("id", credit.id())));
		});
	}

	ServerResponse cancelCredit(ServerRequest request) {
		int id = Input.of(request).pathId("creditId", "credit not found");
		this.panel.run((state) -> state.credit(id).cancel());
		return Reply.empty(204);
	}

	ServerResponse addHourlyGroupProfile(ServerRequest request) {
		return changeProfile(request, true, true);
	}

	ServerResponse removeHourlyGroupProfile(ServerRequest request) {
		return changeProfile(request, true, false);
	}

	ServerResponse addResourceGroupProfile(ServerRequest request) {
		return changeProfile(request, false, true);
	}

	ServerResponse removeResourceGroupProfile(ServerRequest request) {
		return changeProfile(request, false, false);
	}

	private ServerResponse changeProfile(ServerRequest request, boolean hourly, boolean add) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		int profileId = add ? input.requiredInt("profileId") : input.pathId("profileId", "profile not found");
		input.validate();
		this.panel.run((state) -> {
			SimUser user = user(state, input, relStr);
			List<Seed.NamedSeed> profiles = hourly ? state.seed().hourlyGroupProfiles()
					: state.seed().resourceGroupProfiles();
			if (add && !known(profiles, List.of(profileId))) {
				input.invalidSelection("profileId");
				input.validate();
			}
			if (hourly && add) {
				user.addHourlyGroupProfile(profileId, state.now());
			}
			else if (hourly) {
				user.removeHourlyGroupProfile(profileId, state.now());
			}
			else if (add) {
				user.addResourceGroupProfile(profileId, state.now());
			}
			else {
				user.removeResourceGroupProfile(profileId, state.now());
			}
		});
		return Reply.empty(204);
	}

	ServerResponse addResourcePack(ServerRequest request) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		int packId = input.requiredInt("packId");
		boolean enabled = input.optionalBool("enabled", true);
		input.validate();
		return this.panel.call((state) -> {
			SimUser user = user(state, input, relStr);
			Seed.ResourcePackSeed pack = resourcePack(state, packId);
			UserPack userPack = new UserPack(state.nextId("userPack"), user.id(), pack, enabled);
			state.userPacks().put(userPack.id(), userPack);
			return Reply.json(201, Json.data(Json.obj("id", userPack.id())));
		});
	}

	ServerResponse setHourlyResourcePack(ServerRequest request) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		int packId = input.requiredInt("packId");
		input.validate();
		this.panel.run((state) -> {
			SimUser user = user(state, input, relStr);
			user.useHourlyResourcePack(resourcePack(state, packId).id(), state.now());
		});
		return Reply.empty(204);
	}

	ServerResponse modifyAccess(ServerRequest request) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		input.requiredBool("syncToProfiles");
		input.validate();
		// Self-service access levels are not modelled; the call needs an existing user.
		this.panel.run((state) -> user(state, input, relStr));
		return Reply.empty(204);
	}

	ServerResponse userPack(ServerRequest request) {
		Input input = Input.of(request);
		int id = input.pathId("packId", "resource pack not found");
		boolean withServers = input.queryBool("withServers", false);
		input.validate();
		return Reply.data(this.panel.call((state) -> {
			UserPack pack = state.userPack(id);
			Map<String, Object> doc = packDocument(state, pack);
			if (withServers) {
				doc.put("servers",
						state.serversInPack(id).stream().map((server) -> (Object) ServerView.simple(server)).toList());
			}
			return doc;
		}));
	}

	ServerResponse modifyUserPack(ServerRequest request) {
		Input input = Input.of(request);
		int id = input.pathId("packId", "resource pack not found");
		boolean enabled = input.requiredBool("enabled");
		this.panel.run((state) -> {
			UserPack pack = state.userPack(id);
			input.validate();
			pack.enable(enabled);
		});
		return Reply.empty(204);
	}

	ServerResponse deleteUserPack(ServerRequest request) {
		Input input = Input.of(request);
		int id = input.pathId("packId", "resource pack not found");
		boolean disable = input.queryBool("disable", false);
		input.validate();
		this.panel.run((state) -> {
			UserPack pack = state.userPack(id);
			if (state.serversInPack(id).isEmpty()) {
				state.userPacks().remove(id);
			}
			else if (disable) {
				pack.enable(false);
			}
			else {
				// A pack with servers cannot go; "disable=true" asks to disable it
				// instead [inferred].
				throw ApiError.invalid("The resource pack still has servers and cannot be deleted.");
			}
		});
		return Reply.empty(204);
	}

	ServerResponse suspendPackServers(ServerRequest request) {
		int id = Input.of(request).pathId("packId", "resource pack not found");
		this.panel.run((state) -> {
			state.userPack(id);
			state.serversInPack(id).forEach((server) -> server.suspend(state.now()));
		});
		return Reply.empty(204);
	}

	ServerResponse unsuspendPackServers(ServerRequest request) {
		int id = Input.of(request).pathId("packId", "resource pack not found");
		this.panel.run((state) -> {
			state.userPack(id);
			state.serversInPack(id).forEach((server) -> server.unsuspend(state.now()));
		});
		return Reply.empty(204);
	}

	ServerResponse deletePackServers(ServerRequest request) {
		Input input = Input.of(request);
		int id = input.pathId("packId", "resource pack not found");
		Integer delay = input.queryInt("delay", 0, 43_800);
		input.validate();
		Duration grace = Duration.ofMinutes((delay != null) ? delay : DEFAULT_PACK_DELETE_DELAY_MINUTES);
		this.panel.run((state) -> {
			state.userPack(id);
			for (SimServer server : state.serversInPack(id)) {
				if (grace.isZero()) {
					state.destroyServer(server);
				}
				else {
					state.scheduleDeletion(server, state.after(grace));
				}
			}
		});
		return Reply.empty(204);
	}

	ServerResponse hourlyStats(ServerRequest request) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		List<LocalDate> periods = periods(input);
		range(input);
		input.validate();
		return Reply.data(this.panel.call((state) -> {
			SimUser user = user(state, input, relStr);
			LocalDate month = periods.isEmpty() ? today(state).withDayOfMonth(1) : periods.get(0).withDayOfMonth(1);
			Usage usage = usage(state, user, start(month), start(month.plusMonths(1)));
			Seed.CurrencySeed currency = state.seed().defaultCurrency();
			BigDecimal credit = state.credits()
				.values()
				.stream()
				.filter((c) -> c.userId() == user.id() && !c.cancelled())
				.map(Credit::tokens)
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			// As in the docs' example: periodId counts periods back from the current
			// one (0), and periods are named like "January 2025".
			long periodId = ChronoUnit.MONTHS.between(month, today(state).withDayOfMonth(1));
			return Json.obj("periodId", periodId, "period", MONTH_NAME.format(month), "previousPeriod",
					MONTH_NAME.format(month.minusMonths(1)), "nextPeriod", MONTH_NAME.format(month.plusMonths(1)),
					"monthlyTotal",
					Json.obj("hours", usage.hours(), "value", money(usage.value()), "tokens",
							usage.hasUsage() ? usage.tokens(currency) : false),
					"servers", usage.servers(), "credit", Json.obj("value", credit), "currency",
					Json.obj("code", currency.code(), "prefix", currency.prefix(), "suffix", currency.suffix(), "value",
							tokenValue(currency), "currentValue", tokenValue(currency)));
		}));
	}

	ServerResponse report(ServerRequest request) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		Integer period = input.queryInt("period", 0, 24);
		String code = input.queryString("currency");
		input.validate();
		return Reply.data(this.panel.call((state) -> {
			SimUser user = user(state, input, relStr);
			Seed.CurrencySeed currency = (code != null)
					? state.seed()
						.currencies()
						.stream()
						.filter((c) -> c.code().equalsIgnoreCase(code) && Boolean.TRUE.equals(c.enabled()))
						.findFirst()
						.orElseThrow(() -> ApiError.invalid("The selected currency is invalid."))
					: state.seed().defaultCurrency();
			LocalDate month = today(state).withDayOfMonth(1).minusMonths((period != null) ? period : 0);
			Usage usage = usage(state, user, start(month), start(month.plusMonths(1)));
			Map<String, Object> total = total(usage, currency);
			Seed.CurrencySeed fallback = state.seed().defaultCurrency();
			Map<String, Object> reportUsage = Json.obj("servers", usage.lines(), "serversTotal", total,
					"hourConversionRate", 730, "monthlyTotal", total, "addonsTotal", ADDONS_TOTAL, "taxStatus", 0,
					"success", true, "history", "0", "breakdown", false, "term", MONTH_NAME.format(month),
					"previousTerm", MONTH_NAME.format(month.minusMonths(1)), "nextTerm",
					MONTH_NAME.format(month.plusMonths(1)), "period",
					Json.obj("ymd", month.toString(), "start", Json.sql(start(month)), "end",
							Json.sql(start(month.plusMonths(1)).minusSeconds(1))),
					"showHourlyRate", true, "showMonthlyRate", true);
			List<Object> packs = state.userPacks()
				.values()
				.stream()
				.filter((pack) -> pack.userId() == user.id())
				.map((pack) -> (Object) packDocument(state, pack))
				.toList();
			return Json.obj("usage", reportUsage, "currency",
					Json.obj("prefix", currency.prefix(), "suffix", currency.suffix(), "code", currency.code(),
							"currentValue", tokenValue(currency), "value", tokenValue(currency), "default", Json.obj(
									"prefix", fallback.prefix(), "suffix", fallback.suffix(), "code", fallback.code())),
					"limits", Json.obj("success", true, "packs", packs));
		}));
	}

	ServerResponse usage(ServerRequest request) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		List<LocalDate> starts = periods(input);
		String range = range(input);
		input.validate();
		return Reply.data(this.panel.call((state) -> {
			SimUser user = user(state, input, relStr);
			Seed.CurrencySeed currency = state.seed().defaultCurrency();
			List<LocalDate> from = starts.isEmpty() ? List.of(today(state).withDayOfMonth(1)) : starts;
			Usage all = Usage.NONE;
			List<Object> periods = new ArrayList<>();
			for (LocalDate start : from) {
				LocalDate end = end(start, range);
				Usage usage = usage(state, user, start(start), start(end));
				all = all.plus(usage);
				Duration length = Duration.between(start(start), start(end));
				Map<String, Object> block = usageBlock(usage, currency);
				periods.add(Json.obj("period", start.toString(), "range", range.equals("m") ? "month" : range, "start",
						Json.sql(start(start)), "end", Json.sql(start(end).minusSeconds(1)), "timezone", "UTC",
						"currentPeriod", !today(state).isBefore(start) && today(state).isBefore(end),
						"hoursInMonthPeriod", length.toHours(), "monthToHourRate", 730, "monthToHourRateType", 1,
						"days", length.toDays(), "hours", length.toHours(), "minutes", length.toMinutes(), "seconds",
						length.toSeconds(), "usageServers", block, "usageServersBillable", block, "usageAddons",
						usageBlock(Usage.NONE, currency), "usageAddonsBillable", usageBlock(Usage.NONE, currency),
						"servers", usage.lines()));
			}
			Map<String, Object> totals = usageBlock(all, currency);
			return Json.obj("user",
					Json.obj("id", user.id(), "relationalId", user.extRelationId(), "currency", currency.code(),
							"timezone", "UTC", "name", user.name(), "email", user.email()),
					"usageServers", totals, "usageServersBillable", totals, "usageAddons",
					usageBlock(Usage.NONE, currency), "usageAddonsBillable", usageBlock(Usage.NONE, currency),
					"periods", periods);
		}));
	}

	private static SimUser user(PanelState state, Input input, boolean relStr) {
		return state.userByExt(input.path("extRelationId"), relStr);
	}

	private static Seed.ResourcePackSeed resourcePack(PanelState state, int packId) {
		return state.seed()
			.resourcePacks()
			.stream()
			.filter((pack) -> pack.id() == packId)
			.findFirst()
			.orElseThrow(() -> ApiError.invalid("The selected pack id is invalid."));
	}

	static boolean known(List<Seed.NamedSeed> catalogue, List<Integer> ids) {
		return ids.stream().allMatch((id) -> catalogue.stream().anyMatch((entry) -> entry.id() == id));
	}

	private static Map<String, Object> packDocument(PanelState state, UserPack userPack) {
		Seed.ResourcePackSeed pack = userPack.pack();
		List<SimServer> servers = state.serversInPack(userPack.id());
		int memory = servers.stream().mapToInt((s) -> s.resources().memory()).sum();
		int storage = servers.stream().mapToInt((s) -> s.resources().storage()).sum();
		int cpu = servers.stream().mapToInt((s) -> s.resources().cpuCores()).sum();
		int traffic = servers.stream().mapToInt((s) -> s.resources().traffic()).sum();
		Map<String, Object> usage = Json.obj("servers", usage(pack.servers(), servers.size()), "memory",
				usage(pack.memory(), memory), "storage", usage(pack.storage(), storage), "cpu", usage(pack.cpu(), cpu),
				"traffic", usage(pack.traffic(), traffic));
		return Json.obj("type", "pack", "id", userPack.id(), "pid", pack.id(), "label", pack.name(), "name",
				pack.name(), "enabled", userPack.enabled(), "limits",
				Json.obj("total_servers", pack.servers(), "total_memory", pack.memory(), "total_storage",
						pack.storage(), "total_cpu", pack.cpu(), "total_traffic", pack.traffic(), "max_memory",
						pack.maxMemory(), "max_storage", pack.maxStorage(), "max_cpu", pack.maxCpu(), "max_traffic",
						pack.maxTraffic()),
				"used", Json.obj("servers", servers.size(), "memory", memory, "storage", storage, "cpu", cpu, "traffic",
						traffic),
				"usage", usage);
	}

	private static Map<String, Object> usage(int total, int used) {
		int percent = (total == 0) ? 0 : (int) Math.round(used * 100.0 / total);
		return Json.obj("t", total, "u", used, "f", total - used, "p", percent, "l", total != 0);
	}

	private static List<LocalDate> periods(Input input) {
		List<LocalDate> dates = new ArrayList<>();
		for (String value : input.queryList("period")) {
			try {
				dates.add(LocalDate.parse(value.trim()));
			}
			catch (DateTimeParseException ex) {
				input.check(false, "The period field must be a valid date in the format Y-m-d.");
			}
		}
		return dates;
	}

	private static String range(Input input) {
		String range = input.queryString("range");
		if (range == null) {
			return "m";
		}
		input.check(RANGES.contains(range), "The selected range is invalid.");
		return range;
	}

	private static LocalDate end(LocalDate start, String range) {
		return switch (range) {
			case "d" -> start.plusDays(1);
			case "w" -> start.plusWeeks(1);
			case "2w" -> start.plusWeeks(2);
			case "3w" -> start.plusWeeks(3);
			default -> start.plusMonths(1);
		};
	}

	private static LocalDate today(PanelState state) {
		return LocalDate.ofInstant(state.now(), ZoneOffset.UTC);
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/**
	 * The hours each of the user's servers existed within [from, to) and what they cost.
	 */
	private static Usage usage(PanelState state, SimUser user, Instant from, Instant to) {
		Usage total = Usage.NONE;
		for (SimServer server : state.serversOf(user.id())) {
			Instant begin = server.created().isAfter(from) ? server.created() : from;
			Instant end = state.now().isBefore(to) ? state.now() : to;
			if (begin.isBefore(end)) {
				long hours = (Duration.between(begin, end).toMinutes() + 59) / 60;
				Seed.PackageSeed pkg = state.packages().get(server.packageId());
				BigDecimal price = (pkg != null) ? pkg.hourlyPrice() : BigDecimal.ZERO;
				total = total.plus(new Usage(1, hours, price.multiply(BigDecimal.valueOf(hours)),
						List.of(Json.obj("id", server.id(), "name", server.name(), "uuid", server.uuid(), "hours",
								hours, "value", money(price.multiply(BigDecimal.valueOf(hours)))))));
			}
		}
		return total;
	}

	/**
	 * A currency's token value: a decimal string in the currency list, a number in the
	 * hourly statistics and the report.
	 */
	private static BigDecimal tokenValue(Seed.CurrencySeed currency) {
		return new BigDecimal(currency.value());
	}

	/** VirtFusion sends {@code false} for each number of a total without usage. */
	private static Map<String, Object> total(Usage usage, Seed.CurrencySeed currency) {
		if (!usage.hasUsage()) {
			return Json.obj("hours", false, "value", false, "tokens", false);
		}
		return Json.obj("hours", usage.hours(), "value", money(usage.value()), "tokens", usage.tokens(currency));
	}

	private static Map<String, Object> usageBlock(Usage usage, Seed.CurrencySeed currency) {
		Object tokens = usage.hasUsage() ? usage.tokens(currency) : 0;
		return Json.obj("hours", usage.hours(), "token", tokens, "tokenReal", tokens);
	}

	private static String money(BigDecimal value) {
		return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
	}

	/** Hours and cost of some servers in a period. */
	private record Usage(int servers, long hours, BigDecimal value, List<Object> lines) {

		static final Usage NONE = new Usage(0, 0, BigDecimal.ZERO, List.of());

		boolean hasUsage() {
			return this.hours > 0;
		}

		@Nullable BigDecimal tokens(Seed.CurrencySeed currency) {
			BigDecimal tokenValue = new BigDecimal(currency.value());
			return (tokenValue.signum() == 0) ? null : this.value.divide(tokenValue, 2, RoundingMode.HALF_UP);
		}

		Usage plus(Usage other) {
			List<Object> all = new ArrayList<>(this.lines);
			all.addAll(other.lines);
			return new Usage(this.servers + other.servers, this.hours + other.hours, this.value.add(other.value), all);
		}

	}

}
