package io.vfbridge.provisioning;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code import.bulk}: the parent operation of a bulk import. Its rows run as
 * {@code service.import} operations of their own; this one waits until every row has
 * finished and then counts them: linked, already linked, needs attention and failed, each
 * with its row numbers (and the reason, for the last two). Malformed rows were refused at
 * intake and count as failed. For a dry run the rows say what they would do, and the
 * counts are of that.
 */
@Component
class BulkImportHandler implements JobHandler {

	static final String TYPE = "import.bulk";

	private static final Duration CHECK_AGAIN = Duration.ofSeconds(1);

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	BulkImportHandler(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public String type() {
		return TYPE;
	}

	/** How a row's operation ended. */
	private record Ended(String status, String lastError, String result) {
	}

	@Override
	public JobOutcome handle(JobContext job) {
		Map<UUID, Ended> rows = new HashMap<>();
		this.jdbc.query("select id, status, last_error, result::text from job where parent_job_id = ?", (rs) -> {
			rows.put(rs.getObject(1, UUID.class), new Ended(rs.getString(2), rs.getString(3), rs.getString(4)));
		}, job.id());
		long open = rows.values()
			.stream()
			.filter((row) -> row.status().equals("queued") || row.status().equals("running"))
			.count();
		JsonNode payload = job.payload();
		if (open > 0) {
			return new JobOutcome.Waiting(
					(payload.get("rows").size() - open) + " of " + payload.get("rows").size() + " rows done",
					CHECK_AGAIN);
		}
		ObjectNode result = this.json.createObjectNode();
		boolean dryRun = payload.path("dryRun").asBoolean(false);
		result.put("dryRun", dryRun);
		result.put("rows", payload.get("rows").size() + payload.get("invalid").size());
		ObjectNode linked = bucket(result, "linked");
		ObjectNode alreadyLinked = bucket(result, "alreadyLinked");
		ObjectNode attention = bucket(result, "needsAttention");
		ObjectNode failed = bucket(result, "failed");
		for (JsonNode row : payload.get("rows")) {
			Ended ended = rows.get(UUID.fromString(row.get("operationId").asString()));
			int number = row.get("row").asInt();
			String serviceId = row.get("serviceId").asString();
			if (ended == null) {
				add(failed, number, serviceId, "its operation no longer exists");
				continue;
			}
			JsonNode outcome = (ended.result() != null) ? this.json.readTree(ended.result()) : null;
			String verdict = (outcome != null) ? outcome.path("outcome").asString("") : "";
			String reason = (outcome != null && outcome.has("reason")) ? outcome.get("reason").asString()
					: ended.lastError();
			switch (ended.status()) {
				case "succeeded" -> {
					switch (verdict) {
						case "linked" -> add(linked, number, null, null);
						case "already_linked" -> add(alreadyLinked, number, null, null);
						case "needs_attention" -> add(attention, number, serviceId, reason);
						default -> add(failed, number, serviceId, reason);
					}
				}
				case "needs_attention" -> add(attention, number, serviceId, reason);
				default ->
					add(failed, number, serviceId, (reason != null) ? reason : "the operation ended " + ended.status());
			}
		}
		for (JsonNode row : payload.get("invalid")) {
			add(failed, row.get("row").asInt(), row.path("serviceId").asString(null), row.get("reason").asString());
		}
		return new JobOutcome.Succeeded(result);
	}

	private static ObjectNode bucket(ObjectNode result, String name) {
		ObjectNode bucket = result.putObject(name);
		bucket.put("count", 0);
		bucket.putArray("rows");
		return bucket;
	}

	/** Adds a row: its number alone, or with its service and reason. */
	private static void add(ObjectNode bucket, int number, String serviceId, String reason) {
		bucket.put("count", bucket.get("count").asInt() + 1);
		ArrayNode rows = (ArrayNode) bucket.get("rows");
		if (reason == null) {
			rows.add(number);
			return;
		}
		ObjectNode row = rows.addObject().put("row", number).put("reason", reason);
		if (serviceId != null) {
			row.put("serviceId", serviceId);
		}
	}

}
