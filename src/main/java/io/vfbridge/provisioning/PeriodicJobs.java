package io.vfbridge.provisioning;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs cluster-wide periodic work (usage sync, reconciliation, ...) through the job
 * queue, so it is done once per period however many instances run, with the queue's
 * leases, retries and visibility.
 * <p>
 * Every instance calls {@link #enqueueForSlot} from its own scheduler; the job of a time
 * slot has an id derived from the job type and the slot's start, so only the first call
 * of each slot enqueues anything. All runs of one type share an ordering key, so two runs
 * never overlap; an operator's {@link #enqueueNow} queues behind a running one.
 */
@Component
public class PeriodicJobs {

	private final JobQueue queue;

	private final JsonMapper json;

	PeriodicJobs(JobQueue queue, JsonMapper json) {
		this.queue = queue;
		this.json = json;
	}

	/**
	 * Enqueues the job of {@code type} for the slot of length {@code period} that
	 * contains {@code now}, unless it was enqueued already (by any instance). The payload
	 * is {@code {"slot": "<slot start>", "trigger": "schedule"}}.
	 * @return the job's id if this call enqueued it, else null
	 */
	@Transactional
	public UUID enqueueForSlot(String type, Duration period, Instant now) {
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("a period must be positive");
		}
		long periodMillis = period.toMillis();
		Instant slot = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), periodMillis) * periodMillis);
		UUID id = UUID
			.nameUUIDFromBytes(("periodic:" + type + ":" + slot.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
		return this.queue.enqueueIfAbsent(newJob(id, type, slot, "schedule"), now) ? id : null;
	}

	/**
	 * Enqueues a run of {@code type} now (an operator's trigger), after any run of it
	 * that is queued or running.
	 * @return the job's id
	 */
	@Transactional
	public UUID enqueueNow(String type, Instant now) {
		UUID id = UUID.randomUUID();
		this.queue.enqueue(newJob(id, type, now, "operator"), now);
		return id;
	}

	/** The ordering key every run of {@code type} shares. */
	public static String orderingKey(String type) {
		return "periodic:" + type;
	}

	private NewJob newJob(UUID id, String type, Instant slot, String trigger) {
		String payload = this.json.createObjectNode().put("slot", slot.toString()).put("trigger", trigger).toString();
		return new NewJob(id, orderingKey(type), type, payload, null, null, null, null);
	}

}
