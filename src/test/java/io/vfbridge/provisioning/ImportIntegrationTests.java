package io.vfbridge.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.OperationWaiter;
import io.vfbridge.testsupport.SimulatorAdmin;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Taking over servers that another billing module made: servers are created and built
 * directly through the simulator's API (a user whose extRelationId is the billing client
 * id, as the WHMCS and Blesta modules do), imported through vfbridge, and then managed
 * through it. The simulator's call counters and vfbridge's audit of VirtFusion calls
 * prove that an import only reads.
 */
@IntegrationTest
class ImportIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

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

	@Test
	void importsALegacyServerWithoutTouchingItAndThenManagesIt() {
		long user = legacyUser(this.customer);
		long serverId = legacyServer(user, true);
		JsonNode before = this.simulator.server(serverId);
		int creates = writes();

		JsonNode imported = succeeded(importServer(this.service, this.customer, serverId, ""));
		JsonNode result = imported.get("result");
		assertThat(result.get("outcome").asString()).isEqualTo("linked");
		assertThat(result.get("state").asString()).isEqualTo("active");
		assertThat(result.get("serverId").asLong()).isEqualTo(serverId);
		assertThat(result.get("ipv4").get(0).asString())
			.isEqualTo(before.get("network").get("interfaces").get(0).get("ipv4").get(0).get("address").asString());
		assertThat(result.has("rootPassword")).as("no password is invented").isFalse();
		assertThat(writes()).as("no create, build, suspend or delete in VirtFusion").isEqualTo(creates);
		assertOnlyReads(imported.get("operationId").asString());
		assertThat(this.simulator.server(serverId).get("updated").asString()).as("the server is untouched")
			.isEqualTo(before.get("updated").asString());
		JsonNode customer = this.api.get("/v1/customers/" + this.customer, TestApi.BILLING_KEY).json();
		assertThat(customer.toString()).contains(Long.toString(user));

		String updatedAt = this.jdbc.queryForObject("select updated_at::text from service where billing_id = ?",
				String.class, this.service);
		JsonNode again = succeeded(importServer(this.service, this.customer, serverId, ""));
		assertThat(again.get("result").get("outcome").asString()).isEqualTo("already_linked");
		assertThat(this.jdbc.queryForObject("select updated_at::text from service where billing_id = ?", String.class,
				this.service))
			.as("a repeated import changes nothing")
			.isEqualTo(updatedAt);

		succeeded(send("suspend", "{}"));
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isTrue();
		succeeded(send("unsuspend", "{}"));
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isFalse();
		succeeded(send("resize", "{\"service\":{\"resources\":{\"memory\":2048,\"cpuCores\":2}}}"));
		assertThat(this.simulator.server(serverId).get("settings").get("resources").get("memory").asInt())
			.isEqualTo(2048);
		succeeded(send("terminate", "{\"delayMinutes\":0}"));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.simulator.server(serverId) == null);
		assertThat(this.simulator.serversOf(this.customer)).isZero();
	}

	@Test
	void takesTheStateFromVirtFusionNeverFromTheRequest() {
		long serverId = legacyServer(legacyUser(this.customer), true);
		assertThat(this.simulator.api("POST", "/servers/" + serverId + "/suspend", null).statusCode()).isEqualTo(204);
		JsonNode imported = succeeded(importServer(this.service, this.customer, serverId, ""));
		assertThat(imported.get("result").get("state").asString()).isEqualTo("suspended");
		succeeded(send("unsuspend", "{}"));
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isFalse();
	}

	@Test
	void failsWhenTheOwnerIsAnotherBillingCustomer() {
		long serverId = legacyServer(legacyUser(this.customer), true);
		long other = this.customer + 1;
		JsonNode failed = ended(importServer(this.service, other, serverId, ""), "failed");
		assertThat(failed.get("lastError").asString()).contains("conflict").contains("extRelationId " + this.customer);
		assertNothingStored(this.service);
	}

	@Test
	void failsWhenTheServerIsLinkedToAnotherService() {
		long serverId = legacyServer(legacyUser(this.customer), true);
		succeeded(importServer(this.service, this.customer, serverId, ""));
		String other = "svc-" + UUID.randomUUID();
		JsonNode failed = ended(importServer(other, this.customer, serverId, ""), "failed");
		assertThat(failed.get("lastError").asString()).contains("conflict")
			.contains("already linked to service " + this.service);
		assertNothingStored(other);
	}

	@Test
	void failsWhenTheServiceIsLinkedToAnotherServer() {
		long user = legacyUser(this.customer);
		long first = legacyServer(user, true);
		long second = legacyServer(user, true);
		succeeded(importServer(this.service, this.customer, first, ""));
		JsonNode failed = ended(importServer(this.service, this.customer, second, ""), "failed");
		assertThat(failed.get("lastError").asString()).contains("conflict").contains("server " + first);
		assertThat(this.jdbc.queryForObject("select server_id from service where billing_id = ?", Long.class,
				this.service))
			.isEqualTo(first);
	}

	@Test
	void failsClearlyForAServerVirtFusionDoesNotHave() {
		JsonNode failed = ended(importServer(this.service, this.customer, 987_654_321L, ""), "failed");
		assertThat(failed.get("lastError").asString()).contains("no server 987654321").contains("404");
		assertNothingStored(this.service);
	}

	@Test
	void linksAnUnbuiltServerForAPerson() {
		long serverId = legacyServer(legacyUser(this.customer), false);
		int writes = writes();
		JsonNode attention = ended(importServer(this.service, this.customer, serverId, ""), "needs_attention");
		assertThat(attention.get("lastError").asString()).contains("not built");
		assertThat(this.api.get("/v1/services/" + this.service, TestApi.BILLING_KEY).json().get("state").asString())
			.isEqualTo("needs_attention");
		assertThat(writes()).as("never built by an import").isEqualTo(writes);
	}

	@Test
	void adoptsAnOwnerWithoutExtRelationIdOnlyWhenAsked() {
		long user = userWithoutExtRelationId();
		long serverId = legacyServer(user, true);
		JsonNode attention = ended(importServer(this.service, this.customer, serverId, ""), "needs_attention");
		assertThat(attention.get("lastError").asString()).contains("no extRelationId").contains("adoptUser");
		assertNothingStored(this.service);

		JsonNode adopted = succeeded(importServer(this.service, this.customer, serverId, ",\"adoptUser\":true"));
		assertThat(adopted.get("result").get("outcome").asString()).isEqualTo("linked");
		assertThat(adopted.get("result").get("note").asString()).contains("extRelationId");
		assertThat(this.jdbc.queryForObject("select virtfusion_user_id from customer where billing_id = ?", Long.class,
				Long.toString(this.customer)))
			.isEqualTo(user);
	}

	@Test
	void acceptsEventsForAServiceWhileItsImportIsQueued() {
		long serverId = legacyServer(legacyUser(this.customer), true);
		UUID imported = importServer(this.service, this.customer, serverId, "");
		UUID suspended = send("suspend", "{}");
		succeeded(imported);
		succeeded(suspended);
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isTrue();
	}

	@Test
	void findsTheServersNoServiceMapsAsJsonAndCsv() {
		long user = legacyUser(this.customer);
		long linked = legacyServer(user, true);
		long unlinked = legacyServer(user, true);
		succeeded(importServer(this.service, this.customer, linked, ""));
		JsonNode page = this.api.get("/v1/panel/unlinked-servers?limit=200", TestApi.OPERATOR_KEY).json();
		List<Long> ids = page.get("items").valueStream().map((item) -> item.get("serverId").asLong()).toList();
		int pages = 1;
		while (!ids.contains(unlinked) && page.get("nextPage").isNumber() && pages++ < 50) {
			page = this.api
				.get("/v1/panel/unlinked-servers?limit=200&page=" + page.get("nextPage").asInt(), TestApi.OPERATOR_KEY)
				.json();
			ids = page.get("items").valueStream().map((item) -> item.get("serverId").asLong()).toList();
		}
		assertThat(ids).contains(unlinked).doesNotContain(linked);
		JsonNode item = page.get("items")
			.valueStream()
			.filter((i) -> i.get("serverId").asLong() == unlinked)
			.findFirst()
			.orElseThrow();
		assertThat(item.get("ownerExtRelationId").asLong()).isEqualTo(this.customer);
		assertThat(item.get("ownerId").asLong()).isEqualTo(user);
		assertThat(item.get("state").asString()).isEqualTo("active");
		assertThat(item.get("ipv4")).isNotEmpty();

		Answer csv = this.api.get("/v1/panel/unlinked-servers?format=csv", TestApi.OPERATOR_KEY);
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		assertThat(csv.body()).startsWith("serviceId,customerId,serverId,panel,")
			.contains("\n," + this.customer + "," + unlinked + ",default,")
			.doesNotContain("," + linked + ",default,");
		JsonNode count = this.api.get("/v1/panel/unlinked-servers/count", TestApi.OPERATOR_KEY).json();
		assertThat(count.get("unlinked").asInt()).isPositive().isLessThan(count.get("servers").asInt());
		assertThat(this.api.get("/v1/panel/unlinked-servers", TestApi.BILLING_KEY).status()).isEqualTo(403);
		assertThat(this.api.get("/v1/panel/unlinked-servers?limit=0", TestApi.OPERATOR_KEY).status()).isEqualTo(400);
	}

	@Test
	void suggestsImportingAnOrphanTheOldModuleMadeAndNeverSuspendsItWhileAnImportIsQueued() {
		long user = legacyUser(this.customer);
		long imported = legacyServer(user, true);
		long legacy = legacyServer(user, true);
		succeeded(importServer(this.service, this.customer, imported, ""));
		// the old module made its servers long before vfbridge met the customer; here it
		// was the same second, and VirtFusion's "created" has whole seconds
		this.jdbc.update("update customer set created_at = created_at + interval '2 seconds' where billing_id = ?",
				Long.toString(this.customer));

		Answer triggered = this.api.call("POST", "/v1/ops/reconciliation", TestApi.OPERATOR_KEY, null, null);
		succeeded(triggered.operationId());
		JsonNode finding = this.api.get("/v1/ops/drift", TestApi.OPERATOR_KEY)
			.json()
			.get("findings")
			.valueStream()
			.filter((f) -> f.get("kind").asString().equals("orphan_server") && f.get("serverId").asLong() == legacy)
			.findFirst()
			.orElseThrow();
		assertThat(finding.get("action").asString()).isEqualTo("import");
		assertThat(finding.get("actionDescription").asString()).contains("/v1/services/{serviceId}/import")
			.contains("\"id\":" + legacy);
		Answer applied = this.api.call("POST", "/v1/ops/drift/" + finding.get("id").asString() + "/apply",
				TestApi.OPERATOR_KEY, null, null);
		assertThat(applied.status()).as("the operator names the service").isEqualTo(409);

		// an orphan suspension that runs while an import of the server is queued (held
		// behind a running job of its service) leaves the server alone
		String other = "svc-" + UUID.randomUUID();
		UUID blocker = UUID.randomUUID();
		this.jdbc.update("""
				insert into job (id, ordering_key, type, payload, status, next_run_at, lease_owner, lease_expires_at,
				                 service_id, created_at, updated_at)
				values (?, ?, 'service.suspend', '{}'::jsonb, 'running', now(), 'elsewhere', now() + interval '1 hour',
				        ?, now(), now())""", blocker, "service:" + other, other);
		UUID importing = importServer(other, this.customer, legacy, "");
		JsonNode left = succeeded(enqueueOrphanSuspension(legacy));
		assertThat(left.get("result").get("note").asString()).contains("import");
		assertThat(this.simulator.server(legacy).get("suspended").asBoolean()).isFalse();
		assertThat(this.jdbc.queryForObject("select status from job where id = ?", String.class, importing))
			.isEqualTo("queued");
		this.jdbc.update("update job set status = 'failed', finished_at = now(), lease_owner = null where id = ?",
				blocker);
		succeeded(importing);
		assertThat(this.simulator.server(legacy).get("suspended").asBoolean()).isFalse();
	}

	@Test
	void reportsBadRowsOfABulkImportAndRefusesOnlyWhatIsNoImportAtAll() throws Exception {
		long serverId = legacyServer(legacyUser(this.customer), true);
		String csv = this.service + "," + this.customer + "," + serverId + "\nx1,1,abc\n," + this.customer + ",5\n"
				+ this.service + "," + this.customer + ",7\n";
		String key = "bulk-" + UUID.randomUUID();
		java.net.http.HttpResponse<String> accepted = upload("text/csv", key, TestApi.OPERATOR_KEY, csv);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		UUID parent = UUID.fromString(JSON.readTree(accepted.body()).get("operationId").asString());
		assertThat(upload("text/csv", key, TestApi.OPERATOR_KEY, csv).statusCode()).as("a repeat").isEqualTo(200);
		JsonNode result = succeeded(parent).get("result");
		assertThat(result.get("rows").asInt()).isEqualTo(4);
		assertThat(result.get("linked").get("rows").toString()).isEqualTo("[1]");
		assertThat(result.get("failed").get("rows").valueStream().map((row) -> row.get("row").asInt()).toList())
			.containsExactlyInAnyOrder(2, 3, 4);
		assertThat(result.get("failed").toString()).contains("serverId must be a positive integer")
			.contains("serviceId is missing")
			.contains("duplicate serviceId");
		assertThat(this.jdbc.queryForObject("select count(*) from job where parent_job_id = ?", Integer.class, parent))
			.as("one operation per well-formed row")
			.isEqualTo(1);

		assertThat(upload("text/csv", "k-" + UUID.randomUUID(), TestApi.OPERATOR_KEY, "\u0000\u0001").statusCode())
			.isEqualTo(400);
		assertThat(upload("application/json", "k-" + UUID.randomUUID(), TestApi.OPERATOR_KEY, "{\"a\":1}").statusCode())
			.isEqualTo(400);
		assertThat(upload("application/xml", "k-" + UUID.randomUUID(), TestApi.OPERATOR_KEY, "<a/>").statusCode())
			.isEqualTo(415);
		assertThat(upload("text/csv", null, TestApi.OPERATOR_KEY, csv).statusCode()).isEqualTo(400);
		assertThat(upload("text/csv", "k-" + UUID.randomUUID(), TestApi.BILLING_KEY, csv).statusCode()).isEqualTo(403);
		StringBuilder big = new StringBuilder();
		for (int i = 0; i <= 10_000; i++) {
			big.append("s").append(i).append(",1,").append(i + 1).append('\n');
		}
		java.net.http.HttpResponse<String> tooMany = upload("text/csv", "k-" + UUID.randomUUID(), TestApi.OPERATOR_KEY,
				big.toString());
		assertThat(tooMany.statusCode()).isEqualTo(413);
		assertThat(tooMany.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	private java.net.http.HttpResponse<String> upload(String type, String key, String apiKey, String body)
			throws Exception {
		java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/v1/imports"))
			.header("Authorization", "Bearer " + apiKey)
			.header("Content-Type", type)
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return java.net.http.HttpClient.newHttpClient()
			.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
	}

	private UUID enqueueOrphanSuspension(long serverId) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				insert into job (id, ordering_key, type, payload, status, next_run_at, created_at, updated_at)
				values (?, ?, 'reconciliation.suspend_orphan', ?::jsonb, 'queued', now(), now(), now())""", id,
				"server:default:" + serverId, "{\"panel\":\"default\",\"serverId\":" + serverId + "}");
		return id;
	}

	private void assertNothingStored(String serviceId) {
		assertThat(
				this.jdbc.queryForObject("select count(*) from service where billing_id = ?", Integer.class, serviceId))
			.isZero();
	}

	/** The audit of the operation's VirtFusion calls holds reads only. */
	private void assertOnlyReads(String operationId) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject(
					"select count(*) from virtfusion_call_audit where operation_id = ?::uuid", Integer.class,
					operationId) > 0);
		assertThat(
				this.jdbc.queryForList("select distinct method from virtfusion_call_audit where operation_id = ?::uuid",
						String.class, operationId))
			.containsExactly("GET");
	}

	/** Calls that change servers or users in the simulator, all kinds summed. */
	private int writes() {
		JsonNode calls = this.simulator.stats().path("calls");
		int sum = 0;
		for (String operation : calls.propertyNames()) {
			if (operation.startsWith("POST /servers") || operation.startsWith("DELETE ") || operation.startsWith("PUT ")
					|| operation.equals("POST /users")) {
				for (JsonNode count : calls.get(operation)) {
					sum += count.asInt();
				}
			}
		}
		return sum;
	}

	private long legacyUser(long extRelationId) {
		var created = this.simulator.api("POST", "/users", "{\"name\":\"Legacy " + extRelationId
				+ "\",\"email\":\"legacy" + extRelationId + "@example.com\",\"extRelationId\":" + extRelationId + "}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("data").get("id").asLong();
	}

	private long userWithoutExtRelationId() {
		long n = ThreadLocalRandom.current().nextLong(1_000_000_000L);
		var created = this.simulator.api("POST", "/users",
				"{\"name\":\"Panel user " + n + "\",\"email\":\"panel" + n + "@example.com\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("data").get("id").asLong();
	}

	/** A server as the old modules made it: created, and built unless told otherwise. */
	private long legacyServer(long userId, boolean built) {
		var created = this.simulator.api("POST", "/servers",
				"{\"packageId\":1,\"userId\":" + userId + ",\"hypervisorId\":1,\"ipv4\":1}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long serverId = JSON.readTree(created.body()).get("data").get("id").asLong();
		if (built) {
			var build = this.simulator.api("POST", "/servers/" + serverId + "/build",
					"{\"operatingSystemId\":1,\"name\":\"legacy-" + serverId + "\",\"hostname\":\"legacy-" + serverId
							+ ".example.com\"}");
			assertThat(build.statusCode()).as(build.body()).isBetween(200, 201);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.simulator.server(serverId).get("commissionStatus").asInt() >= 3);
		}
		return serverId;
	}

	private UUID importServer(String serviceId, long customerId, long serverId, String extra) {
		Answer answer = this.api.call("POST", "/v1/services/" + serviceId + "/import", TestApi.BILLING_KEY,
				"import-" + UUID.randomUUID(),
				"{\"customer\":{\"id\":\"" + customerId + "\"},\"server\":{\"id\":" + serverId + "}" + extra + "}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.operationId();
	}

	private UUID send(String command, String body) {
		Answer answer = this.api.call("POST", "/v1/services/" + this.service + "/" + command, TestApi.BILLING_KEY,
				command + "-" + UUID.randomUUID(), body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.operationId();
	}

	private JsonNode succeeded(UUID id) {
		return ended(id, "succeeded");
	}

	private JsonNode ended(UUID id, String status) {
		return new OperationWaiter(this.jdbc, this.api).awaitStatus(id, status);
	}

}
