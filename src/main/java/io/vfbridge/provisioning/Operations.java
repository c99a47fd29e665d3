package io.vfbridge.provisioning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vfbridge.security.ApiPrincipal;
import io.vfbridge.security.Role;
import jakarta.persistence.EntityManager;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads operations and carries out operators' retry and cancel. */
@Service
public class Operations {

	/** What a reader who does not own an operation's secrets sees in their place. */
	public static final String WITHHELD = "[delivered to billing]";

	private static final String WEBHOOK = "webhook";

	private static final String COLUMNS = """
			id, type, status, panel, service_id, customer_id, attempts, last_error, result::text, created_at,
			started_at, finished_at, next_run_at, parent_job_id, trace_parent
			""";

	private final JdbcTemplate jdbc;

	private final EntityManager entities;

	private final JobQueue queue;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final OperationSecrets secrets;

	private final Clock clock;

	Operations(JdbcTemplate jdbc, EntityManager entities, JobQueue queue, ApplicationEventPublisher events,
			JsonMapper json, OperationSecrets secrets, Clock clock) {
		this.jdbc = jdbc;
		this.entities = entities;
		this.queue = queue;
		this.events = events;
		this.json = json;
		this.secrets = secrets;
		this.clock = clock;
	}

	/** The operation with this id. */
	@Transactional(readOnly = true)
	public Optional<OperationView> find(UUID id) {
		return this.jdbc.query("select " + COLUMNS + " from job where id = ?", this::view, id).stream().findFirst();
	}

	/**
	 * The operation as the signed callback reports it: once it succeeded, its secrets (a
	 * new root password) are added to the result but kept, because the callback may be
	 * refused and retried; {@link #secretsDelivered} deletes them once billing answered
	 * 2xx. So they are handed out exactly once: to the callback, or to the submitter's
	 * read if that came first.
	 */
	@Transactional(readOnly = true)
	public Optional<OperationView> forCallback(UUID id) {
		Optional<OperationView> found = find(id);
		if (found.isEmpty() || !JobStatus.SUCCEEDED.value().equals(found.get().status())) {
			return found;
		}
		return Optional.of(withSecrets(found.get(), this.secrets.peek(id)));
	}

	/**
	 * Deletes the operation's secrets once the callback that carried them was accepted.
	 */
	@Transactional
	public void secretsDelivered(UUID id) {
		this.secrets.forget(id);
	}

	/**
	 * The operation as an API key reads it. Its secrets go only to its owner: the key
	 * that submitted it, or any {@code billing} key when billing submitted it by signed
	 * webhook; the owner's read delivers them (they are deleted). Anyone else sees
	 * {@value #WITHHELD} in their place and delivers nothing.
	 */
	@Transactional
	public Optional<OperationView> read(UUID id, ApiPrincipal reader) {
		Optional<OperationView> found = find(id);
		if (found.isEmpty() || !JobStatus.SUCCEEDED.value().equals(found.get().status())) {
			return found;
		}
		if (owns(reader, submitter(id))) {
			return Optional.of(withSecrets(found.get(), this.secrets.deliver(id)));
		}
		Map<String, String> withheld = new LinkedHashMap<>();
		this.secrets.pending(id).forEach((name) -> withheld.put(name, WITHHELD));
		return Optional.of(withSecrets(found.get(), withheld));
	}

	/** Whether the reader owns the secrets of an operation the submitter sent. */
	static boolean owns(ApiPrincipal reader, String submitter) {
		if (submitter == null) {
			return false;
		}
		return submitter.equals(reader.name()) || (WEBHOOK.equals(submitter) && reader.roles().contains(Role.BILLING));
	}

	/** Who submitted the operation (an API key's name, or {@code webhook}), or null. */
	private String submitter(UUID id) {
		return this.jdbc.query("select submitted_by from inbound_event where job_id = ? limit 1",
				(rs) -> rs.next() ? rs.getString(1) : null, id);
	}

	private OperationView withSecrets(OperationView view, Map<String, String> secrets) {
		if (secrets.isEmpty()) {
			return view;
		}
		ObjectNode result = (view.result() instanceof ObjectNode object) ? object.deepCopy()
				: this.json.createObjectNode();
		secrets.forEach(result::put);
		return new OperationView(view.operationId(), view.type(), view.status(), view.panel(), view.serviceId(),
				view.customerId(), view.attempts(), view.lastError(), result, view.createdAt(), view.startedAt(),
				view.finishedAt(), view.nextRunAt(), view.parentOperationId(), view.traceId());
	}

	/** The operations of a billing service, newest first. */
	@Transactional(readOnly = true)
	public List<OperationView> forService(String serviceId, int limit) {
		return this.jdbc.query("select " + COLUMNS + " from job where service_id = ? and parent_job_id is null "
				+ "order by seq desc limit ?", this::view, serviceId, limit);
	}

	/**
	 * The operations with this status, newest first (callbacks and periodic runs
	 * included: operators see every job).
	 */
	@Transactional(readOnly = true)
	public List<OperationView> withStatus(JobStatus status, int limit) {
		return this.jdbc.query("select " + COLUMNS + " from job where status = ? order by seq desc limit ?", this::view,
				status.value(), limit);
	}

	/**
	 * Sends a dead, failed or needs-attention operation round again.
	 * @throws IllegalJobTransitionException if its status does not allow it
	 */
	@Transactional
	public Optional<OperationView> retry(UUID id, String actor) {
		Job job = this.entities.find(Job.class, id);
		if (job == null) {
			return Optional.empty();
		}
		job.retryByOperator(actor, this.clock.instant());
		this.entities.flush();
		this.queue.notifyWorkers();
		return find(id);
	}

	/**
	 * Ends an operation that is not running as failed.
	 * @throws IllegalJobTransitionException if it is running or already succeeded or
	 * failed
	 */
	@Transactional
	public Optional<OperationView> cancel(UUID id, String actor) {
		Job job = this.entities.find(Job.class, id);
		if (job == null) {
			return Optional.empty();
		}
		job.cancelByOperator(actor, this.clock.instant());
		this.entities.flush();
		OperationView view = find(id).orElseThrow();
		this.events.publishEvent(new OperationFinished(view));
		// the next job of the same service may now run
		this.queue.notifyWorkers();
		return Optional.of(view);
	}

	private OperationView view(ResultSet rs, int row) throws SQLException {
		String result = rs.getString(9);
		return new OperationView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8),
				(result != null) ? this.json.readTree(result) : null, instant(rs.getTimestamp(10)),
				instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)),
				JobStatus.of(rs.getString(3)) == JobStatus.QUEUED ? instant(rs.getTimestamp(13)) : null,
				rs.getObject(14, UUID.class), JobTracing.traceId(rs.getString(15)));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
