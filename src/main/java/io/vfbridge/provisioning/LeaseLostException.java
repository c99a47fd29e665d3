package io.vfbridge.provisioning;

import java.util.UUID;

/**
 * A worker tried to finish a job whose lease it no longer holds (it expired and another
 * took over).
 */
class LeaseLostException extends RuntimeException {

	LeaseLostException(UUID job, String owner, String currentOwner) {
		super("job " + job + " is no longer leased to " + owner + " (now: "
				+ ((currentOwner != null) ? currentOwner : "nobody") + ")");
	}

	private LeaseLostException(String message, Throwable cause) {
		super(message, cause);
	}

	/** Another run changed the job while {@code owner} recorded its outcome. */
	static LeaseLostException overtaken(UUID job, String owner, Throwable cause) {
		return new LeaseLostException(
				"job " + job + " was changed by another run while " + owner + " recorded its outcome", cause);
	}

}
