package io.vfbridge.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.vfbridge.provisioning.JobQueue;
import io.vfbridge.provisioning.NewJob;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts a bulk import: the request, its parent operation and one {@code service.import}
 * job per well-formed row, in ONE transaction (all or nothing), deduplicated by the
 * {@code Idempotency-Key} like every command. The rows run through the ordinary queue: in
 * order per service, retried, within VirtFusion's rate limits; the parent operation waits
 * for them and sums them up.
 */
@Component
class ImportIntake {

	/** The parent operation's job type. */
	static final String BULK = "import.bulk";

	private final JdbcTemplate jdbc;

	private final JobQueue queue;

	private final EventIntake intake;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock;

	ImportIntake(JdbcTemplate jdbc, JobQueue queue, EventIntake intake, TransactionTemplate transactions,
			JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.queue = queue;
		this.intake = intake;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Stores the import and enqueues its jobs, or returns the operation of the same
	 * import accepted earlier under this key.
	 */
	IntakeResult accept(String idempotencyKey, byte[] requestHash, String apiKey, boolean dryRun,
			List<ImportRows.Row> rows) {
		Instant now = this.clock.instant();
		UUID parentId = UUID.randomUUID();
		ObjectNode payload = this.json.createObjectNode().put("dryRun", dryRun);
		ArrayNode queued = payload.putArray("rows");
		ArrayNode invalid = payload.putArray("invalid");
		List<NewJob> children = new ArrayList<>();
		for (ImportRows.Row row : rows) {
			if (row.error() != null) {
				ObjectNode bad = invalid.addObject().put("row", row.number()).put("reason", row.error());
				if (row.serviceId() != null) {
					bad.put("serviceId", row.serviceId());
				}
				continue;
			}
			UUID childId = UUID.randomUUID();
			queued.addObject()
				.put("row", row.number())
				.put("serviceId", row.serviceId())
				.put("operationId", childId.toString());
			children.add(new NewJob(childId, NewJob.serviceKey(row.serviceId()), EventType.SERVICE_IMPORT.wireName(),
					data(row, dryRun).toString(), row.panel(), row.serviceId(), row.customerId(), parentId));
		}
		ObjectNode envelope = this.json.createObjectNode().put("type", BULK).put("apiKey", apiKey);
		envelope.set("data", payload);
		NewJob parent = new NewJob(parentId, "import:" + parentId, BULK, payload.toString(), null, null, null, null);
		Boolean stored = this.transactions.execute((status) -> {
			int inserted = this.jdbc.update("""
					insert into inbound_event (id, channel, idempotency_key, request_hash, type, payload, received_at,
					                           job_id, submitted_by)
					values (?, 'rest', ?, ?, ?, ?::jsonb, ?, ?, ?)
					on conflict (idempotency_key) do nothing""", UUID.randomUUID(), idempotencyKey, requestHash, BULK,
					envelope.toString(), Timestamp.from(now), parentId, apiKey);
			if (inserted == 0) {
				return false;
			}
			this.queue.enqueue(parent, now);
			if (!children.isEmpty()) {
				this.queue.enqueueAll(children, now);
			}
			return true;
		});
		return Boolean.TRUE.equals(stored) ? new IntakeResult(parentId, "queued", false)
				: this.intake.repeat(idempotencyKey, requestHash);
	}

	/** The row as the {@code data} of a {@code service.import}. */
	private ObjectNode data(ImportRows.Row row, boolean dryRun) {
		ObjectNode data = this.json.createObjectNode();
		data.putObject("customer").put("id", row.customerId());
		ObjectNode service = data.putObject("service").put("id", row.serviceId());
		if (row.panel() != null) {
			service.put("panel", row.panel());
		}
		if (row.plan() != null) {
			service.put("plan", row.plan());
		}
		data.putObject("server").put("id", row.serverId());
		if (dryRun) {
			data.put("dryRun", true);
		}
		return data;
	}

}
