package io.vfbridge.virtfusion.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A page of a VirtFusion list: Laravel's length-aware paginator, flat (no {@code meta}
 * wrapper).
 *
 * @param <T> the item type
 * @param currentPage the page number, from 1
 * @param data the items
 * @param firstPageUrl the first page's URL
 * @param from the 1-based index of the first item, null when empty
 * @param lastPage the number of the last page
 * @param lastPageUrl the last page's URL
 * @param links the pager links
 * @param nextPageUrl the next page's URL, null on the last page
 * @param path the list's URL without query
 * @param perPage the page size
 * @param prevPageUrl the previous page's URL, null on the first page
 * @param to the 1-based index of the last item, null when empty
 * @param total the number of items in all pages
 */
public record Page<T>(@JsonProperty("current_page") Integer currentPage, List<T> data,
		@JsonProperty("first_page_url") String firstPageUrl, Integer from, @JsonProperty("last_page") Integer lastPage,
		@JsonProperty("last_page_url") String lastPageUrl, List<Link> links,
		@JsonProperty("next_page_url") String nextPageUrl, String path, @JsonProperty("per_page") Integer perPage,
		@JsonProperty("prev_page_url") String prevPageUrl, Integer to, Integer total) {

	/**
	 * The most pages {@link #collectAll} walks before it gives up (200 items a page: a
	 * million items).
	 */
	public static final int MAX_PAGES = 5_000;

	public Page {
		data = (data != null) ? List.copyOf(data) : List.of();
		links = (links != null) ? List.copyOf(links) : List.of();
	}

	/** Whether a page follows this one. */
	public boolean hasNext() {
		return this.currentPage != null && this.lastPage != null && this.currentPage < this.lastPage;
	}

	/**
	 * Walks every page, from the first, and returns all items.
	 * @param fetch fetches the page with the given 1-based number
	 * @throws IllegalStateException if the list has more than {@link #MAX_PAGES} pages
	 */
	public static <T> List<T> collectAll(IntFunction<Page<T>> fetch) {
		List<T> items = new ArrayList<>();
		for (int number = 1; number <= MAX_PAGES; number++) {
			Page<T> page = fetch.apply(number);
			items.addAll(page.data());
			if (!page.hasNext() || page.data().isEmpty()) {
				return items;
			}
		}
		throw new IllegalStateException("more than " + MAX_PAGES + " pages");
	}

	/**
	 * One pager link.
	 *
	 * @param url the target, null for a disabled arrow
	 * @param label the label (a page number or an HTML-escaped arrow)
	 * @param active whether this is the current page
	 */
	public record Link(String url, String label, Boolean active) {
	}

}
