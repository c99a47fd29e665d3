package io.vfbridge.provisioning;

import java.time.Duration;

/**
 * Published after each run of a job (outside its transaction), for metrics.
 *
 * @param type the job type
 * @param outcome what the handler said: {@code succeeded}, {@code retry_later},
 * {@code waiting}, {@code failed} or {@code needs_attention}
 * @param status the job's status afterwards, or null when it could not be recorded
 * @param attempts runs of the job so far, this one included
 * @param duration how long the handler took
 */
public record JobRan(String type, String outcome, JobStatus status, int attempts, Duration duration) {

	/** The name of an outcome, as in {@link #outcome()}. */
	static String nameOf(JobOutcome outcome) {
		if (outcome instanceof JobOutcome.Succeeded) {
			return "succeeded";
		}
		if (outcome instanceof JobOutcome.RetryLater) {
			return "retry_later";
		}
		if (outcome instanceof JobOutcome.Waiting) {
			return "waiting";
		}
		if (outcome instanceof JobOutcome.Failed) {
			return "failed";
		}
		return "needs_attention";
	}

}
