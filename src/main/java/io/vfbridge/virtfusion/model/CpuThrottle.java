package io.vfbridge.virtfusion.model;

/**
 * How much to throttle a server's CPU.
 *
 * @param percent the throttle percentage, 0 (none) to 99
 */
public record CpuThrottle(int percent) {

	public CpuThrottle {
		if (percent < 0 || percent > 99) {
			throw new IllegalArgumentException("a CPU throttle is between 0 and 99 percent");
		}
	}

}
