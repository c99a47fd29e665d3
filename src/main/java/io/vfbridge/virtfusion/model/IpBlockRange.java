package io.vfbridge.virtfusion.model;

/**
 * An IPv4 range to add to an IP block.
 *
 * @param type always {@code range}
 * @param start the first address
 * @param end the last address
 */
public record IpBlockRange(String type, String start, String end) {

	/** The only type VirtFusion accepts. */
	public static final String RANGE = "range";

	public IpBlockRange {
		if (!RANGE.equals(type)) {
			throw new IllegalArgumentException("an IP block range has type \"range\"");
		}
		if (start == null || start.isBlank() || end == null || end.isBlank()) {
			throw new IllegalArgumentException("an IP block range needs a start and an end address");
		}
	}

	/** The range from start to end, inclusive. */
	public IpBlockRange(String start, String end) {
		this(RANGE, start, end);
	}

}
