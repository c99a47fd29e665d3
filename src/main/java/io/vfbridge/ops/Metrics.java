package io.vfbridge.ops;

import io.vfbridge.virtfusion.VirtFusionClient;

/**
 * The names of vfbridge's own meters (Prometheus turns dots into underscores). The
 * features do not depend on {@code ops}: they publish past-tense events that
 * {@link OpsMetrics} counts. The one exception is the VirtFusion call timer, kept beside
 * the client that records it because the client depends on nothing else.
 */
public final class Metrics {

	/** Counter: events received, tags {@code channel}, {@code type}, {@code outcome}. */
	public static final String EVENTS_RECEIVED = "vfbridge.events.received";

	/**
	 * Gauge: operations (jobs) by {@code status}, read from the database and cached.
	 */
	public static final String OPERATIONS = "vfbridge.operations";

	/** Gauge: seconds the oldest queued job has been waiting. */
	public static final String OLDEST_QUEUED_AGE = "vfbridge.jobs.oldest.queued.age";

	/** Timer: job runs, tags {@code type}, {@code outcome}. */
	public static final String JOB_DURATION = "vfbridge.jobs.duration";

	/** Summary: runs a job took until it finished, tags {@code type}, {@code status}. */
	public static final String JOB_ATTEMPTS = "vfbridge.jobs.attempts";

	/** Counter: callback deliveries to billing, tag {@code outcome}. */
	public static final String CALLBACKS = "vfbridge.callbacks";

	/**
	 * Timer: VirtFusion call attempts, tags {@code panel}, {@code operation},
	 * {@code status}, {@code outcome}.
	 */
	public static final String VIRTFUSION_CALLS = VirtFusionClient.CALLS_METRIC;

	/**
	 * Gauge: a panel's circuit breaker, tag {@code panel}: 0 closed, 1 open, 2 half open,
	 * 3 other (disabled, forced open, metrics only).
	 */
	public static final String CIRCUIT_STATE = "vfbridge.virtfusion.circuit.state";

	/** Counter: REST requests refused for going over the key's rate, tag {@code key}. */
	public static final String API_RATE_LIMITED = "vfbridge.api.rate.limited";

	/** Counter: audit records dropped because the buffer was full. */
	public static final String AUDIT_DROPPED = "vfbridge.audit.dropped";

	private Metrics() {
	}

}
