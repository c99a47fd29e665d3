package io.vfbridge.provisioning;

import java.util.UUID;

/**
 * An operator action that the job's current status does not allow (retrying a running
 * job, say).
 */
public class IllegalJobTransitionException extends RuntimeException {

	private final JobStatus status;

	IllegalJobTransitionException(UUID job, JobStatus status, String action) {
		super("operation " + job + " is " + status.value() + " and cannot be "
				+ (action.equals("retry") ? "retried" : "cancelled"));
		this.status = status;
	}

	/** The status that refused the action. */
	public JobStatus status() {
		return this.status;
	}

}
