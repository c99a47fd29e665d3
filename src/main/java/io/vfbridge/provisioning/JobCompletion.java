package io.vfbridge.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a handler's outcome into the job's next status, in one transaction that also
 * carries the {@link OperationFinished} listeners' writes. The retry policy decides
 * between another try and dead.
 */
@Component
class JobCompletion {

	private static final Logger log = LoggerFactory.getLogger(JobCompletion.class);

	private final EntityManager entities;

	private final RetryPolicy policy;

	private final Operations operations;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final JobQueue queue;

	private final Clock clock;

	JobCompletion(EntityManager entities, RetryPolicy policy, Operations operations, ApplicationEventPublisher events,
			JsonMapper json, JobQueue queue, Clock clock) {
		this.entities = entities;
		this.policy = policy;
		this.operations = operations;
		this.events = events;
		this.json = json;
		this.queue = queue;
		this.clock = clock;
	}

	/**
	 * Records the outcome of a run.
	 * @return the job's new status
	 * @throws LeaseLostException if the lease was lost meanwhile (nothing is written)
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public JobStatus complete(ClaimedJob claimed, String owner, JobOutcome outcome) {
		Instant now = this.clock.instant();
		Job job = this.entities.find(Job.class, claimed.id());
		if (outcome instanceof JobOutcome.Succeeded succeeded) {
			job.succeed(owner, (succeeded.result() != null) ? this.json.writeValueAsString(succeeded.result()) : null,
					now);
		}
		else if (outcome instanceof JobOutcome.RetryLater retry) {
			Optional<Instant> next = this.policy.nextRun(job.failures() + 1, job.createdAt(), now, retry.notBefore());
			if (next.isPresent()) {
				job.retryAt(owner, retry.reason(), next.get(), now);
			}
			else {
				job.park(owner, "gave up after " + (job.failures() + 1) + " failed attempts: " + retry.reason(), now);
			}
		}
		else if (outcome instanceof JobOutcome.Waiting waiting) {
			if (this.policy.isExpired(job.createdAt(), now)) {
				job.park(owner, "gave up waiting: " + waiting.reason(), now);
			}
			else {
				job.checkAgainAt(owner, waiting.reason(), now.plus(waiting.checkAgainIn()), now);
			}
		}
		else if (outcome instanceof JobOutcome.Failed failed) {
			job.fail(owner, failed.reason(), now);
		}
		else if (outcome instanceof JobOutcome.NeedsAttention attention) {
			job.needAttention(owner, attention.reason(),
					(attention.details() != null) ? this.json.writeValueAsString(attention.details()) : null, now);
		}
		try {
			this.entities.flush();
		}
		catch (OptimisticLockException ex) {
			// the lease expired and another run took the job over between this read and
			// this write: its outcome stands, this one is discarded
			throw LeaseLostException.overtaken(job.id(), owner, ex);
		}
		// the next job of this key may run now, possibly on another instance
		this.queue.notifyWorkers();
		JobStatus status = job.status();
		if (status.isFinished()) {
			this.events.publishEvent(new OperationFinished(this.operations.find(job.id()).orElseThrow()));
		}
		return status;
	}

	/**
	 * Tells listeners (metrics) that a run ended; called after its transaction, never
	 * throws.
	 */
	void ran(JobRan ran) {
		try {
			this.events.publishEvent(ran);
		}
		catch (RuntimeException ex) {
			log.warn("A listener of job runs failed: {}", ex.toString());
		}
	}

	/** Hands unfinished jobs back to the queue (graceful shutdown). */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void release(ClaimedJob claimed, String owner) {
		Job job = this.entities.find(Job.class, claimed.id());
		job.release(owner, this.clock.instant());
		// another instance may take it over at once
		this.queue.notifyWorkers();
	}

}
