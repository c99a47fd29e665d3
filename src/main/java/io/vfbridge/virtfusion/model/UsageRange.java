package io.vfbridge.virtfusion.model;

/** The length of a self-service usage period. */
public enum UsageRange {

	/** One day. */
	DAY("d"),

	/** One week. */
	WEEK("w"),

	/** Two weeks. */
	TWO_WEEKS("2w"),

	/** Three weeks. */
	THREE_WEEKS("3w"),

	/** One month (VirtFusion's default). */
	MONTH("m");

	private final String code;

	UsageRange(String code) {
		this.code = code;
	}

	/** The value of the {@code range} query parameter. */
	public String code() {
		return this.code;
	}

}
