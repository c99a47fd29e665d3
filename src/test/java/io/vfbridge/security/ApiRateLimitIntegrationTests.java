package io.vfbridge.security;

import java.time.Clock;
import java.util.UUID;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API's rate per API key: the test profile's {@code limited} key may make 3
 * requests per hour; the 4th is refused with 429, {@code Retry-After} and a problem, and
 * other keys are not affected. The signed webhook has no key and no such limit.
 */
@IntegrationTest
class ApiRateLimitIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Test
	void refusesAKeyOverItsRateWith429AndRetryAfterWithoutSlowingOtherKeys() {
		TestApi api = new TestApi(this.port, this.clock);
		String path = "/v1/operations/" + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			assertThat(api.get(path, TestApi.LIMITED_KEY).status()).as("request " + (i + 1)).isEqualTo(404);
		}
		Answer refused = api.get(path, TestApi.LIMITED_KEY);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("type").asString()).isEqualTo("urn:vfbridge:problem:rate-limited");
		long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).as("seconds until the hourly period refreshes").isBetween(1L, 3600L);
		assertThat(refused.body()).doesNotContain(TestApi.LIMITED_KEY);

		assertThat(api.get(path, TestApi.BILLING_KEY).status()).as("another key").isEqualTo(404);
		assertThat(api.get(path, "not-a-key").status()).as("an unknown key is 401, not 429").isEqualTo(401);

		Answer metrics = api.get("/actuator/prometheus", TestApi.OPERATOR_KEY);
		assertThat(metrics.body()).containsPattern("vfbridge_api_rate_limited_total\\{key=\"limited\"\\} [1-9]");
	}

}
