package io.vfbridge.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Laravel's length-aware paginator, flat as VirtFusion sends it: {@code current_page},
 * {@code data}, the page URLs, {@code from}/{@code to} (null on an empty page),
 * {@code links} with Laravel's window of page numbers and "..." gaps, {@code per_page}
 * and {@code total}.
 */
final class Paginator {

	static final int DEFAULT_RESULTS = 20;

	static final int MAX_RESULTS = 200;

	/** Laravel's default {@code onEachSide}. */
	private static final int ON_EACH_SIDE = 3;

	private Paginator() {
	}

	/**
	 * Reads {@code results} (1–200, default 20) and {@code page} (1-based) from the
	 * query.
	 */
	static Page request(Input input) {
		Integer results = input.queryInt("results", 1, MAX_RESULTS);
		return new Page((results != null) ? results : DEFAULT_RESULTS, pageNumber(input.queryString("page")));
	}

	private static int pageNumber(@Nullable String raw) {
		if (raw == null) {
			return 1;
		}
		try {
			return Math.max(1, Integer.parseInt(raw.trim()));
		}
		catch (NumberFormatException ex) {
			// Laravel falls back to the first page for anything that is not a page
			// number.
			return 1;
		}
	}

	/**
	 * The paginator document for one page of {@code all}; only that page's items are
	 * rendered.
	 */
	static <T> Map<String, Object> render(List<T> all, Function<T, Object> item, Page page, String path) {
		int total = all.size();
		int lastPage = Math.max(1, (total + page.perPage() - 1) / page.perPage());
		int current = page.number();
		int fromIndex = Math.min(total, (current - 1) * page.perPage());
		int toIndex = Math.min(total, fromIndex + page.perPage());
		List<Object> data = new ArrayList<>(toIndex - fromIndex);
		for (T value : all.subList(fromIndex, toIndex)) {
			data.add(item.apply(value));
		}
		boolean empty = data.isEmpty();
		return Json.obj("current_page", current, "data", data, "first_page_url", url(path, 1), "from",
				empty ? null : fromIndex + 1, "last_page", lastPage, "last_page_url", url(path, lastPage), "links",
				links(path, current, lastPage), "next_page_url", (current < lastPage) ? url(path, current + 1) : null,
				"path", path, "per_page", page.perPage(), "prev_page_url",
				(current > 1) ? url(path, current - 1) : null, "to", empty ? null : toIndex, "total", total);
	}

	static List<Map<String, Object>> links(String path, int current, int lastPage) {
		List<Map<String, Object>> links = new ArrayList<>();
		links.add(link((current > 1) ? url(path, current - 1) : null, "&laquo; Previous", false));
		for (Integer number : window(current, lastPage)) {
			if (number == null) {
				links.add(link(null, "...", false));
			}
			else {
				links.add(link(url(path, number), String.valueOf(number), number == current));
			}
		}
		links.add(link((current < lastPage) ? url(path, current + 1) : null, "Next &raquo;", false));
		return links;
	}

	/** Laravel's {@code UrlWindow}: page numbers to show, null where "..." goes. */
	static List<@Nullable Integer> window(int current, int lastPage) {
		List<@Nullable Integer> pages = new ArrayList<>();
		if (lastPage < ON_EACH_SIDE * 2 + 8) {
			range(pages, 1, lastPage);
			return pages;
		}
		int window = ON_EACH_SIDE + 4;
		if (current <= window) {
			range(pages, 1, window + ON_EACH_SIDE);
			pages.add(null);
			range(pages, lastPage - 1, lastPage);
		}
		else if (current > lastPage - window) {
			range(pages, 1, 2);
			pages.add(null);
			range(pages, lastPage - (window + ON_EACH_SIDE - 1), lastPage);
		}
		else {
			range(pages, 1, 2);
			pages.add(null);
			range(pages, current - ON_EACH_SIDE, current + ON_EACH_SIDE);
			pages.add(null);
			range(pages, lastPage - 1, lastPage);
		}
		return pages;
	}

	private static void range(List<@Nullable Integer> pages, int from, int to) {
		for (int i = from; i <= to; i++) {
			pages.add(i);
		}
	}

	private static Map<String, Object> link(@Nullable String url, String label, boolean active) {
		return Json.obj("url", url, "label", label, "active", active);
	}

	private static String url(String path, int page) {
		return path + "?page=" + page;
	}

	/** A requested page: its size and 1-based number. */
	record Page(int perPage, int number) {

		Page {
			if (perPage < 1 || number < 1) {
				throw new IllegalArgumentException("page size and number must be positive");
			}
		}

	}

}
