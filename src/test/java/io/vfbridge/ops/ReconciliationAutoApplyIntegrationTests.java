package io.vfbridge.ops;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.SimulatorAdmin;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code vfbridge.reconciliation.auto-apply}: the listed kinds are fixed by the run
 * itself, through the queue; every other kind waits for an operator. And
 * {@code keep-reports}: old reports go.
 */
@IntegrationTest(properties = { "vfbridge.reconciliation.auto-apply=suspended_mismatch",
		"vfbridge.reconciliation.keep-reports=2" })
class ReconciliationAutoApplyIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void fixesOnlyTheAllowedKindsWithoutAnOperator() {
		TestApi api = new TestApi(this.port, this.clock);
		SimulatorAdmin simulator = new SimulatorAdmin(this.port);
		long customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		String suspendedBehindItsBack = "svc-" + UUID.randomUUID();
		String resizedBehindItsBack = "svc-" + UUID.randomUUID();
		long suspended = create(api, suspendedBehindItsBack, customer);
		long resized = create(api, resizedBehindItsBack, customer);
		simulator.api("POST", "/servers/" + suspended + "/suspend", null);
		simulator.api("PUT", "/servers/" + resized + "/package/2", null);

		Answer triggered = api.call("POST", "/v1/ops/reconciliation", TestApi.OPERATOR_KEY, null, null);
		awaitStatus(triggered.operationId(), "succeeded");
		JsonNode report = api.get("/v1/ops/drift", TestApi.OPERATOR_KEY).json();

		JsonNode auto = finding(report, suspendedBehindItsBack);
		assertThat(auto.get("kind").asString()).isEqualTo("suspended_mismatch");
		assertThat(auto.get("appliedBy").asString()).isEqualTo("auto-apply");
		awaitStatus(UUID.fromString(auto.get("appliedOperationId").asString()), "succeeded");
		assertThat(simulator.server(suspended).get("suspended").asBoolean()).isFalse();

		JsonNode manual = finding(report, resizedBehindItsBack);
		assertThat(manual.get("kind").asString()).isEqualTo("package_mismatch");
		assertThat(manual.get("appliedOperationId").isNull()).isTrue();
		assertThat(simulator.server(resized).get("settings").get("resources").get("memory").asInt())
			.as("left for an operator")
			.isEqualTo(4096);
	}

	@Test
	void keepsOnlyTheNewestReports() {
		TestApi api = new TestApi(this.port, this.clock);
		for (int run = 0; run < 3; run++) {
			awaitStatus(api.call("POST", "/v1/ops/reconciliation", TestApi.OPERATOR_KEY, null, null).operationId(),
					"succeeded");
		}
		String latest = api.get("/v1/ops/drift", TestApi.OPERATOR_KEY).json().get("id").asString();
		assertThat(this.jdbc.queryForList("select id::text from drift_report", String.class)).hasSize(2)
			.contains(latest);
	}

	private long create(TestApi api, String service, long customer) {
		String data = "{\"customer\":{\"id\":\"" + customer + "\",\"email\":\"c" + customer
				+ "@example.com\",\"name\":\"Customer " + customer + "\"},\"service\":{\"id\":\"" + service
				+ "\",\"packageId\":1,\"hypervisorGroupId\":1,\"osTemplateId\":1,\"hostname\":\"" + service
				+ ".example.com\",\"ipv4\":1}}";
		Answer answer = api.webhook(TestApi.envelope("service.create", data));
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return awaitStatus(answer.operationId(), "succeeded").path("serverId").asLong();
	}

	private static JsonNode finding(JsonNode report, String service) {
		return StreamSupport.stream(report.get("findings").spliterator(), false)
			.filter((f) -> service.equals(f.path("serviceId").asString(null)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no finding for " + service + " in " + report));
	}

	private JsonNode awaitStatus(UUID id, String status) {
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
			String now = this.jdbc.queryForObject("select status from job where id = ?", String.class, id);
			if (!now.equals(status) && !now.equals("queued") && !now.equals("running")) {
				throw new AssertionError("operation " + id + " ended " + now);
			}
			return now.equals(status);
		});
		return this.jdbc.queryForObject("select coalesce(result::text, '{}') from job where id = ?",
				(rs, row) -> JSON.readTree(rs.getString(1)), id);
	}

}
