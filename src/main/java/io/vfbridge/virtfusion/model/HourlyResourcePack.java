package io.vfbridge.virtfusion.model;

/**
 * The hourly resource pack to set for a user.
 *
 * @param packId the hourly resource pack id
 */
public record HourlyResourcePack(long packId) {

	public HourlyResourcePack {
		if (packId < 1) {
			throw new IllegalArgumentException("packId must be a positive id");
		}
	}

}
