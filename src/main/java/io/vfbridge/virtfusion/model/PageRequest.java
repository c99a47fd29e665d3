package io.vfbridge.virtfusion.model;

/**
 * Which page of a paginated list to fetch.
 *
 * @param page the 1-based page number
 * @param results items per page, 1 to 200
 */
public record PageRequest(int page, int results) {

	/** VirtFusion's default page size. */
	public static final int DEFAULT_RESULTS = 20;

	/** VirtFusion's largest page size. */
	public static final int MAX_RESULTS = 200;

	public PageRequest {
		if (page < 1) {
			throw new IllegalArgumentException("page starts at 1");
		}
		if (results < 1 || results > MAX_RESULTS) {
			throw new IllegalArgumentException("results must be between 1 and " + MAX_RESULTS);
		}
	}

	/** The first page with the default size. */
	public static PageRequest first() {
		return new PageRequest(1, DEFAULT_RESULTS);
	}

	/** The given page with the largest size, for walking a whole list. */
	public static PageRequest largest(int page) {
		return new PageRequest(page, MAX_RESULTS);
	}

}
