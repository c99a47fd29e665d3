package io.vfbridge.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vfbridge.provisioning.EventData;
import io.vfbridge.provisioning.JobQueue;
import io.vfbridge.provisioning.KnownSubjects;
import io.vfbridge.provisioning.NewJob;
import io.vfbridge.security.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Records an accepted event and enqueues its job in ONE transaction, so an acknowledged
 * event is never lost and nothing is half-stored. The idempotency key (webhook id or
 * {@code Idempotency-Key}) deduplicates: a repeat with the same request returns the
 * original operation, a reuse of the key for a different request is a conflict.
 */
@Service
public class EventIntake {

	private final JdbcTemplate jdbc;

	private final JobQueue queue;

	private final JsonMapper json;

	private final Clock clock;

	private final KnownSubjects subjects;

	private final ApplicationEventPublisher events;

	EventIntake(JdbcTemplate jdbc, JobQueue queue, JsonMapper json, Clock clock, KnownSubjects subjects,
			ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.queue = queue;
		this.json = json;
		this.clock = clock;
		this.subjects = subjects;
	}

	/**
	 * Accepts an event: the event and its job are stored by one statement, so they exist
	 * together or not at all, in a single round trip.
	 * @param channel {@code webhook} or {@code rest}
	 * @param idempotencyKey the deduplication key, namespaced by the caller
	 * @param requestHash the hash of what makes the request what it is
	 * @param type the event type
	 * @param data the validated data
	 * @param envelope the request as received, kept for audit
	 */
	public IntakeResult accept(String channel, String idempotencyKey, byte[] requestHash, EventType type,
			EventData data, String envelope) {
		Instant now = this.clock.instant();
		UUID jobId = UUID.randomUUID();
		String serviceId = (data.service() != null) ? data.service().id() : null;
		String customerId = (data.customer() != null) ? data.customer().id() : null;
		if (type.check() == EventType.Check.KNOWN) {
			requireKnown(type, serviceId, customerId);
		}
		String orderingKey = switch (type.scope()) {
			case SERVICE -> NewJob.serviceKey(serviceId);
			case CUSTOMER -> NewJob.customerKey(customerId);
			case IP_BLOCK -> NewJob.ipBlockKey(data.ipBlock().id());
		};
		String panel = (data.service() != null) ? data.service().panel() : null;
		NewJob job = new NewJob(jobId, orderingKey, type.wireName(), this.json.writeValueAsString(data), panel,
				serviceId, customerId, null);
		boolean stored = this.queue.enqueueIfInserted(
				"""
						insert into inbound_event (id, channel, idempotency_key, request_hash, type, payload, received_at, job_id)
						values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)
						on conflict (idempotency_key) do nothing""",
				new Object[] { UUID.randomUUID(), channel, idempotencyKey, requestHash, type.wireName(), envelope,
						Timestamp.from(now), jobId },
				job, now);
		IntakeResult result = stored ? new IntakeResult(jobId, "queued", false) : repeat(idempotencyKey, requestHash);
		this.events.publishEvent(new EventReceived(channel, type.wireName(), result.repeat()));
		return result;
	}

	/** 404 for an event about a service or customer vfbridge never saw. */
	private void requireKnown(EventType type, String serviceId, String customerId) {
		if (type.scope() == EventType.Scope.SERVICE && !this.subjects.knowsService(serviceId)) {
			throw Problems.problem(HttpStatus.NOT_FOUND, "service-not-found", "Service not found",
					"vfbridge knows no service " + serviceId + " (send service.create first)");
		}
		if (type.scope() == EventType.Scope.CUSTOMER && !this.subjects.knowsCustomer(customerId)) {
			throw Problems.problem(HttpStatus.NOT_FOUND, "customer-not-found", "Customer not found",
					"vfbridge knows no customer " + customerId + " (send customer.upsert or service.create first)");
		}
	}

	/**
	 * The operation of an earlier request with this key, if it was this request.
	 * @throws org.springframework.web.ErrorResponseException 409 when the key was used
	 * for another request
	 */
	IntakeResult repeat(String idempotencyKey, byte[] requestHash) {
		List<Map<String, Object>> rows = this.jdbc.queryForList("""
				select e.request_hash, j.id, j.status from inbound_event e join job j on j.id = e.job_id
				where e.idempotency_key = ?
				""", idempotencyKey);
		if (rows.isEmpty()) {
			// the original was deleted by retention between our insert attempt and this
			// read
			throw Problems.problem(HttpStatus.CONFLICT, "idempotency-key-reused", "Idempotency key reused",
					"this key was used before; send a new one");
		}
		Map<String, Object> original = rows.get(0);
		if (!Arrays.equals((byte[]) original.get("request_hash"), requestHash)) {
			throw Problems.problem(HttpStatus.CONFLICT, "idempotency-key-reused", "Idempotency key reused",
					"this key was already used for a different request");
		}
		return new IntakeResult((UUID) original.get("id"), (String) original.get("status"), true);
	}

}
