package io.vfbridge.provisioning;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The job engine, under {@code vfbridge.jobs}.
 *
 * @param enabled whether this instance runs workers (intake works either way)
 * @param workers jobs run at once by this instance
 * @param pollInterval how often to look for due jobs when no notification arrives
 * @param leaseDuration how long a claimed job belongs to its worker without a heartbeat;
 * after that another instance takes it over
 * @param heartbeatInterval how often leases of running jobs are extended
 * @param shutdownTimeout how long a graceful shutdown waits for running jobs before
 * releasing them
 * @param retry the retry policy of failed jobs
 * @param retention how long succeeded and failed jobs are kept once finished (a job that
 * an accepted billing event still points to is kept as long as the event, so a repeated
 * delivery always finds its operation); dead and needs-attention jobs are kept until an
 * operator acts
 * @param maxQueuedPerService the most unfinished (queued or running) jobs a billing event
 * may find for its service (or its customer or IP block) and still be accepted; the next
 * one is answered 429 with nothing stored. Jobs vfbridge schedules itself are not counted
 * against it
 * @param notifyCoalesce the shortest time between two NOTIFYs this instance sends to wake
 * the workers of the other instances; wake-ups signalled in between are sent as one (this
 * instance's own workers are woken at once)
 */
@Validated
@ConfigurationProperties("vfbridge.jobs")
public record JobsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("16") @Min(1) @Max(512) int workers,
		@DefaultValue("1s") @NotNull Duration pollInterval, @DefaultValue("60s") @NotNull Duration leaseDuration,
		@DefaultValue("15s") @NotNull Duration heartbeatInterval,
		@DefaultValue("30s") @NotNull Duration shutdownTimeout, @DefaultValue @Valid Retry retry,
		@DefaultValue("30d") @NotNull Duration retention,
		@DefaultValue("100") @Min(1) @Max(100_000) int maxQueuedPerService,
		@DefaultValue("5ms") @NotNull Duration notifyCoalesce) {

	public JobsProperties {
		if (heartbeatInterval.compareTo(leaseDuration) >= 0) {
			throw new IllegalArgumentException("vfbridge.jobs.heartbeat-interval must be shorter than lease-duration");
		}
	}

	/**
	 * How failed jobs are retried: exponential backoff with jitter, at least any
	 * {@code Retry-After}, until {@code maxAttempts} or {@code maxAge}; then the job is
	 * dead.
	 *
	 * @param initialDelay the wait after the first failure
	 * @param multiplier the factor applied to the wait after each failure
	 * @param maxDelay the longest wait
	 * @param jitter the random spread of each wait, 0 to 1
	 * @param maxAttempts failed attempts before the job is dead
	 * @param maxAge the age after which a job that fails again is dead
	 */
	public record Retry(@DefaultValue("5s") @NotNull Duration initialDelay,
			@DefaultValue("2.0") @DecimalMin("1.0") double multiplier, @DefaultValue("30m") @NotNull Duration maxDelay,
			@DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("1.0") double jitter,
			@DefaultValue("30") @Min(1) int maxAttempts, @DefaultValue("3d") @NotNull Duration maxAge) {
	}

}
