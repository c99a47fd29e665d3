package io.vfbridge.ops;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.OperationWaiter;
import io.vfbridge.testsupport.SimulatorAdmin;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation end to end: services are provisioned through vfbridge, then VirtFusion
 * is changed behind its back through the simulator's own API; a run triggered by an
 * operator must report each kind of drift, and applying a finding must fix VirtFusion
 * through the job queue, once.
 */
@IntegrationTest
class ReconciliationIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Reconciliation reconciliation;

	TestApi api;

	SimulatorAdmin simulator;

	long customer;

	String service;

	@BeforeEach
	void setUp() {
		this.api = new TestApi(this.port, this.clock);
		this.simulator = new SimulatorAdmin(this.port);
		this.customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		this.service = "svc-" + UUID.randomUUID();
	}

	@AfterEach
	void clearFaults() {
		this.simulator.clearFaults();
	}

	@Test
	void detectsASuspendedMismatchAndUnsuspendsThroughTheQueueOnce() {
		long serverId = create();
		assertThat(this.simulator.api("POST", "/servers/" + serverId + "/suspend", null).statusCode()).isEqualTo(204);

		JsonNode finding = finding(reconcile(), "suspended_mismatch", this.service);
		assertThat(finding.get("expected").asString()).isEqualTo("not suspended");
		assertThat(finding.get("actual").asString()).isEqualTo("suspended");
		assertThat(finding.get("action").asString()).isEqualTo("unsuspend");
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).as("nothing changed by itself")
			.isTrue();

		Answer applied = apply(finding);
		assertThat(applied.status()).as(applied.body()).isEqualTo(202);
		UUID operation = UUID.fromString(applied.json().get("appliedOperationId").asString());
		assertThat(applied.json().get("appliedBy").asString()).isEqualTo("operator");
		assertThat(type(operation)).isEqualTo("service.unsuspend");
		succeeded(operation);
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isFalse();

		Answer again = apply(finding);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("appliedOperationId").asString()).isEqualTo(operation.toString());
		assertThat(this.jdbc.queryForObject("select count(*) from job where service_id = ? and type = ?", Integer.class,
				this.service, "service.unsuspend"))
			.as("one job however often it is applied")
			.isEqualTo(1);
		assertThat(finding(reconcile(), "suspended_mismatch", this.service)).as("fixed").isNull();
	}

	@Test
	void detectsAServerSuspendedWhileTheServiceIsSuspendedNoLonger() {
		long serverId = create();
		succeeded(send("service.suspend", serviceData()));
		assertThat(this.simulator.api("POST", "/servers/" + serverId + "/unsuspend", null).statusCode()).isEqualTo(204);

		JsonNode finding = finding(reconcile(), "suspended_mismatch", this.service);
		assertThat(finding.get("action").asString()).isEqualTo("suspend");
		succeeded(UUID.fromString(apply(finding).json().get("appliedOperationId").asString()));
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isTrue();
	}

	@Test
	void detectsAPackageMismatchAndChangesThePackageBackThroughTheQueue() {
		long serverId = create();
		assertThat(this.simulator.api("PUT", "/servers/" + serverId + "/package/3", null).statusCode()).isBetween(200,
				204);
		assertThat(resources(serverId).get("memory").asInt()).isEqualTo(8192);

		JsonNode finding = finding(reconcile(), "package_mismatch", this.service);
		assertThat(finding.get("expected").asString()).contains("package 1").contains("1024 MB");
		assertThat(finding.get("actual").asString()).contains("8192 MB");

		UUID operation = UUID.fromString(apply(finding).json().get("appliedOperationId").asString());
		assertThat(type(operation)).isEqualTo("service.change_package");
		succeeded(operation);
		assertThat(resources(serverId).get("memory").asInt()).isEqualTo(1024);
		assertThat(this.simulator.server(serverId).get("cpu").get("cores").asInt()).isEqualTo(1);
		assertThat(finding(reconcile(), "package_mismatch", this.service)).isNull();
	}

	@Test
	void detectsAMissingServerAndMarksTheServiceForAPersonWithoutDroppingIt() {
		long serverId = create();
		assertThat(this.simulator.api("DELETE", "/servers/" + serverId + "?delay=0", null).statusCode()).isEqualTo(204);
		assertThat(this.simulator.server(serverId)).isNull();

		JsonNode finding = finding(reconcile(), "server_missing", this.service);
		assertThat(finding.get("serverId").asLong()).isEqualTo(serverId);
		succeeded(UUID.fromString(apply(finding).json().get("appliedOperationId").asString()));

		JsonNode mapping = this.api.get("/v1/services/" + this.service, TestApi.BILLING_KEY).json();
		assertThat(mapping.get("state").asString()).isEqualTo("needs_attention");
		assertThat(mapping.get("serverId").asLong()).as("the mapping is kept").isEqualTo(serverId);
	}

	@Test
	void detectsAnOrphanServerOfAKnownCustomerAndSuspendsItWithoutDeletingIt() {
		long mapped = create();
		long userId = this.simulator.server(mapped).get("owner").get("id").asLong();
		var created = this.simulator.api("POST", "/servers",
				"{\"packageId\":1,\"userId\":" + userId + ",\"hypervisorId\":1,\"ipv4\":1}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long orphan = JSON.readTree(created.body()).get("data").get("id").asLong();

		JsonNode report = reconcile();
		JsonNode finding = findingFor(report, "orphan_server", orphan);
		assertThat(finding).as("orphan %s in %s", orphan, report).isNotNull();
		assertThat(finding.get("customerId").asString()).isEqualTo(Long.toString(this.customer));
		assertThat(findingFor(report, "orphan_server", mapped)).as("the mapped server is no orphan").isNull();

		succeeded(UUID.fromString(apply(finding).json().get("appliedOperationId").asString()));
		JsonNode server = this.simulator.server(orphan);
		assertThat(server).as("never deleted").isNotNull();
		assertThat(server.get("suspended").asBoolean()).isTrue();
		assertThat(this.simulator.server(mapped).get("suspended").asBoolean()).isFalse();
	}

	@Test
	void detectsAnOwnerMismatchAndMovesTheServerBack() {
		long serverId = create();
		long stranger = this.customer + 7;
		var user = this.simulator.api("POST", "/users", "{\"name\":\"Stranger\",\"email\":\"s" + stranger
				+ "@example.com\",\"extRelationId\":" + stranger + ",\"sendMail\":false}");
		assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
		long strangerId = JSON.readTree(user.body()).get("data").get("id").asLong();
		assertThat(this.simulator.api("PUT", "/servers/" + serverId + "/owner/" + strangerId, null).statusCode())
			.isBetween(200, 204);

		JsonNode finding = finding(reconcile(), "owner_mismatch", this.service);
		assertThat(finding.get("actual").asString()).isEqualTo("user " + strangerId);

		UUID operation = UUID.fromString(apply(finding).json().get("appliedOperationId").asString());
		assertThat(type(operation)).isEqualTo("service.change_owner");
		succeeded(operation);
		assertThat(this.simulator.server(serverId).get("owner").get("extRelationId").asLong()).isEqualTo(this.customer);
	}

	@Test
	void detectsAServiceStuckBehindADeadOperationAndRetriesIt() {
		this.simulator.faults(
				"{\"method\":\"POST\",\"path\":\"/servers/{serverId}/build\",\"kind\":\"error\"," + "\"status\":500}");
		UUID create = send("service.create", createData());
		awaitStatus(create, "dead");

		JsonNode finding = finding(reconcile(), "service_stuck", this.service);
		assertThat(finding.get("operationId").asString()).isEqualTo(create.toString());
		assertThat(finding.get("action").asString()).isEqualTo("retry_operation");

		this.simulator.clearFaults();
		Answer applied = apply(finding);
		assertThat(applied.json().get("appliedOperationId").asString()).isEqualTo(create.toString());
		JsonNode result = succeeded(create);
		assertThat(this.simulator.server(result.get("result").get("serverId").asLong()).get("commissionStatus").asInt())
			.isEqualTo(3);
	}

	@Test
	void notesWhatItCouldNotReadAndComparesTheRest() {
		long serverId = create();
		assertThat(this.simulator.api("POST", "/servers/" + serverId + "/suspend", null).statusCode()).isEqualTo(204);
		this.simulator.faults("{\"method\":\"GET\",\"path\":\"/servers/user/{userId}\",\"kind\":\"error\","
				+ "\"status\":404,\"msg\":\"user not found\",\"count\":1}");
		Answer triggered = this.api.call("POST", "/v1/ops/reconciliation", TestApi.OPERATOR_KEY, null, null);
		JsonNode run = succeeded(triggered.operationId());
		assertThat(run.get("result").get("errors").asInt()).isEqualTo(1);
		JsonNode report = this.api.get("/v1/ops/drift", TestApi.OPERATOR_KEY).json();
		assertThat(report.get("errors")).hasSize(1);
		assertThat(report.get("errors").get(0).asString()).startsWith("customer ").contains("404");
		assertThat(finding(report, "suspended_mismatch", this.service)).as("the rest was compared").isNotNull();
	}

	@Test
	void keepsEveryOperatorEndpointForOperatorsAndNamesBadInput() {
		assertThat(this.api.get("/v1/ops/drift", null).status()).isEqualTo(401);
		Answer billing = this.api.get("/v1/ops/drift", TestApi.BILLING_KEY);
		assertThat(billing.status()).isEqualTo(403);
		assertThat(billing.contentType()).startsWith("application/problem+json");
		assertThat(this.api.call("POST", "/v1/ops/reconciliation", TestApi.STOREFRONT_KEY, null, null).status())
			.isEqualTo(403);
		Answer unknown = this.api.call("POST", "/v1/ops/drift/" + UUID.randomUUID() + "/apply", TestApi.OPERATOR_KEY,
				null, null);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("type").asString()).isEqualTo("urn:vfbridge:problem:drift-finding-not-found");
		Answer badStatus = this.api.get("/v1/ops/operations?status=lost", TestApi.OPERATOR_KEY);
		assertThat(badStatus.status()).isEqualTo(400);
		assertThat(badStatus.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
		assertThat(this.api.get("/v1/ops/drift/not-a-uuid/apply", TestApi.OPERATOR_KEY).status()).isBetween(400, 405);
	}

	@Test
	void showsTheQueueAndTheCircuitBreakerOfEachPanel() {
		create();
		JsonNode summary = this.api.get("/v1/ops/summary", TestApi.OPERATOR_KEY).json();
		assertThat(summary.get("byStatus").get("succeeded").asLong()).isPositive();
		assertThat(summary.get("finishedInWindow").get("succeeded").asLong()).isPositive();
		JsonNode succeeded = this.api.get("/v1/ops/operations?status=succeeded&limit=5", TestApi.OPERATOR_KEY).json();
		assertThat(succeeded.size()).isBetween(1, 5);
		assertThat(succeeded.get(0).get("status").asString()).isEqualTo("succeeded");
		JsonNode breakers = this.api.get("/v1/ops/circuit-breakers", TestApi.OPERATOR_KEY).json();
		assertThat(breakers.get(0).get("panel").asString()).isEqualTo("default");
		assertThat(breakers.get(0).get("state").asString()).isEqualTo("CLOSED");
	}

	@Test
	void enqueuesOneScheduledRunPerPeriodHoweverOftenItIsAsked() {
		String count = "select count(*) from job where type = 'reconciliation.run' and payload ->> 'trigger' = 'schedule'";
		int before = this.jdbc.queryForObject(count, Integer.class);
		this.reconciliation.schedule();
		this.reconciliation.schedule();
		int after = this.jdbc.queryForObject(count, Integer.class);
		assertThat(after - before).isBetween(before == 0 ? 1 : 0, 1);
		assertThat(after).isGreaterThanOrEqualTo(1);
	}

	private long create() {
		return succeeded(send("service.create", createData())).get("result").get("serverId").asLong();
	}

	private JsonNode resources(long serverId) {
		return this.simulator.server(serverId).get("settings").get("resources");
	}

	/** Triggers a run as an operator, waits for it, and returns the latest report. */
	private JsonNode reconcile() {
		Answer triggered = this.api.call("POST", "/v1/ops/reconciliation", TestApi.OPERATOR_KEY, null, null);
		assertThat(triggered.status()).as(triggered.body()).isEqualTo(202);
		JsonNode run = succeeded(triggered.operationId());
		String reportId = run.get("result").get("reportId").asString();
		JsonNode report = this.api.get("/v1/ops/drift", TestApi.OPERATOR_KEY).json();
		assertThat(report.get("id").asString()).isEqualTo(reportId);
		assertThat(report.get("trigger").asString()).isEqualTo("operator");
		assertThat(report.get("errors")).as("a complete report").isEmpty();
		return report;
	}

	private static JsonNode finding(JsonNode report, String kind, String service) {
		return StreamSupport.stream(report.get("findings").spliterator(), false)
			.filter((f) -> f.get("kind").asString().equals(kind) && service.equals(f.path("serviceId").asString(null)))
			.findFirst()
			.orElse(null);
	}

	private static JsonNode findingFor(JsonNode report, String kind, long serverId) {
		return StreamSupport.stream(report.get("findings").spliterator(), false)
			.filter((f) -> f.get("kind").asString().equals(kind) && f.path("serverId").asLong() == serverId)
			.findFirst()
			.orElse(null);
	}

	private Answer apply(JsonNode finding) {
		assertThat(finding).as("the finding").isNotNull();
		return this.api.call("POST", "/v1/ops/drift/" + finding.get("id").asString() + "/apply", TestApi.OPERATOR_KEY,
				null, null);
	}

	private String type(UUID operation) {
		return this.jdbc.queryForObject("select type from job where id = ?", String.class, operation);
	}

	private UUID send(String type, String data) {
		Answer answer = this.api.webhook(TestApi.envelope(type, data));
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.operationId();
	}

	private JsonNode succeeded(UUID id) {
		return awaitStatus(id, "succeeded");
	}

	private JsonNode awaitStatus(UUID id, String status) {
		return new OperationWaiter(this.jdbc, this.api).awaitStatus(id, status);
	}

	private String createData() {
		return "{\"customer\":{\"id\":\"" + this.customer + "\",\"email\":\"c" + this.customer
				+ "@example.com\",\"name\":\"Customer " + this.customer + "\"},\"service\":{\"id\":\"" + this.service
				+ "\",\"packageId\":1,\"hypervisorGroupId\":1,\"osTemplateId\":1,\"hostname\":\"" + this.service
				+ ".example.com\",\"ipv4\":1}}";
	}

	private String serviceData() {
		return "{\"service\":{\"id\":\"" + this.service + "\"}}";
	}

}
