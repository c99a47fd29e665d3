package io.vfbridge.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The long retries of the queue (minutes to hours), as opposed to the client's short HTTP
 * retries: exponential backoff with jitter, never sooner than a {@code Retry-After}, and
 * a limit on attempts and age after which the job is dead.
 */
public final class RetryPolicy {

	private final JobsProperties.Retry settings;

	private final DoubleSupplier random;

	public RetryPolicy(JobsProperties.Retry settings, DoubleSupplier random) {
		this.settings = settings;
		this.random = random;
	}

	/**
	 * When a job that just failed its {@code attempts}-th attempt should run again, or
	 * empty when it is dead.
	 * @param attempts failed attempts so far, this one included
	 * @param createdAt when the job was created
	 * @param now the current time
	 * @param notBefore a delay VirtFusion asked for, or null
	 */
	public Optional<Instant> nextRun(int attempts, Instant createdAt, Instant now, Duration notBefore) {
		if (attempts >= this.settings.maxAttempts() || !now.isBefore(createdAt.plus(this.settings.maxAge()))) {
			return Optional.empty();
		}
		Duration delay = backoff(attempts);
		if (notBefore != null && notBefore.compareTo(delay) > 0) {
			delay = notBefore;
		}
		return Optional.of(now.plus(delay));
	}

	/** Whether a job created at {@code createdAt} is past the maximum age. */
	public boolean isExpired(Instant createdAt, Instant now) {
		return !now.isBefore(createdAt.plus(this.settings.maxAge()));
	}

	/** The jittered exponential delay after {@code attempts} failures. */
	Duration backoff(int attempts) {
		double base = this.settings.initialDelay().toMillis()
				* Math.pow(this.settings.multiplier(), Math.max(0, attempts - 1));
		double capped = Math.min(base, this.settings.maxDelay().toMillis());
		double jitter = this.settings.jitter();
		double spread = 1 - jitter + 2 * jitter * this.random.getAsDouble();
		return Duration.ofMillis(Math.max(1, Math.round(capped * spread)));
	}

}
