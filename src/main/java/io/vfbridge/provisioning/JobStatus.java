package io.vfbridge.provisioning;

import java.util.Locale;

/** Where a job (and so an operation) stands. Exactly one at a time. */
public enum JobStatus {

	/** Waiting to run, now or at {@code next_run_at} (a retry waits here too). */
	QUEUED,

	/** Claimed by a worker holding a lease. */
	RUNNING,

	/** Done. */
	SUCCEEDED,

	/** Ended by a permanent error (VirtFusion said no, or an operator cancelled it). */
	FAILED,

	/** Retried until the policy gave up; an operator may retry it. */
	DEAD,

	/**
	 * Stopped for a person to decide (for example, which of two servers is the
	 * service's).
	 */
	NEEDS_ATTENTION;

	/** The value stored in the database and shown in the API. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether the job will not run again by itself. */
	public boolean isFinished() {
		return this != QUEUED && this != RUNNING;
	}

	/** The status with this stored value. */
	public static JobStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
