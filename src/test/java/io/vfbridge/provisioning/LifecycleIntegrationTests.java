package io.vfbridge.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.SimulatorAdmin;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every lifecycle event end to end: a signed webhook in, the built-in simulator's state
 * out (never mocks). Builds take 200 ms at the test time scale.
 */
@IntegrationTest
public class LifecycleIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

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
	void createsBuildsAndActivatesAServiceAndHandsOutTheRootPasswordOnce() {
		JsonNode created = succeeded(send("service.create", createData(this.service, this.customer)));
		JsonNode result = created.get("result");
		long serverId = result.get("serverId").asLong();
		assertThat(result.get("state").asString()).isEqualTo("active");
		assertThat(result.get("ipv4")).isNotEmpty();
		assertThat(result.get("rootPassword").asString()).isNotBlank();
		assertThat(operation(created).get("result").has("rootPassword")).as("handed out once").isFalse();

		JsonNode server = this.simulator.server(serverId);
		assertThat(server.get("commissionStatus").asInt()).isEqualTo(3);
		assertThat(server.get("hostname").asString()).isEqualTo(this.service + ".example.com");
		assertThat(server.get("owner").get("extRelationId").asLong()).isEqualTo(this.customer);
		assertThat(this.simulator.serversOf(this.customer)).isEqualTo(1);

		JsonNode mapping = this.api.get("/v1/services/" + this.service, TestApi.BILLING_KEY).json();
		assertThat(mapping.get("state").asString()).isEqualTo("active");
		assertThat(mapping.get("serverId").asLong()).isEqualTo(serverId);
		JsonNode customer = this.api.get("/v1/customers/" + this.customer, TestApi.BILLING_KEY).json().get(0);
		assertThat(customer.get("extRelationId").asLong()).isEqualTo(this.customer);
		assertThat(customer.get("services").get(0).asString()).isEqualTo(this.service);
	}

	@Test
	void createsFromAPlanConfiguredInVfbridgeAndLetsExplicitFieldsWin() {
		String data = "{\"customer\":{\"id\":\"" + this.customer + "\",\"email\":\"p" + this.customer
				+ "@example.com\",\"name\":\"Plan\"},\"service\":{\"id\":\"" + this.service
				+ "\",\"plan\":\"test-small\",\"packageId\":2}}";
		long serverId = succeeded(send("service.create", data)).get("result").get("serverId").asLong();
		JsonNode server = this.simulator.server(serverId);
		assertThat(server.get("settings").get("resources").get("memory").asInt()).as("package 2, not the plan's 1")
			.isEqualTo(4096);
		assertThat(server.get("commissionStatus").asInt()).as("built with the plan's OS").isEqualTo(3);
		JsonNode unknown = awaitStatus(
				send("service.create",
						data.replace("test-small", "no-such-plan").replace(this.service, this.service + "-2")),
				"failed");
		assertThat(unknown.get("lastError").asString()).contains("plan 'no-such-plan' is not configured");
	}

	@Test
	void validatesWithADryRunWithoutCreatingAnything() {
		String data = createData(this.service, this.customer).replace("\"service\":{", "\"dryRun\":true,\"service\":{");
		JsonNode validated = succeeded(send("service.create", data));
		assertThat(validated.get("result").get("valid").asBoolean()).isTrue();
		assertThat(this.simulator.serversOf(this.customer)).isZero();
		JsonNode refused = awaitStatus(send("service.create",
				data.replace("\"packageId\":1", "\"packageId\":4").replace(this.service, this.service + "-legacy")),
				"failed");
		assertThat(refused.get("lastError").asString()).contains("422");
	}

	@Test
	void storesAVirtFusionRefusalInLastErrorWithItsSecretsMasked() {
		this.simulator.faults("""
				{"method": "POST", "path": "/servers", "kind": "error", "status": 422, "count": 1,
				 "errors": ["password: Hunter2-Sekrit", "the token=tok_9f8e7d6c5b4a is not valid for user 7"]}""");
		JsonNode refused = awaitStatus(send("service.create", createData(this.service, this.customer)), "failed");
		assertThat(refused.get("lastError").asString())
			.contains("422", "password: ******", "token=******", "is not valid for user 7")
			.doesNotContain("Hunter2-Sekrit", "tok_9f8e7d6c5b4a");
	}

	@Test
	void serializesCreatesOfOneNewCustomerSoItGetsOneUserAndOneServerPerService() {
		int usersBefore = this.simulator.stats().path("users").path("total").asInt();
		UUID first = send("service.create", createData(this.service + "-a", this.customer));
		UUID second = send("service.create", createData(this.service + "-b", this.customer));
		UUID third = send("service.create", createData(this.service + "-c", this.customer));
		succeeded(first);
		succeeded(second);
		succeeded(third);
		assertThat(this.simulator.stats().path("users").path("total").asInt() - usersBefore).isEqualTo(1);
		assertThat(this.simulator.serversOf(this.customer)).isEqualTo(3);
	}

	@Test
	void suspendsUnsuspendsAndTerminatesInOrderAndTreatsRepeatsAsDone() {
		UUID create = send("service.create", createData(this.service, this.customer));
		UUID suspend = send("service.suspend", serviceData(this.service));
		UUID suspendAgain = send("service.suspend", serviceData(this.service));
		long serverId = succeeded(create).get("result").get("serverId").asLong();
		succeeded(suspend);
		succeeded(suspendAgain);
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isTrue();
		assertThat(this.simulator.calls("POST /servers/{serverId}/suspend", 204)).isGreaterThanOrEqualTo(1);

		succeeded(send("service.unsuspend", serviceData(this.service)));
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isFalse();

		JsonNode terminated = succeeded(
				send("service.terminate", "{\"service\":{\"id\":\"" + this.service + "\"},\"delayMinutes\":1}"));
		assertThat(terminated.get("result").get("state").asString()).isEqualTo("terminated");
		assertThat(this.simulator.server(serverId)).isNull();
		assertThat(mappingState()).isEqualTo("terminated");
		assertThat(
				succeeded(send("service.terminate", serviceData(this.service))).get("result").get("state").asString())
			.isEqualTo("terminated");
	}

	@Test
	void terminatesWhenTheDeleteAnswerIsLostAfterVirtFusionDeletedTheServer() {
		long serverId = succeeded(send("service.create", createData(this.service, this.customer))).get("result")
			.get("serverId")
			.asLong();
		this.simulator
			.faults("{\"method\":\"DELETE\",\"path\":\"/servers/{serverId}\",\"kind\":\"lost-response\",\"count\":1}");
		JsonNode terminated = succeeded(
				send("service.terminate", "{\"service\":{\"id\":\"" + this.service + "\"},\"delayMinutes\":0}"));
		assertThat(terminated.get("result").get("state").asString()).isEqualTo("terminated");
		assertThat(this.simulator.calls("DELETE /servers/{serverId}", 0)).isEqualTo(1);
		assertThat(this.simulator.server(serverId)).isNull();
		assertThat(mappingState()).isEqualTo("terminated");
	}

	@Test
	void adoptsTheServerAfterALostCreateAnswerInsteadOfMakingASecond() {
		this.simulator.faults("{\"method\":\"POST\",\"path\":\"/servers\",\"kind\":\"lost-response\",\"count\":1}");
		JsonNode created = succeeded(send("service.create", createData(this.service, this.customer)));
		assertThat(this.simulator.serversOf(this.customer)).isEqualTo(1);
		assertThat(created.get("result").get("serverId").asLong()).isPositive();
		assertThat(created.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void adoptsTheServerWhenTheRunThatCreatedItCouldNotCommitTheLink() {
		// the link, the lock's release and the build's intent are one transaction: a run
		// that lost its lease during POST /servers writes none of them, and the next run
		// adopts the server it created
		int listsBefore = this.simulator.calls("GET /servers/user/{userId}", 200);
		this.simulator
			.faults("{\"method\":\"POST\",\"path\":\"/servers\",\"kind\":\"latency\",\"latency\":1500,\"count\":1}");
		UUID id = send("service.create", createData(this.service, this.customer));
		await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.jdbc.queryForObject(
					"select count(*) from job where id = ? and checkpoint ->> 'createIntentAt' is not null",
					Integer.class, id) == 1);
		assertThat(
				this.jdbc.update(
						"update job set lease_owner = 'another-instance', "
								+ "lease_expires_at = now() + interval '1 second' where id = ? and status = 'running'",
						id))
			.isEqualTo(1);
		JsonNode created = succeeded(id);
		assertThat(this.simulator.serversOf(this.customer)).isEqualTo(1);
		assertThat(created.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(this.simulator.calls("GET /servers/user/{userId}", 200))
			.as("the next run found no link and looked for the server to adopt")
			.isGreaterThan(listsBefore);
		long serverId = created.get("result").get("serverId").asLong();
		assertThat(this.simulator.server(serverId).get("commissionStatus").asInt()).isEqualTo(3);
		assertThat(this.api.get("/v1/services/" + this.service, TestApi.BILLING_KEY).json().get("serverId").asLong())
			.isEqualTo(serverId);
	}

	@Test
	void buildsOnceAfterALostBuildAnswerAndStillHandsOutAPassword() {
		this.simulator.faults(
				"{\"method\":\"POST\",\"path\":\"/servers/{serverId}/build\",\"kind\":\"lost-response\",\"count\":1}");
		int buildsBefore = this.simulator.calls("POST /servers/{serverId}/build", 200);
		JsonNode created = succeeded(send("service.create", createData(this.service, this.customer)));
		assertThat(this.simulator.calls("POST /servers/{serverId}/build", 200)).isEqualTo(buildsBefore);
		assertThat(
				this.simulator.server(created.get("result").get("serverId").asLong()).get("commissionStatus").asInt())
			.isEqualTo(3);
		assertThat(created.get("result").get("rootPassword").asString()).isNotBlank();
	}

	@Test
	void appliesASuspendSentWhileTheCreateIsStillRetrying() {
		int refusedBefore = this.simulator.calls("POST /servers", 503);
		int createdBefore = this.simulator.calls("POST /servers", 201);
		this.simulator
			.faults("{\"method\":\"POST\",\"path\":\"/servers\",\"kind\":\"error\",\"status\":503,\"count\":2}");
		UUID create = send("service.create", createData(this.service, this.customer));
		UUID suspend = send("service.suspend", serviceData(this.service));
		JsonNode created = succeeded(create);
		JsonNode suspended = succeeded(suspend);
		assertThat(this.simulator.calls("POST /servers", 503) - refusedBefore).isEqualTo(2);
		assertThat(this.simulator.calls("POST /servers", 201) - createdBefore).isEqualTo(1);
		assertThat(java.time.Instant.parse(suspended.get("startedAt").asString()))
			.isAfterOrEqualTo(java.time.Instant.parse(created.get("finishedAt").asString()));
		assertThat(this.simulator.server(created.get("result").get("serverId").asLong()).get("suspended").asBoolean())
			.isTrue();
	}

	@Test
	void retriesAServerLockedByATaskAndHonoursRetryAfter() {
		long serverId = succeeded(send("service.create", createData(this.service, this.customer))).get("result")
			.get("serverId")
			.asLong();
		this.simulator.faults("[{\"method\":\"POST\",\"path\":\"/servers/{serverId}/suspend\",\"kind\":\"error\","
				+ "\"status\":423,\"msg\":\"server has a task in progress\",\"count\":1},"
				+ "{\"method\":\"POST\",\"path\":\"/servers/{serverId}/suspend\",\"kind\":\"rate-limit\",\"retryAfter\":\"1s\",\"count\":1}]");
		JsonNode suspended = succeeded(send("service.suspend", serviceData(this.service)));
		assertThat(suspended.get("attempts").asInt()).isEqualTo(3);
		assertThat(Duration.between(java.time.Instant.parse(suspended.get("startedAt").asString()),
				java.time.Instant.parse(suspended.get("finishedAt").asString())))
			.as("waited for Retry-After")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isTrue();
	}

	@Test
	void completesEverythingInOrderAfterA503Storm() {
		this.simulator.faults("{\"method\":\"*\",\"path\":\"*\",\"kind\":\"error\",\"status\":503,\"count\":12}");
		UUID create = send("service.create", createData(this.service, this.customer));
		UUID suspend = send("service.suspend", serviceData(this.service));
		UUID unsuspend = send("service.unsuspend", serviceData(this.service));
		long serverId = succeeded(create).get("result").get("serverId").asLong();
		succeeded(suspend);
		succeeded(unsuspend);
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isFalse();
		assertThat(this.simulator.serversOf(this.customer)).isEqualTo(1);
	}

	@Test
	void adoptsAVirtFusionUserThatABillingModuleCreatedEarlier() {
		assertThat(this.simulator
			.api("POST", "/users",
					"{\"name\":\"Old Module\",\"email\":\"old-" + this.customer + "@example.com\",\"extRelationId\":"
							+ this.customer + "}")
			.statusCode()).isEqualTo(201);
		int usersBefore = this.simulator.stats().path("users").path("total").asInt();
		JsonNode created = succeeded(send("service.create", createData(this.service, this.customer)));
		assertThat(this.simulator.stats().path("users").path("total").asInt()).isEqualTo(usersBefore);
		assertThat(this.simulator.server(created.get("result").get("serverId").asLong())
			.get("owner")
			.get("email")
			.asString()).isEqualTo("old-" + this.customer + "@example.com");
	}

	@Test
	void stopsForAPersonWhenTheEmailBelongsToAnotherVirtFusionUser() {
		String email = "taken-" + this.customer + "@example.com";
		assertThat(this.simulator.api("POST", "/users", "{\"name\":\"Panel Made\",\"email\":\"" + email + "\"}")
			.statusCode()).isEqualTo(201);
		String data = "{\"customer\":{\"id\":\"" + this.customer + "\",\"email\":\"" + email + "\",\"name\":\"C\"},"
				+ "\"service\":{\"id\":\"" + this.service
				+ "\",\"packageId\":1,\"hypervisorGroupId\":1,\"osTemplateId\":1}}";
		JsonNode operation = awaitStatus(send("service.create", data), "needs_attention");
		assertThat(operation.get("lastError").asString()).contains(email, "external relation id");
		assertThat(this.simulator.serversOf(this.customer)).isZero();
		JsonNode customer = this.api.get("/v1/customers/" + this.customer, TestApi.BILLING_KEY).json().get(0);
		assertThat(customer.get("state").asString()).isEqualTo("needs_attention");
	}

	@Test
	void keepsTheMappingAndAsksForAPersonWhenTheServerWasDeletedOutOfBand() {
		long serverId = succeeded(send("service.create", createData(this.service, this.customer))).get("result")
			.get("serverId")
			.asLong();
		assertThat(this.simulator.api("DELETE", "/servers/" + serverId + "?delay=0", null).statusCode()).isEqualTo(204);
		JsonNode suspend = awaitStatus(send("service.suspend", serviceData(this.service)), "needs_attention");
		assertThat(suspend.get("lastError").asString()).contains("no longer exists in VirtFusion");
		JsonNode mapping = this.api.get("/v1/services/" + this.service, TestApi.BILLING_KEY).json();
		assertThat(mapping.get("state").asString()).isEqualTo("needs_attention");
		assertThat(mapping.get("serverId").asLong()).as("the mapping is kept").isEqualTo(serverId);
	}

	@Test
	void changesPackageResizesRenamesAndPowersTheServer() {
		long serverId = succeeded(send("service.create", createData(this.service, this.customer))).get("result")
			.get("serverId")
			.asLong();
		JsonNode changed = succeeded(send("service.change_package",
				"{\"service\":{\"id\":\"" + this.service + "\",\"packageId\":2,\"resources\":{\"traffic\":2000}}}"));
		assertThat(changed.get("result").get("packageId").asLong()).isEqualTo(2);
		JsonNode server = this.simulator.server(serverId);
		assertThat(server.get("settings").get("resources").get("memory").asInt()).isEqualTo(4096);
		assertThat(server.get("settings").get("resources").get("traffic").asInt()).isEqualTo(2000);

		succeeded(send("service.resize", "{\"service\":{\"id\":\"" + this.service
				+ "\",\"resources\":{\"memory\":6144,\"cpuCores\":3},\"cpuThrottle\":20}}"));
		server = this.simulator.server(serverId);
		assertThat(server.get("settings").get("resources").get("memory").asInt()).isEqualTo(6144);
		assertThat(server.get("cpu").get("cores").asInt()).isEqualTo(3);
		assertThat(server.get("cpu").get("throttle").asInt()).isEqualTo(20);

		succeeded(send("service.rename", "{\"service\":{\"id\":\"" + this.service + "\",\"name\":\"web-01\"}}"));
		assertThat(this.simulator.server(serverId).get("name").asString()).isEqualTo("web-01");

		JsonNode power = succeeded(
				send("service.power", "{\"service\":{\"id\":\"" + this.service + "\"},\"action\":\"restart\"}"));
		assertThat(power.get("result").get("queueId").asLong()).isPositive();
	}

	@Test
	void resetsTheRootPasswordAndRebuilds() {
		long serverId = succeeded(send("service.create", createData(this.service, this.customer))).get("result")
			.get("serverId")
			.asLong();
		JsonNode reset = succeeded(send("service.reset_password", serviceData(this.service)));
		assertThat(reset.get("result").get("rootPassword").asString()).isNotBlank();
		JsonNode rebuilt = succeeded(
				send("service.rebuild", "{\"service\":{\"id\":\"" + this.service + "\",\"osTemplateId\":3}}"));
		assertThat(rebuilt.get("result").get("rootPassword").asString()).isNotBlank();
		JsonNode server = this.simulator.server(serverId);
		assertThat(server.get("commissionStatus").asInt()).isEqualTo(3);
		assertThat(server.get("settings").get("osTemplateInstallId").asLong()).isEqualTo(3);
	}

	@Test
	void movesTheServerToAnotherCustomer() {
		long serverId = succeeded(send("service.create", createData(this.service, this.customer))).get("result")
			.get("serverId")
			.asLong();
		long other = this.customer + 1;
		succeeded(
				send("service.change_owner", "{\"service\":{\"id\":\"" + this.service + "\"},\"newCustomer\":{\"id\":\""
						+ other + "\",\"email\":\"new-" + other + "@example.com\",\"name\":\"New Owner\"}}"));
		assertThat(this.simulator.server(serverId).get("owner").get("extRelationId").asLong()).isEqualTo(other);
		assertThat(this.simulator.serversOf(this.customer)).isZero();
		assertThat(this.simulator.serversOf(other)).isEqualTo(1);
	}

	@Test
	void upsertsResetsAndDeletesACustomer() {
		String customer = Long.toString(this.customer);
		String data = "{\"customer\":{\"id\":\"" + customer + "\",\"email\":\"c" + customer
				+ "@example.com\",\"name\":\"First\"}}";
		JsonNode upserted = succeeded(send("customer.upsert", data));
		long userId = upserted.get("result").get("virtfusionUserId").asLong();
		succeeded(send("customer.upsert", "{\"customer\":{\"id\":\"" + customer + "\",\"email\":\"c" + customer
				+ "@example.com\",\"name\":\"Renamed\"}}"));
		assertThat(userByExt(this.customer).get("name").asString()).isEqualTo("Renamed");
		assertThat(userByExt(this.customer).get("id").asLong()).isEqualTo(userId);

		JsonNode reset = succeeded(send("customer.reset_password", "{\"customer\":{\"id\":\"" + customer + "\"}}"));
		assertThat(reset.get("result").get("panelPassword").asString()).isNotBlank();

		succeeded(send("customer.delete", "{\"customer\":{\"id\":\"" + customer + "\"}}"));
		assertThat(userByExt(this.customer)).isNull();
	}

	private JsonNode userByExt(long ext) {
		var response = this.simulator.api("GET", "/users/" + ext + "/byExtRelation", null);
		return (response.statusCode() == 200)
				? tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()).get("data") : null;
	}

	private String mappingState() {
		return this.api.get("/v1/services/" + this.service, TestApi.BILLING_KEY).json().get("state").asString();
	}

	private UUID send(String type, String data) {
		Answer answer = this.api.webhook(TestApi.envelope(type, data));
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.operationId();
	}

	private JsonNode operation(UUID id) {
		return this.api.get("/v1/operations/" + id, TestApi.BILLING_KEY).json();
	}

	private JsonNode operation(JsonNode view) {
		return operation(UUID.fromString(view.get("operationId").asString()));
	}

	private JsonNode succeeded(UUID id) {
		return awaitStatus(id, "succeeded");
	}

	/**
	 * Waits for a status without reading the operation through the delivering endpoint
	 * too early.
	 */
	private JsonNode awaitStatus(UUID id, String status) {
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
			String now = statusOf(id);
			if (!now.equals(status) && !now.equals("queued") && !now.equals("running")) {
				throw new AssertionError("operation " + id + " ended " + now + ": " + peek(id));
			}
			return now.equals(status);
		});
		return operation(id);
	}

	private String statusOf(UUID id) {
		return this.jdbc.queryForObject("select status from job where id = ?", String.class, id);
	}

	private String peek(UUID id) {
		return this.jdbc.queryForObject("select coalesce(last_error, '') from job where id = ?", String.class, id);
	}

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	public static String createData(String service, long customer) {
		return "{\"customer\":{\"id\":\"" + customer + "\",\"email\":\"c" + customer
				+ "@example.com\",\"name\":\"Customer " + customer + "\"},\"service\":{\"id\":\"" + service
				+ "\",\"packageId\":1,\"hypervisorGroupId\":1," + "\"osTemplateId\":1,\"hostname\":\"" + service
				+ ".example.com\",\"ipv4\":1}}";
	}

	public static String serviceData(String service) {
		return "{\"service\":{\"id\":\"" + service + "\"}}";
	}

}
