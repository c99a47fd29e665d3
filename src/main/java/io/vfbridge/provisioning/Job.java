package io.vfbridge.provisioning;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.vfbridge.virtfusion.Redaction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One unit of queued work. Its transitions are guarded here: a worker can only finish a
 * job it still holds the lease of (so a worker that lost its lease cannot overwrite the
 * work of the one that took over), and operators can only retry or cancel jobs in a state
 * that allows it. Jobs are inserted and claimed with SQL ({@link JobQueue}) and finished
 * through these methods.
 */
@Entity
@Table(name = "job")
class Job {

	@Id
	private UUID id;

	@Column(insertable = false, updatable = false)
	private Long seq;

	private String orderingKey;

	private String type;

	@JdbcTypeCode(SqlTypes.JSON)
	private String payload;

	private String status;

	private int attempts;

	private int failures;

	private Instant nextRunAt;

	private String leaseOwner;

	private Instant leaseExpiresAt;

	private Instant heartbeatAt;

	private String lastError;

	@JdbcTypeCode(SqlTypes.JSON)
	private String result;

	@JdbcTypeCode(SqlTypes.JSON)
	private String checkpoint;

	private UUID parentJobId;

	private String panel;

	private String serviceId;

	private String customerId;

	private Instant createdAt;

	private Instant startedAt;

	private Instant finishedAt;

	private Instant updatedAt;

	@Version
	private long version;

	protected Job() {
	}

	UUID id() {
		return this.id;
	}

	String type() {
		return this.type;
	}

	JobStatus status() {
		return JobStatus.of(this.status);
	}

	int attempts() {
		return this.attempts;
	}

	int failures() {
		return this.failures;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	UUID parentJobId() {
		return this.parentJobId;
	}

	String result() {
		return this.result;
	}

	String lastError() {
		return this.lastError;
	}

	String serviceId() {
		return this.serviceId;
	}

	String customerId() {
		return this.customerId;
	}

	String panel() {
		return this.panel;
	}

	/** The work is done. */
	void succeed(String owner, String result, Instant now) {
		requireLease(owner);
		this.result = result;
		this.lastError = null;
		finish(JobStatus.SUCCEEDED, now);
	}

	/** A transient failure: run again at {@code when}. */
	void retryAt(String owner, String reason, Instant when, Instant now) {
		requireLease(owner);
		this.failures++;
		this.lastError = Redaction.text(reason);
		requeue(when, now);
	}

	/**
	 * Not a failure: look again at {@code when} (the work is under way in VirtFusion).
	 */
	void checkAgainAt(String owner, String reason, Instant when, Instant now) {
		requireLease(owner);
		this.lastError = null;
		requeue(when, now);
	}

	/** The retry policy gave up. */
	void park(String owner, String reason, Instant now) {
		requireLease(owner);
		this.failures++;
		this.lastError = Redaction.text(reason);
		finish(JobStatus.DEAD, now);
	}

	/** A permanent failure. */
	void fail(String owner, String reason, Instant now) {
		requireLease(owner);
		this.lastError = Redaction.text(reason);
		finish(JobStatus.FAILED, now);
	}

	/** A person must decide; {@code details} (JSON, may be null) says about what. */
	void needAttention(String owner, String reason, String details, Instant now) {
		requireLease(owner);
		this.lastError = Redaction.text(reason);
		this.result = details;
		finish(JobStatus.NEEDS_ATTENTION, now);
	}

	/**
	 * Hands a job back unfinished (graceful shutdown): it runs again at once, on any
	 * instance.
	 */
	void release(String owner, Instant now) {
		requireLease(owner);
		this.attempts = Math.max(0, this.attempts - 1);
		requeue(now, now);
	}

	/**
	 * An operator sends a dead, failed or stuck job round again, with a fresh retry
	 * budget.
	 */
	void retryByOperator(String actor, Instant now) {
		JobStatus current = status();
		if (current != JobStatus.DEAD && current != JobStatus.FAILED && current != JobStatus.NEEDS_ATTENTION) {
			throw new IllegalJobTransitionException(this.id, current, "retry");
		}
		this.failures = 0;
		this.finishedAt = null;
		this.lastError = "retried by operator " + actor + " (was " + current.value() + ": "
				+ Objects.requireNonNullElse(this.lastError, "no error") + ")";
		requeue(now, now);
	}

	/** An operator gives up on a job that is not running; it ends as failed. */
	void cancelByOperator(String actor, Instant now) {
		JobStatus current = status();
		if (current == JobStatus.RUNNING || current == JobStatus.SUCCEEDED || current == JobStatus.FAILED) {
			throw new IllegalJobTransitionException(this.id, current, "cancel");
		}
		this.lastError = "cancelled by operator " + actor;
		this.leaseOwner = null;
		this.leaseExpiresAt = null;
		this.status = JobStatus.FAILED.value();
		this.finishedAt = now;
		this.updatedAt = now;
	}

	private void requeue(Instant when, Instant now) {
		this.status = JobStatus.QUEUED.value();
		this.nextRunAt = when;
		this.leaseOwner = null;
		this.leaseExpiresAt = null;
		this.updatedAt = now;
	}

	private void finish(JobStatus status, Instant now) {
		this.status = status.value();
		this.leaseOwner = null;
		this.leaseExpiresAt = null;
		this.finishedAt = now;
		this.updatedAt = now;
	}

	private void requireLease(String owner) {
		if (status() != JobStatus.RUNNING || !Objects.equals(this.leaseOwner, owner)) {
			throw new LeaseLostException(this.id, owner, this.leaseOwner);
		}
	}

}
