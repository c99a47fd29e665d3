package io.vfbridge.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaginatorTests {

	@Test
	void listsEveryPageWhileThereAreFewerThanFourteen() {
		assertThat(Paginator.window(1, 1)).containsExactly(1);
		assertThat(Paginator.window(5, 13)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
	}

	@Test
	void elidesPagesLikeLaravelsUrlWindow() {
		assertThat(Paginator.window(2, 20)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null, 19, 20);
		assertThat(Paginator.window(10, 20)).containsExactly(1, 2, null, 7, 8, 9, 10, 11, 12, 13, null, 19, 20);
		assertThat(Paginator.window(18, 20)).containsExactly(1, 2, null, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
	}

	@Test
	void rendersOnlyTheRequestedPage() {
		List<Integer> items = IntStream.rangeClosed(1, 45).boxed().toList();
		List<Integer> rendered = new ArrayList<>();

		Map<String, Object> page = Paginator.render(items, (item) -> {
			rendered.add(item);
			return item;
		}, new Paginator.Page(20, 3), "http://panel/api/v1/servers");

		assertThat(rendered).containsExactly(41, 42, 43, 44, 45);
		assertThat(page).containsEntry("from", 41)
			.containsEntry("to", 45)
			.containsEntry("last_page", 3)
			.containsEntry("next_page_url", null)
			.containsEntry("prev_page_url", "http://panel/api/v1/servers?page=2")
			.containsEntry("last_page_url", "http://panel/api/v1/servers?page=3");
	}

}
