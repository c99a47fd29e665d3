package io.vfbridge.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The test harness under {@code <base-path>/_admin}: fault rules (list, add, remove,
 * clear), counters, and reset to the seed. Not part of VirtFusion; it takes the
 * simulator's token like the API (checked by {@link SimulatorConfiguration}).
 */
final class AdminApi {

	private static final Set<String> FAULT_FIELDS = new TreeSet<>(List.of("method", "path", "kind", "probability",
			"count", "latency", "jitter", "status", "msg", "errors", "retryAfter", "hold"));

	private final Panel panel;

	private final FaultInjector faults;

	private final CallStats stats;

	AdminApi(Panel panel, FaultInjector faults, CallStats stats) {
		this.panel = panel;
		this.faults = faults;
		this.stats = stats;
	}

	ServerResponse listFaults(ServerRequest request) {
		return Reply.data(this.faults.rules().stream().map((rule) -> (Object) rule.toJson()).toList());
	}

	/** Adds one rule (a JSON object) or several (an array); 400 names what is wrong. */
	ServerResponse addFaults(ServerRequest request) {
		JsonNode body;
		try {
			body = Json.read(request.servletRequest().getInputStream().readAllBytes());
		}
		catch (JacksonException ex) {
			return badRequest("The body is not JSON: " + ex.getOriginalMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<SimulatorProperties.Fault> parsed = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		List<JsonNode> items = new ArrayList<>();
		if (body != null && body.isArray()) {
			body.forEach(items::add);
		}
		else if (body != null && body.isObject()) {
			items.add(body);
		}
		else {
			errors.add("Send a fault rule object or an array of them.");
		}
		for (int i = 0; i < items.size(); i++) {
			try {
				parsed.add(fault(items.get(i)));
			}
			catch (IllegalArgumentException ex) {
				errors.add("rule " + i + ": " + ex.getMessage());
			}
		}
		if (!errors.isEmpty()) {
			return Reply.json(400, Json.obj("errors", errors));
		}
		return Reply.json(201,
				Json.data(this.faults.add(parsed).stream().map((rule) -> (Object) rule.toJson()).toList()));
	}

	ServerResponse clearFaults(ServerRequest request) {
		this.faults.clear();
		return Reply.empty(204);
	}

	ServerResponse removeFault(ServerRequest request) {
		try {
			if (this.faults.remove(Integer.parseInt(request.pathVariable("id")))) {
				return Reply.empty(204);
			}
		}
		catch (NumberFormatException ex) {
			// not a rule id: same answer as an unknown one
		}
		return Reply.json(404, Json.obj("msg", "fault rule not found"));
	}

	ServerResponse reset(ServerRequest request) {
		this.panel.reset();
		this.faults.reset();
		this.stats.clear();
		return Reply.empty(204);
	}

	ServerResponse stats(ServerRequest request) {
		Map<String, Object> servers = this.panel.call((state) -> {
			Map<String, Long> byState = new TreeMap<>();
			for (SimServer.BuildState buildState : SimServer.BuildState.values()) {
				byState.put(buildState.id(), 0L);
			}
			Map<String, Long> byOwner = new TreeMap<>();
			Map<String, Long> byOwnerExtRelationId = new TreeMap<>();
			Map<String, Long> byOwnerRelStr = new TreeMap<>();
			long suspended = 0;
			long pendingDeletion = 0;
			for (SimServer server : state.servers().values()) {
				byState.merge(server.state().id(), 1L, Long::sum);
				byOwner.merge(String.valueOf(server.ownerId()), 1L, Long::sum);
				SimUser owner = state.findUser(server.ownerId());
				if (owner != null && owner.extRelationId() != null) {
					byOwnerExtRelationId.merge(String.valueOf(owner.extRelationId()), 1L, Long::sum);
				}
				if (owner != null && owner.relStr() != null) {
					byOwnerRelStr.merge(owner.relStr(), 1L, Long::sum);
				}
				suspended += server.suspended() ? 1 : 0;
				pendingDeletion += (server.deleteAt() != null) ? 1 : 0;
			}
			return Json.obj("users", Json.obj("total", state.users().size()), "servers",
					Json.obj("total", state.servers().size(), "byState", byState, "suspended", suspended,
							"pendingDeletion", pendingDeletion, "byOwner", byOwner, "byOwnerExtRelationId",
							byOwnerExtRelationId, "byOwnerRelStr", byOwnerRelStr));
		});
		Map<String, Long> byKind = new TreeMap<>();
		this.faults.appliedByKind().forEach((kind, count) -> byKind.put(kind.id(), count.sum()));
		Map<String, Object> doc = Json.obj("calls", this.stats.snapshot(), "totalCalls", this.stats.total(),
				"lastTraceparent", this.stats.traceParents(), "faults",
				Json.obj("applied", byKind.values().stream().mapToLong(Long::longValue).sum(), "byKind", byKind,
						"active", this.faults.rules().size()));
		doc.putAll(servers);
		return Reply.ok(doc);
	}

	/**
	 * Counts traffic on a server in its current period: {@code {"rx": bytes, "tx":
	 * bytes}}, added to what was counted. 404 for an unknown server.
	 */
	ServerResponse countTraffic(ServerRequest request) {
		JsonNode body;
		int serverId;
		try {
			serverId = Integer.parseInt(request.pathVariable("serverId"));
			body = Json.read(request.servletRequest().getInputStream().readAllBytes());
		}
		catch (NumberFormatException ex) {
			return Reply.json(404, Json.obj("msg", PanelState.SERVER_NOT_FOUND));
		}
		catch (JacksonException ex) {
			return badRequest("The body is not JSON: " + ex.getOriginalMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (body == null || !body.path("rx").canConvertToLong() || !body.path("tx").canConvertToLong()
				|| body.path("rx").asLong() < 0 || body.path("tx").asLong() < 0) {
			return badRequest("Send {\"rx\": bytes, \"tx\": bytes}, both whole numbers from 0.");
		}
		try {
			this.panel.run((state) -> {
				SimServer server = state.server(serverId);
				int month = ServerView.Period.current(server.created(), state.now()).month();
				server.countTraffic(month, body.get("rx").asLong(), body.get("tx").asLong());
			});
		}
		catch (ApiError ex) {
			return Reply.json(404, Json.obj("msg", PanelState.SERVER_NOT_FOUND));
		}
		return Reply.empty(204);
	}

	private static ServerResponse badRequest(String error) {
		return Reply.json(400, Json.obj("errors", List.of(error)));
	}

	static SimulatorProperties.Fault fault(JsonNode node) {
		for (String field : node.propertyNames()) {
			if (!FAULT_FIELDS.contains(field)) {
				throw new IllegalArgumentException("unknown field '" + field + "' (known: " + FAULT_FIELDS + ")");
			}
		}
		String kind = text(node, "kind");
		if (kind == null) {
			throw new IllegalArgumentException("kind is required");
		}
		FaultKind faultKind;
		try {
			faultKind = FaultKind.of(kind);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("unknown kind '" + kind + "'");
		}
		List<String> errors = null;
		if (node.hasNonNull("errors")) {
			errors = new ArrayList<>();
			for (JsonNode error : node.get("errors")) {
				errors.add(error.asString());
			}
		}
		String method = text(node, "method");
		String path = text(node, "path");
		return new SimulatorProperties.Fault((method != null) ? method : "*", (path != null) ? path : "*", faultKind,
				node.hasNonNull("probability") ? number(node, "probability") : 1,
				node.hasNonNull("count") ? (int) number(node, "count") : null, duration(node, "latency"),
				duration(node, "jitter"), node.hasNonNull("status") ? (int) number(node, "status") : null,
				text(node, "msg"), errors, duration(node, "retryAfter"), duration(node, "hold"));
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

	private static double number(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (!value.isNumber()) {
			throw new IllegalArgumentException(field + " must be a number");
		}
		return value.doubleValue();
	}

	/**
	 * A number of milliseconds, or a duration text such as {@code 250ms}, {@code 5s},
	 * {@code PT5S}.
	 */
	private static @Nullable Duration duration(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isNumber()) {
			return Duration.ofMillis(value.longValue());
		}
		try {
			return DurationStyle.detectAndParse(value.asString());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(field + " must be milliseconds or a duration such as 250ms or 5s");
		}
	}

}
