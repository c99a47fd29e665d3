package io.vfbridge.virtfusion;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every operation test checks beyond its own request pattern: the bearer token, and
 * that the client made exactly one call (no retry, no second request).
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

}
