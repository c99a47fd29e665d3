package io.vfbridge.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.OperationWaiter;
import io.vfbridge.testsupport.SimulatorAdmin;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The usage sync end to end: the simulator's servers in, the stored usage, the REST reads
 * and the signed push to billing out; a failing service is recorded and counted, never
 * skipped silently.
 */
@IntegrationTest(properties = { "vfbridge.usage.enabled=true", "vfbridge.usage.check-interval=1h" })
class UsageSyncIntegrationTests {

	/** Billing's usage endpoint, on a loopback port of this worktree's range. */
	static final WireMockServer billing = new WireMockServer(WireMockConfiguration.options()
		.bindAddress("127.0.0.1")
		.port(22100 + ThreadLocalRandom.current().nextInt(800)));

	static {
		billing.start();
	}

	@DynamicPropertySource
	static void callbackUrl(DynamicPropertyRegistry registry) {
		registry.add("vfbridge.usage.callback-url", () -> billing.baseUrl() + "/billing/usage");
	}

	@AfterAll
	static void stopBilling() {
		billing.stop();
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	UsageSync sync;

	TestApi api;

	SimulatorAdmin simulator;

	OperationWaiter operations;

	String service;

	long serverId;

	@BeforeEach
	void createService() {
		billing.stubFor(post("/billing/usage").willReturn(aResponse().withStatus(204)));
		this.api = new TestApi(this.port, this.clock);
		this.simulator = new SimulatorAdmin(this.port);
		this.operations = new OperationWaiter(this.jdbc, this.api);
		long customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		this.service = "svc-" + UUID.randomUUID();
		this.serverId = this.operations
			.succeeded(send("service.create", LifecycleIntegrationTests.createData(this.service, customer)))
			.get("result")
			.get("serverId")
			.asLong();
		this.operations.succeeded(
				send("service.traffic_allowance", "{\"service\":{\"id\":\"" + this.service + "\"},\"traffic\":750}"));
	}

	@AfterEach
	void clearFaults() {
		this.simulator.clearFaults();
	}

	@Test
	void pullsTrafficAndDiskOfEveryActiveServiceAndExposesIt() {
		Instant before = this.clock.instant();
		this.simulator.countTraffic(this.serverId, 1_500_000, 250_000);
		JsonNode run = this.operations.succeeded(startSync());
		assertThat(run.get("result").get("failed").asInt()).isZero();

		JsonNode usage = this.api.get("/v1/services/" + this.service + "/usage", TestApi.BILLING_KEY).json();
		assertThat(usage.get("serverId").asLong()).isEqualTo(this.serverId);
		assertThat(usage.get("sync").get("lastSyncedAt").isNull()).isFalse();
		assertThat(usage.get("sync").get("lastError").isNull()).isTrue();
		JsonNode current = usage.get("periods").get(0);
		assertThat(current.get("rxBytes").asLong()).isEqualTo(1_500_000);
		assertThat(current.get("txBytes").asLong()).isEqualTo(250_000);
		assertThat(current.get("totalBytes").asLong()).isEqualTo(1_750_000);
		assertThat(current.get("limitGb").asLong()).as("the allowance the simulator reports").isEqualTo(750);
		String periodStart = JSON
			.readTree(this.simulator.api("GET", "/servers/" + this.serverId + "/traffic", null).body())
			.get("data")
			.get("monthly")
			.get(0)
			.get("start")
			.asString();
		assertThat(current.get("start").asString()).isEqualTo(periodStart.replace(' ', 'T'));

		this.simulator.countTraffic(this.serverId, 1_000, 0);
		this.operations.succeeded(startSync());
		JsonNode again = this.api.get("/v1/services/" + this.service + "/usage", TestApi.BILLING_KEY).json();
		assertThat(again.get("periods")).as("one row per period, updated").hasSize(usage.get("periods").size());
		assertThat(again.get("periods").get(0).get("totalBytes").asLong()).isEqualTo(1_751_000);
		long storageGb = this.simulator.server(this.serverId).get("settings").get("resources").get("storage").asLong();
		assertThat(current.get("diskCapacityBytes").asLong()).isEqualTo(storageGb * 1_073_741_824L);
		assertThat(current.get("diskUsedBytes").asLong()).isPositive();

		JsonNode since = this.api.get("/v1/usage?since=" + before, TestApi.BILLING_KEY).json();
		assertThat(serviceIds(since)).contains(this.service);
		JsonNode later = this.api.get("/v1/usage?since=" + this.clock.instant().plusSeconds(3600), TestApi.BILLING_KEY)
			.json();
		assertThat(serviceIds(later)).doesNotContain(this.service);
	}

	@Test
	void recordsAndCountsAFailingServiceAndKeepsItsLastFigures() {
		this.operations.succeeded(startSync());
		double failuresBefore = failures();
		this.simulator.faults("{\"method\":\"GET\",\"path\":\"/servers/" + this.serverId
				+ "/traffic\",\"kind\":\"error\",\"status\":500}");
		JsonNode run = this.operations.succeeded(startSync());
		assertThat(run.get("result").get("failedServices").toString()).contains(this.service);
		assertThat(failures()).isEqualTo(failuresBefore + 1);

		JsonNode usage = this.api.get("/v1/services/" + this.service + "/usage", TestApi.BILLING_KEY).json();
		assertThat(usage.get("sync").get("lastError").asString()).contains("getServerTraffic", "500");
		assertThat(usage.get("sync").get("lastErrorAt").isNull()).isFalse();
		assertThat(usage.get("sync").get("failures").asInt()).isEqualTo(1);
		assertThat(usage.get("periods").get(0).get("limitGb").asLong()).as("last figures kept").isEqualTo(750);

		this.simulator.clearFaults();
		this.operations.succeeded(startSync());
		usage = this.api.get("/v1/services/" + this.service + "/usage", TestApi.BILLING_KEY).json();
		assertThat(usage.get("sync").get("failures").asInt()).isZero();
	}

	@Test
	void pushesEachRunsUsageToBillingSigned() {
		UUID run = startSync();
		this.operations.succeeded(run);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deliveries(run)).isNotEmpty());
		LoggedRequest delivery = deliveries(run).get(0);
		String id = delivery.getHeader("webhook-id");
		String timestamp = delivery.getHeader("webhook-timestamp");
		assertThat(id).isEqualTo("usage_" + run);
		assertThat(delivery.getHeader("webhook-signature"))
			.isEqualTo(TestApi.sign(TestApi.WEBHOOK_SECRET, id, timestamp, delivery.getBodyAsString()));
		assertThat(delivery.getBodyAsString()).contains(this.service, "\"limitGb\":750");
	}

	@Test
	void enqueuesOneScheduledRunPerSlotHoweverOftenItIsAsked() {
		this.sync.enqueueDueRun();
		this.sync.enqueueDueRun();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from job where type = 'usage.sync' and payload->>'trigger' = 'schedule' and created_at >= ?",
				Long.class, java.sql.Timestamp.from(this.clock.instant().minus(Duration.ofHours(1)))))
			.isEqualTo(1);
	}

	@Test
	void pagesThroughTheSyncedServicesInServiceIdOrderWithoutSkippingOrRepeating() {
		java.sql.Timestamp synced = java.sql.Timestamp.from(this.clock.instant().plus(Duration.ofDays(3650)));
		String prefix = "page-" + UUID.randomUUID() + "-";
		UUID customer = this.jdbc.queryForObject("select customer_id from service where billing_id = ?", UUID.class,
				this.service);
		List<String> expected = new java.util.ArrayList<>();
		for (int i = 5; i >= 1; i--) {
			UUID id = UUID.randomUUID();
			this.jdbc.update("""
					insert into service (id, billing_id, customer_id, panel, state, created_at, updated_at)
					values (?, ?, ?, 'default', 'active', ?, ?)""", id, prefix + i, customer, synced, synced);
			this.jdbc.update(
					"insert into service_usage_sync (service_id, last_attempt_at, last_synced_at) values (?, ?, ?)", id,
					synced, synced);
			expected.add(0, prefix + i);
		}
		List<String> seen = new java.util.ArrayList<>();
		String path = "/v1/usage?limit=2&since=" + synced.toInstant();
		JsonNode page = this.api.get(path, TestApi.BILLING_KEY).json();
		seen.addAll(serviceIds(page));
		assertThat(page.get("services")).hasSize(2);
		// a service of the first page syncs again while the caller pages: it keeps its
		// place
		this.jdbc.update(
				"update service_usage_sync set last_synced_at = ? where service_id = "
						+ "(select id from service where billing_id = ?)",
				java.sql.Timestamp.from(synced.toInstant().plusSeconds(60)), prefix + 1);
		while (!page.get("nextCursor").isNull()) {
			page = this.api.get(path + "&cursor=" + page.get("nextCursor").asString(), TestApi.BILLING_KEY).json();
			assertThat(page.get("since").asString()).isEqualTo(synced.toInstant().toString());
			seen.addAll(serviceIds(page));
		}
		assertThat(seen).containsExactlyElementsOf(expected);
		JsonNode all = this.api.get("/v1/usage?since=" + synced.toInstant(), TestApi.BILLING_KEY).json();
		assertThat(serviceIds(all)).containsExactlyElementsOf(expected);
		assertThat(all.get("nextCursor").isNull()).isTrue();
	}

	@Test
	void refusesABadPageSizeOrCursor() {
		for (String query : List.of("limit=0", "limit=1001", "limit=ten", "cursor=not-a-cursor",
				"cursor=" + java.util.Base64.getUrlEncoder().encodeToString("other:1".getBytes()))) {
			Answer bad = this.api.get("/v1/usage?" + query, TestApi.BILLING_KEY);
			assertThat(bad.status()).as(query).isEqualTo(400);
			assertThat(bad.contentType()).startsWith("application/problem+json");
			assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo(query.split("=")[0]);
		}
		assertThat(this.api.get("/v1/usage?limit=1000", TestApi.BILLING_KEY).status()).isEqualTo(200);
	}

	@Test
	void refusesABadSinceAndUnknownServicesAndNonOperatorRuns() {
		Answer bad = this.api.get("/v1/usage?since=yesterday", TestApi.BILLING_KEY);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("since");
		Answer unknown = this.api.get("/v1/services/never-seen/usage", TestApi.BILLING_KEY);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("type").asString()).isEqualTo("urn:vfbridge:problem:service-not-found");
		assertThat(this.api.call("POST", "/v1/usage/sync", TestApi.BILLING_KEY, null, null).status()).isEqualTo(403);
	}

	private List<LoggedRequest> deliveries(UUID run) {
		return billing.findAll(postRequestedFor(urlPathEqualTo("/billing/usage")))
			.stream()
			.filter((request) -> ("usage_" + run).equals(request.getHeader("webhook-id")))
			.toList();
	}

	private double failures() {
		var counter = this.meters.find(UsageSync.METRIC).tag("outcome", "failure").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static List<String> serviceIds(JsonNode page) {
		List<String> ids = new java.util.ArrayList<>();
		page.get("services").forEach((service) -> ids.add(service.get("serviceId").asString()));
		return ids;
	}

	private UUID startSync() {
		Answer answer = this.api.call("POST", "/v1/usage/sync", TestApi.OPERATOR_KEY, null, null);
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.operationId();
	}

	private UUID send(String type, String data) {
		Answer answer = this.api.webhook(TestApi.envelope(type, data));
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.operationId();
	}

}
