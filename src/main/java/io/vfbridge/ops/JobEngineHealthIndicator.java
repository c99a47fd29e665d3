package io.vfbridge.ops;

import io.vfbridge.provisioning.JobWorkers;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code jobEngine}, part of readiness: up while the engine dispatches, or when this
 * instance is configured not to run jobs (intake only); down when it should run and does
 * not.
 */
@Component("jobEngineHealthIndicator")
class JobEngineHealthIndicator implements HealthIndicator {

	private final JobWorkers workers;

	JobEngineHealthIndicator(JobWorkers workers) {
		this.workers = workers;
	}

	@Override
	public Health health() {
		if (!this.workers.isEnabled()) {
			return Health.up().withDetail("enabled", false).build();
		}
		Health.Builder health = this.workers.isDispatching() ? Health.up() : Health.down();
		return health.withDetail("enabled", true).withDetail("inFlight", this.workers.inFlight()).build();
	}

}
