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

}
