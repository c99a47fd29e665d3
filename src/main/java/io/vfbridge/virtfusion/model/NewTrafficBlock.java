package io.vfbridge.virtfusion.model;

/**
 * A block of extra traffic to add to a server for one period.
 *
 * @param month the period number, a key of {@link TrafficBlocks.Available#months()}
 * @param amount the extra traffic in GB, at least 1
 */
public record NewTrafficBlock(int month, int amount) {

	public NewTrafficBlock {
		if (month < 1) {
			throw new IllegalArgumentException("month is a period number from 1");
		}
		if (amount < 1) {
			throw new IllegalArgumentException("amount must be at least 1 GB");
		}
	}

}
