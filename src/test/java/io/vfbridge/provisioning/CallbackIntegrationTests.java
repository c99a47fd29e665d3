package io.vfbridge.provisioning;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finished operations are reported to billing: signed, retried until billing says 2xx.
 */
@IntegrationTest
@Import(JobTestSupport.Handlers.class)
class CallbackIntegrationTests {

	static final WireMockServer billing = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	static final String CALLBACK_SECRET = "whsec_Y2FsbGJhY2sgc2VjcmV0IG9mIHRoaXJ0eS10d28gYiE=";

	static {
		billing.start();
	}

	@DynamicPropertySource
	static void callbackUrl(DynamicPropertyRegistry registry) {
		registry.add("vfbridge.billing.callback-url", () -> billing.baseUrl() + "/vfbridge/callbacks");
		registry.add("vfbridge.billing.callback-secret", () -> CALLBACK_SECRET);
	}

	@AfterAll
	static void stopBilling() {
		billing.stop();
	}

	@Autowired
	JobTestSupport jobs;

	@Autowired
	OperationSecrets secrets;

	@Test
	void postsASignedCallbackAndRetriesItUntilBillingAccepts() {
		billing.stubFor(post("/vfbridge/callbacks").inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500))
			.willSetStateTo("healthy"));
		billing.stubFor(post("/vfbridge/callbacks").inScenario("flaky")
			.whenScenarioStateIs("healthy")
			.willReturn(aResponse().withStatus(204)));
		UUID job = this.jobs.enqueue("test:callback:" + UUID.randomUUID(), 0, "succeed");

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> billing.verify(2,
					postRequestedFor(urlPathEqualTo("/vfbridge/callbacks"))
						.withRequestBody(matchingJsonPath("$.data.operationId",
								com.github.tomakehurst.wiremock.client.WireMock.equalTo(job.toString())))));
		List<LoggedRequest> deliveries = billing.findAll(postRequestedFor(urlPathEqualTo("/vfbridge/callbacks")))
			.stream()
			.filter((request) -> request.getBodyAsString().contains(job.toString()))
			.toList();
		assertThat(deliveries).hasSize(2);
		for (LoggedRequest delivery : deliveries) {
			String id = delivery.getHeader("webhook-id");
			String timestamp = delivery.getHeader("webhook-timestamp");
			assertThat(id).isEqualTo("op_" + job);
			// signed with the callback secret, not with the secret billing signs its
			// webhooks with
			assertThat(delivery.getHeader("webhook-signature"))
				.isEqualTo(TestApi.sign(CALLBACK_SECRET, id, timestamp, delivery.getBodyAsString()))
				.isNotEqualTo(TestApi.sign(TestApi.WEBHOOK_SECRET, id, timestamp, delivery.getBodyAsString()));
			JsonNode body = JsonMapper.builder().build().readTree(delivery.getBodyAsString());
			assertThat(body.get("type").asString()).isEqualTo("operation.succeeded");
			assertThat(body.get("data").get("status").asString()).isEqualTo("succeeded");
			assertThat(body.get("data").get("result").get("run").asInt()).isEqualTo(1);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> callbackStatus(job).equals("succeeded"));
	}

	@Test
	void keepsTheRootPasswordForTheRetryWhenBillingRefusedTheFirstCallback() {
		// the handler sleeps, so the secret is kept and billing stubbed before it
		// finishes
		UUID job = this.jobs.enqueue("test:callback:" + UUID.randomUUID(), 500, "succeed");
		this.secrets.keep(job, "rootPassword", "s3cret-root");
		String scenario = "refused once " + job;
		billing.stubFor(post("/vfbridge/callbacks").atPriority(1)
			.withRequestBody(matchingJsonPath("$.data.operationId",
					com.github.tomakehurst.wiremock.client.WireMock.equalTo(job.toString())))
			.inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("accepting"));
		billing.stubFor(post("/vfbridge/callbacks").atPriority(1)
			.withRequestBody(matchingJsonPath("$.data.operationId",
					com.github.tomakehurst.wiremock.client.WireMock.equalTo(job.toString())))
			.inScenario(scenario)
			.whenScenarioStateIs("accepting")
			.willReturn(aResponse().withStatus(204)));

		await().atMost(Duration.ofSeconds(20)).until(() -> callbackStatus(job).equals("succeeded"));
		List<String> passwords = billing.findAll(postRequestedFor(urlPathEqualTo("/vfbridge/callbacks")))
			.stream()
			.filter((request) -> request.getBodyAsString().contains(job.toString()))
			.map((request) -> JsonMapper.builder()
				.build()
				.readTree(request.getBodyAsString())
				.path("data")
				.path("result")
				.path("rootPassword")
				.asString(""))
			.toList();
		assertThat(passwords).as("the refused callback and its retry both carry the password")
			.containsExactly("s3cret-root", "s3cret-root");
		assertThat(this.secrets.pending(job)).as("deleted once billing accepted it").isEmpty();
	}

	private String callbackStatus(UUID parent) {
		return this.jobs.jdbc()
			.queryForList("select status from job where parent_job_id = ?", String.class, parent)
			.stream()
			.findFirst()
			.orElse("none yet");
	}

}
