package io.vfbridge.provisioning;

/**
 * Ends a handler's run early with an outcome, from wherever in its steps the decision is
 * made (a server that vanished, an unknown panel). The engine turns it into the outcome.
 */
class JobOutcomeException extends RuntimeException {

	private final transient JobOutcome outcome;

	JobOutcomeException(JobOutcome outcome) {
		super(outcome.toString(), null, false, false);
		this.outcome = outcome;
	}

	static JobOutcomeException failed(String reason) {
		return new JobOutcomeException(new JobOutcome.Failed(reason));
	}

	static JobOutcomeException attention(String reason) {
		return new JobOutcomeException(new JobOutcome.NeedsAttention(reason, null));
	}

	JobOutcome outcome() {
		return this.outcome;
	}

}
