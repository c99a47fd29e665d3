package io.vfbridge.virtfusion;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every operation test checks beyond its own request pattern (the bearer token, and
 * exactly one call: no retry, no second request), and the answers VirtFusion sends.
 */
abstract class OperationTestSupport extends WireMockClientSupport {

	/** A JSON answer with the given status. */
	static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	/** An answer with the given status and no body. */
	static ResponseDefinitionBuilder empty(int status) {
		return aResponse().withStatus(status);
	}

	/**
	 * Verifies that the only request the server received matches the pattern (method,
	 * URL, query, body) and carried {@code Authorization: Bearer <TOKEN>}.
	 */
	static void verifyOnlyRequest(RequestPatternBuilder request) {
		wireMock.verify(1, request.withHeader("Authorization", equalTo("Bearer " + TOKEN)));
		assertThat(wireMock.getAllServeEvents()).hasSize(1);
	}

	/** A paginator page of the given items, as Laravel renders it (flat, every key). */
	static String paginator(String path, int page, int lastPage, int perPage, int total, String items) {
		String base = "https://cp.example.com/api/v1" + path;
		String next = (page < lastPage) ? "\"" + base + "?page=" + (page + 1) + "\"" : "null";
		String prev = (page > 1) ? "\"" + base + "?page=" + (page - 1) + "\"" : "null";
		return """
				{"current_page": %d, "data": [%s], "first_page_url": "%s?page=1", "from": %s, "last_page": %d,
				 "last_page_url": "%s?page=%d",
				 "links": [{"url": %s, "label": "&laquo; Previous", "active": false},
				           {"url": "%s?page=%d", "label": "%d", "active": true},
				           {"url": %s, "label": "Next &raquo;", "active": false}],
				 "next_page_url": %s, "path": "%s", "per_page": %d, "prev_page_url": %s, "to": %s, "total": %d}
				""".formatted(page, items, base, items.isBlank() ? "null" : String.valueOf((page - 1) * perPage + 1),
				lastPage, base, lastPage, prev, base, page, page, next, next, base, perPage, prev,
				items.isBlank() ? "null" : String.valueOf(Math.min(page * perPage, total)), total);
	}

}
