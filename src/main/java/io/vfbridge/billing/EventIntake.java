package io.vfbridge.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vfbridge.provisioning.EventData;
import io.vfbridge.provisioning.JobQueue;
import io.vfbridge.provisioning.JobsProperties;
import io.vfbridge.provisioning.KnownSubjects;
import io.vfbridge.provisioning.NewJob;
import io.vfbridge.security.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Records an accepted event and enqueues its job in ONE transaction, so an acknowledged
 * event is never lost and nothing is half-stored. The idempotency key (webhook id or
 * {@code Idempotency-Key}) deduplicates as the IETF idempotency-key draft says: a repeat
 * with the same request returns the original operation, a reuse of the key for a
 * different request is 422, and a repeat while the first request with the key is still in
 * flight is 409. A service (customer, IP block) that already has
 * {@code vfbridge.jobs.max-queued-per-service} unfinished jobs gets no more: 429, nothing
 * stored.
 */
@Service
public class EventIntake {

	private static final String WEBHOOK = "webhook";

	/** How long a caller refused for a full queue is asked to wait. */
	private static final long QUEUE_FULL_RETRY_AFTER_SECONDS = 30;

	private final JdbcTemplate jdbc;

	private final JobQueue queue;

	private final JsonMapper json;

	private final Clock clock;

	private final KnownSubjects subjects;

	private final ApplicationEventPublisher events;

	private final int maxQueued;

	EventIntake(JdbcTemplate jdbc, JobQueue queue, JsonMapper json, Clock clock, KnownSubjects subjects,
			ApplicationEventPublisher events, JobsProperties jobs) {
		this.maxQueued = jobs.maxQueuedPerService();
		this.events = events;
		this.jdbc = jdbc;
		this.queue = queue;
		this.json = json;
		this.clock = clock;
		this.subjects = subjects;
	}

	/** Accepts a signed webhook's event: see the other {@code accept}. */
	public IntakeResult accept(String channel, String idempotencyKey, byte[] requestHash, EventType type,
			EventData data, String envelope) {
		if (!WEBHOOK.equals(channel)) {
			throw new IllegalArgumentException("a REST command names the API key that submitted it");
		}
		return accept(channel, WEBHOOK, idempotencyKey, requestHash, type, data, envelope);
	}

	/**
	 * Accepts an event: the event and its job are stored by one statement, so they exist
	 * together or not at all, in a single round trip.
	 * @param channel {@code webhook} or {@code rest}
	 * @param submittedBy the API key's name for a REST command, {@code webhook} for a
	 * signed webhook: the only one (with billing keys for a webhook's) to whom the
	 * operation's secrets are handed
	 * @param idempotencyKey the deduplication key, namespaced by the caller
	 * @param requestHash the hash of what makes the request what it is
	 * @param type the event type
	 * @param data the validated data
	 * @param envelope the request as received, kept for audit
	 */
	public IntakeResult accept(String channel, String submittedBy, String idempotencyKey, byte[] requestHash,
			EventType type, EventData data, String envelope) {
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
		// The transaction-scoped advisory lock on the key marks the request in flight
		// until
		// it commits: a concurrent request with the same key fails to take it and inserts
		// nothing (answered 409) instead of waiting on the uncommitted row.
		JobQueue.Insertion stored = this.queue.enqueueIfInserted(
				"""
						insert into inbound_event (id, channel, idempotency_key, request_hash, type, payload, received_at, job_id,
						    submitted_by)
						select ?::uuid, ?, ?, ?::bytea, ?, ?::jsonb, ?::timestamptz, ?::uuid, ? from room
						where pg_try_advisory_xact_lock(hashtextextended(?, 0))
						on conflict (idempotency_key) do nothing""",
				new Object[] { UUID.randomUUID(), channel, idempotencyKey, requestHash, type.wireName(), envelope,
						Timestamp.from(now), jobId, submittedBy, idempotencyKey },
				job, now, this.maxQueued);
		IntakeResult result = switch (stored) {
			case ENQUEUED -> new IntakeResult(jobId, "queued", false);
			case GUARD_NOT_INSERTED -> repeat(idempotencyKey, requestHash);
			// a repeat of an event already accepted still gets its operation
			case KEY_FULL -> findRepeat(idempotencyKey, requestHash).orElseThrow(() -> queueFull(orderingKey));
		};
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

	/** 429: the service's queue is at its cap; nothing was stored. */
	private static ErrorResponseException queueFull(String orderingKey) {
		ErrorResponseException ex = Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-queued",
				"Too many queued operations",
				orderingKey + " already has its most unfinished operations (vfbridge.jobs.max-queued-per-service);"
						+ " retry once some have finished");
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(QUEUE_FULL_RETRY_AFTER_SECONDS));
		return ex;
	}

	/**
	 * The operation of an earlier request with this key, if it was this request.
	 * @throws org.springframework.web.ErrorResponseException 422 when the key was used
	 * for another request, 409 while the first request with it is still in flight
	 */
	IntakeResult repeat(String idempotencyKey, byte[] requestHash) {
		return findRepeat(idempotencyKey, requestHash).orElseThrow(() -> {
			// nothing committed under the key: the first request with it is still in
			// flight (or, rarely, retention deleted it a moment ago); a retry settles it
			ErrorResponseException inFlight = Problems.problem(HttpStatus.CONFLICT, "idempotency-key-in-flight",
					"Request with this key in progress",
					"a request with this key is still being processed; retry it in a moment");
			inFlight.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			return inFlight;
		});
	}

	private Optional<IntakeResult> findRepeat(String idempotencyKey, byte[] requestHash) {
		List<Map<String, Object>> rows = this.jdbc.queryForList("""
				select e.request_hash, j.id, j.status from inbound_event e join job j on j.id = e.job_id
				where e.idempotency_key = ?
				""", idempotencyKey);
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		Map<String, Object> original = rows.get(0);
		if (!Arrays.equals((byte[]) original.get("request_hash"), requestHash)) {
			throw Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
					"this key was already used for a different request");
		}
		return Optional.of(new IntakeResult((UUID) original.get("id"), (String) original.get("status"), true));
	}

}
