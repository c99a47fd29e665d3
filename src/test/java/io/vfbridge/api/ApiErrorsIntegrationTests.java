package io.vfbridge.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.TestApi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors outside Spring MVC's reach are problem documents too (findings of the fuzz run
 * in {@link ApiFuzzIntegrationTests}).
 */
@IntegrationTest(properties = "vfbridge.jobs.enabled=false")
class ApiErrorsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void answersAProblemForAUrlTomcatRefusesItself() throws Exception {
		for (String path : new String[] { "/v1/services/%00", "/v1/customers/%2F", "/v1/operations/%2F/cancel" }) {
			HttpResponse<String> answer = get(path, "Bearer " + TestApi.BILLING_KEY);
			assertThat(answer.statusCode()).as(path).isEqualTo(400);
			assertProblem(answer, 400);
		}
	}

	@Test
	void answersAProblemForAHeaderOverTheLimit() throws Exception {
		HttpResponse<String> answer = get("/v1/services/1", "Bearer " + "x".repeat(9000));
		assertThat(answer.statusCode()).isEqualTo(400);
		assertProblem(answer, 400);
	}

	@Test
	void answersJsonWhateverTheAcceptHeaderAndNeverRefusesWhatItStored() throws Exception {
		TestApi api = new TestApi(this.port, this.clock);
		String body = TestApi.envelope("service.suspend",
				"{\"service\":{\"id\":\"accept-" + System.nanoTime() + "\"}}");
		String id = "msg_accept_" + System.nanoTime();
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		long before = events();
		HttpResponse<String> accepted = this.http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/events"))
			.header("Content-Type", "application/json")
			.header("Accept", "image/png")
			.header("webhook-id", id)
			.header("webhook-timestamp", timestamp)
			.header("webhook-signature", TestApi.sign(TestApi.WEBHOOK_SECRET, id, timestamp, body))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		assertThat(accepted.body()).contains("operationId");
		assertThat(events()).isEqualTo(before + 1);
		assertThat(api.get("/v1/services/x", null).status()).isEqualTo(401);

		HttpResponse<String> refused = this.http.send(
				HttpRequest.newBuilder(URI.create(base() + "/v1/services/x")).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		assertProblem(refused, 401);
		HttpResponse<String> garbage = this.http.send(
				HttpRequest.newBuilder(URI.create(base() + "/v1/services/x")).header("Accept", "garbage").build(),
				HttpResponse.BodyHandlers.ofString());
		assertProblem(garbage, 401);
	}

	@Test
	void refusesAMultipartBodyAsNotJson() throws Exception {
		HttpResponse<String> answer = this.http
			.send(HttpRequest.newBuilder(URI.create(base() + "/v1/services/m1/suspend"))
				.header("Authorization", "Bearer " + TestApi.BILLING_KEY)
				.header("Idempotency-Key", "multipart-" + System.nanoTime())
				.header("Content-Type", "multipart/form-data")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertProblem(answer, 415);
	}

	@Test
	void namesAnIdOfTheWrongTypeInTheBody() throws Exception {
		TestApi api = new TestApi(this.port, this.clock);
		long before = events();
		TestApi.Answer answer = api.call("POST", "/v1/services/w1/suspend", TestApi.BILLING_KEY,
				"wrong-type-" + System.nanoTime(), "{\"service\":{\"id\":[1,2]}}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.body()).contains("service.id");
		assertThat(events()).isEqualTo(before);
	}

	private long events() {
		return this.jdbc.queryForObject("select count(*) from inbound_event", Long.class);
	}

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", authorization).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static void assertProblem(HttpResponse<String> answer, int status) {
		assertThat(answer.statusCode()).isEqualTo(status);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(answer.body()).contains("\"status\":" + status).doesNotContain("<html");
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}
