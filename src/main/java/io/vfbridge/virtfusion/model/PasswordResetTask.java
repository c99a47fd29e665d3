package io.vfbridge.virtfusion.model;

/**
 * The answer to a server password reset: the queued task and the password it will set.
 *
 * @param queueId the queue item that sets the password
 * @param expectedPassword the new password, in clear
 */
public record PasswordResetTask(Long queueId, String expectedPassword) {

	/** Masks the password so the task can be logged. */
	@Override
	public String toString() {
		return "PasswordResetTask[queueId=" + this.queueId + ", expectedPassword=******]";
	}

}
