package io.vfbridge.provisioning;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a handler knows about the job it runs, and how it records progress between runs.
 */
public final class JobContext {

	private final ClaimedJob job;

	private final JsonMapper json;

	private final CheckpointStore checkpoints;

	private final String owner;

	JobContext(ClaimedJob job, JsonMapper json, CheckpointStore checkpoints, String owner) {
		this.job = job;
		this.json = json;
		this.checkpoints = checkpoints;
		this.owner = owner;
	}

	/** The job's (and operation's) id. */
	public UUID id() {
		return this.job.id();
	}

	/** The job type. */
	public String type() {
		return this.job.type();
	}

	/** The input as JSON. */
	public JsonNode payload() {
		return this.json.readTree(this.job.payload());
	}

	/** The input read as the given type. */
	public <T> T payload(Class<T> type) {
		return this.json.readValue(this.job.payload(), type);
	}

	/** Runs so far, this one included. */
	public int attempt() {
		return this.job.attempts();
	}

	/** Whether an earlier run of this job happened (crashed, failed or waiting). */
	public boolean isRerun() {
		return this.job.attempts() > 1 || this.job.checkpoint() != null;
	}

	/** How far an earlier run got, read as the given type, or null. */
	public <T> T checkpoint(Class<T> type) {
		return (this.job.checkpoint() != null) ? this.json.readValue(this.job.checkpoint(), type) : null;
	}

	/**
	 * Records progress durably, at once and in its own transaction, so a later run knows
	 * it (record an intent before a call that cannot be repeated safely).
	 * @throws LeaseLostException if this worker no longer holds the job
	 */
	public void saveCheckpoint(Object checkpoint) {
		this.checkpoints.save(this.job.id(), this.owner, this.json.writeValueAsString(checkpoint));
	}

	/** The VirtFusion panel, or null for the default. */
	public String panel() {
		return this.job.panel();
	}

	/** The billing service, or null. */
	public String serviceId() {
		return this.job.serviceId();
	}

	/** The billing customer, or null. */
	public String customerId() {
		return this.job.customerId();
	}

	/** When the job was enqueued. */
	public Instant createdAt() {
		return this.job.createdAt();
	}

	/** The JSON mapper, for building results. */
	public JsonMapper json() {
		return this.json;
	}

}
