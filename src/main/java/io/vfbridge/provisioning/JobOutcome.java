package io.vfbridge.provisioning;

import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * What a handler says about one run of a job. The worker loop turns it into a state
 * transition.
 */
public sealed interface JobOutcome {

	/** The work is done; {@code result} (may be null) becomes the operation's result. */
	record Succeeded(JsonNode result) implements JobOutcome {
	}

	/**
	 * A transient failure: run again after the retry policy's backoff, or after
	 * {@code notBefore} when VirtFusion asked for it (Retry-After). Counts towards the
	 * policy's limits.
	 */
	record RetryLater(String reason, Duration notBefore) implements JobOutcome {
	}

	/**
	 * Not a failure: the work is under way elsewhere (a build running in VirtFusion) and
	 * must be looked at again after {@code checkAgainIn}. Does not count as a failed
	 * attempt, but the policy's maximum age still applies.
	 */
	record Waiting(String reason, Duration checkAgainIn) implements JobOutcome {
	}

	/**
	 * A permanent failure with the reason (VirtFusion's message): retrying would not
	 * help.
	 */
	record Failed(String reason) implements JobOutcome {
	}

	/** A person must decide; the reason says what and why. */
	record NeedsAttention(String reason, JsonNode details) implements JobOutcome {
	}

	/** Done, without a result. */
	static JobOutcome succeeded() {
		return new Succeeded(null);
	}

}
