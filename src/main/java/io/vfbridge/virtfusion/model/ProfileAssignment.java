package io.vfbridge.virtfusion.model;

/**
 * A self-service group profile to give a user.
 *
 * @param profileId the hourly or resource group profile id
 */
public record ProfileAssignment(long profileId) {

	public ProfileAssignment {
		if (profileId < 1) {
			throw new IllegalArgumentException("profileId must be a positive id");
		}
	}

}
