package io.vfbridge.ops;

import io.vfbridge.provisioning.JobStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code queue}: {@code DEGRADED} (HTTP 200, an alert rather than an outage) when the
 * oldest queued job waits longer than {@code vfbridge.ops.health.queue-max-oldest-age} or
 * any job is dead; not part of readiness.
 */
@Component("queueHealthIndicator")
class QueueHealthIndicator implements HealthIndicator {

	/** Working, but something needs a look. */
	static final Status DEGRADED = new Status("DEGRADED");

	private final QueueStatistics statistics;

	private final OpsProperties properties;

	QueueHealthIndicator(QueueStatistics statistics, OpsProperties properties) {
		this.statistics = statistics;
		this.properties = properties;
	}

	@Override
	public Health health() {
		QueueStatistics.Snapshot snapshot = this.statistics.snapshot();
		long dead = snapshot.count(JobStatus.DEAD);
		long attention = snapshot.count(JobStatus.NEEDS_ATTENTION);
		boolean stale = snapshot.oldestQueuedAge().compareTo(this.properties.health().queueMaxOldestAge()) > 0;
		Health.Builder health = (stale || dead > 0) ? Health.status(DEGRADED) : Health.up();
		health.withDetail("queued", snapshot.count(JobStatus.QUEUED))
			.withDetail("running", snapshot.count(JobStatus.RUNNING))
			.withDetail("dead", dead)
			.withDetail("needsAttention", attention)
			.withDetail("oldestQueuedAgeSeconds", snapshot.oldestQueuedAge().toSeconds())
			.withDetail("maxOldestQueuedAgeSeconds", this.properties.health().queueMaxOldestAge().toSeconds());
		if (stale) {
			health.withDetail("reason", "the oldest queued job has waited too long");
		}
		else if (dead > 0) {
			health.withDetail("reason", "dead jobs wait for an operator (POST /v1/operations/{id}/retry)");
		}
		return health.build();
	}

}
