package io.vfbridge.provisioning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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

	private static final String COLUMNS = """
			id, type, status, panel, service_id, customer_id, attempts, last_error, result::text, created_at,
			started_at, finished_at, next_run_at, parent_job_id
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
	 * The operation as billing receives it: once it succeeded, its secrets (a new root
	 * password) are added to the result and deleted, so they are handed out exactly once,
	 * to whoever asks first (the operation read or the callback).
	 */
	@Transactional
	public Optional<OperationView> deliver(UUID id) {
		Optional<OperationView> found = find(id);
		if (found.isEmpty() || !JobStatus.SUCCEEDED.value().equals(found.get().status())) {
			return found;
		}
		Map<String, String> secrets = this.secrets.deliver(id);
		if (secrets.isEmpty()) {
			return found;
		}
		OperationView view = found.get();
		ObjectNode result = (view.result() instanceof ObjectNode object) ? object.deepCopy()
				: this.json.createObjectNode();
		secrets.forEach(result::put);
		return Optional.of(new OperationView(view.operationId(), view.type(), view.status(), view.panel(),
				view.serviceId(), view.customerId(), view.attempts(), view.lastError(), result, view.createdAt(),
				view.startedAt(), view.finishedAt(), view.nextRunAt(), view.parentOperationId()));
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
				rs.getObject(14, UUID.class));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
