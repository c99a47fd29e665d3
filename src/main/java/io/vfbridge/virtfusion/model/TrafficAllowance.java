package io.vfbridge.virtfusion.model;

/**
 * A server's new primary traffic allowance.
 *
 * @param traffic GB per period, 0 for unlimited, at most 999,999,999
 */
public record TrafficAllowance(long traffic) {

	/** The largest allowance VirtFusion accepts. */
	public static final long MAX_TRAFFIC = 999_999_999L;

	public TrafficAllowance {
		if (traffic < 0 || traffic > MAX_TRAFFIC) {
			throw new IllegalArgumentException("traffic must be between 0 (unlimited) and " + MAX_TRAFFIC + " GB");
		}
	}

}
