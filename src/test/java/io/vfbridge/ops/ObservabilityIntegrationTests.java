package io.vfbridge.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vfbridge.provisioning.LifecycleIntegrationTests;
import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.SimulatorAdmin;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import io.vfbridge.virtfusion.VirtFusionCall;
import io.vfbridge.virtfusion.VirtFusionOperation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators see of a whole lifecycle (create with a root password, reset it,
 * suspend, terminate, reset the customer's panel password; callbacks to a local billing
 * stub): JSON logs with correlation fields and no secrets, every metric the dashboard
 * queries, and the audit of VirtFusion calls with passwords masked and a retention.
 */
@IntegrationTest(properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger callbacks = new AtomicInteger();

	private static final Queue<String> callbackBodies = new ConcurrentLinkedQueue<>();

	private static final HttpServer billing = billingStub();

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	VirtFusionCallAudit audit;

	TestApi api;

	@DynamicPropertySource
	static void callbacks(DynamicPropertyRegistry registry) {
		registry.add("vfbridge.billing.callback-url",
				() -> "http://127.0.0.1:" + billing.getAddress().getPort() + "/callbacks");
	}

	@AfterAll
	static void stopBilling() {
		billing.stop(0);
	}

	@BeforeEach
	void setUp() {
		this.api = new TestApi(this.port, this.clock);
	}

	@Test
	void keepsSecretsOutOfTheLogsOfAWholeLifecycleAndTagsJobLines(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel("io.vfbridge", LogLevel.DEBUG);
		Run run;
		try {
			run = lifecycle();
			// a rejected request and an unknown key, so their paths are in the capture
			// too
			this.api.get("/v1/operations/" + UUID.randomUUID(), "wrong-" + TestApi.OPERATOR_KEY);
			this.api.webhook("msg_bad", Long.toString(this.clock.instant().getEpochSecond()),
					"v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
					TestApi.envelope("service.suspend", LifecycleIntegrationTests.serviceData(run.service())),
					"application/json");
		}
		finally {
			logging.setLogLevel("io.vfbridge", null);
		}
		String logs = output.getAll();
		List<String> secrets = new ArrayList<>(run.passwords());
		secrets.add(SimulatorAdmin.TOKEN);
		secrets.add(TestApi.WEBHOOK_SECRET);
		secrets.add(TestApi.WEBHOOK_SECRET.substring("whsec_".length()));
		secrets.add(new String(Base64.getDecoder().decode(TestApi.WEBHOOK_SECRET.substring("whsec_".length()))));
		secrets.add(TestApi.BILLING_KEY);
		secrets.add(TestApi.OPERATOR_KEY);
		assertThat(run.passwords()).hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy((password) -> assertThat(password).hasSizeGreaterThan(6));
		for (String secret : secrets) {
			assertThat(logs).as("the logs must not contain a secret").doesNotContain(secret);
		}
		// a job's lines carry its correlation fields
		List<JsonNode> jobLines = jsonLines(logs).stream()
			.filter((line) -> run.service().equals(line.path("serviceId").asString(null)))
			.toList();
		assertThat(jobLines).as("JSON lines logged by the service's jobs").isNotEmpty();
		assertThat(jobLines).allSatisfy((line) -> {
			assertThat(line.path("operationId").asString("")).isNotBlank();
			assertThat(line.path("jobType").asString("")).isNotBlank();
		});
		// the create names the customer too (later service events carry only the service)
		assertThat(jobLines).anySatisfy(
				(line) -> assertThat(line.path("customerId").asString("")).isEqualTo(Long.toString(run.customer())));
	}

	@Test
	void followsOneWebhooksTraceThroughTheQueueToTheWorkerAndVirtFusion(CapturedOutput output) {
		String traceId = hex(32);
		String billingSpan = hex(16);
		long customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		String service = "svc-trace-" + UUID.randomUUID();
		Answer accepted = this.api.tracedWebhook(
				TestApi.envelope("service.create", LifecycleIntegrationTests.createData(service, customer)),
				"00-" + traceId + "-" + billingSpan + "-01");
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		UUID operation = accepted.operationId();
		JsonNode view = succeeded(operation);
		assertThat(view.path("traceId").asString(null)).as("the operation's trace").isEqualTo(traceId);

		// the worker's line for the run carries the trace id (in MDC: a JSON field)
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(jsonLines(output.getAll()))
				.filteredOn((line) -> operation.toString().equals(line.path("operationId").asString(null)))
				.filteredOn((line) -> line.path("message").asString("").startsWith("Job " + operation))
				.isNotEmpty()
				.allSatisfy((line) -> assertThat(line.path("traceId").asString(null)).isEqualTo(traceId)));

		// the VirtFusion call it made carried the same trace, from a span of its own
		String sent = new SimulatorAdmin(this.port).stats().path("lastTraceparent").path("POST /servers").asString("");
		assertThat(sent).matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain(billingSpan);
	}

	@Test
	void exposesEveryMetricTheDashboardAndTheAlertsQueryAfterALifecycle() throws IOException {
		lifecycle();
		this.api.webhook("msg_bad_" + UUID.randomUUID(), Long.toString(this.clock.instant().getEpochSecond()),
				"v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", TestApi.envelope("service.suspend", "{}"),
				"application/json");
		for (int i = 0; i < 4; i++) {
			this.api.get("/v1/operations/" + UUID.randomUUID(), TestApi.LIMITED_KEY);
		}
		await().atMost(PATIENCE).until(() -> callbacks.get() >= 5);
		String scrape = this.api.get("/actuator/prometheus", TestApi.OPERATOR_KEY).body();
		assertThat(scrape).containsPattern(
				"vfbridge_events_received_total\\{channel=\"webhook\",outcome=\"accepted\",type=\"service.create\"} [1-9]")
			.containsPattern("vfbridge_events_received_total\\{channel=\"webhook\",outcome=\"rejected_401\"")
			.containsPattern("vfbridge_operations\\{status=\"succeeded\"} [1-9]")
			.contains("vfbridge_jobs_oldest_queued_age_seconds ")
			.containsPattern(
					"vfbridge_jobs_duration_seconds_count\\{outcome=\"succeeded\",type=\"service.create\"} [1-9]")
			.containsPattern("vfbridge_jobs_attempts_count\\{status=\"succeeded\",type=\"service.create\"} [1-9]")
			.containsPattern("vfbridge_callbacks_total\\{outcome=\"succeeded\"} [1-9]")
			.containsPattern(
					"vfbridge_virtfusion_calls_seconds_count\\{operation=\"createServer\",outcome=\"success\",panel=\"default\",status=\"\\d+\"} [1-9]")
			.containsPattern("vfbridge_virtfusion_circuit_state\\{panel=\"default\"} 0")
			.containsPattern("vfbridge_api_rate_limited_total\\{key=\"limited\"} [1-9]")
			.contains("resilience4j_ratelimiter_waiting_threads");

		JsonNode dashboard = JSON
			.readTree(Files.readString(Path.of("helm/vfbridge/dashboards/vfbridge-dashboard.json")));
		Set<String> queried = new TreeSet<>();
		Matcher names = Pattern.compile("\\b((?:vfbridge|resilience4j)_[a-z0-9_]+)").matcher("");
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				names.reset(target.get("expr").asString());
				while (names.find()) {
					queried.add(names.group(1));
				}
			}
		}
		assertThat(queried).hasSizeGreaterThan(10);
		for (String metric : queried) {
			assertThat(scrape).as("the scrape has %s, which the dashboard queries", metric)
				.containsPattern("(?m)^" + metric + "[{ ]");
		}

		// the chart's alerts: every series a rule's expression names is in the scrape
		Set<String> alerted = new TreeSet<>();
		names.reset(Files.readString(Path.of("helm/vfbridge/templates/prometheusrule.yaml")));
		while (names.find()) {
			alerted.add(names.group(1));
		}
		assertThat(alerted).contains("vfbridge_operations", "vfbridge_jobs_oldest_queued_age_seconds",
				"vfbridge_virtfusion_circuit_state", "vfbridge_usage_sync_total");
		for (String metric : alerted) {
			assertThat(scrape).as("the scrape has %s, which the chart's PrometheusRule queries", metric)
				.containsPattern("(?m)^" + metric + "[{ ]");
		}
		assertThat(scrape).containsPattern("vfbridge_operations\\{status=\"dead\"} ")
			.containsPattern("vfbridge_operations\\{status=\"needs_attention\"} ")
			.containsPattern("vfbridge_usage_sync_total\\{outcome=\"failure\"} ");
	}

	@Test
	void auditsTheVirtFusionCallsOfAServiceWithPasswordsMasked() {
		Run run = lifecycle();
		this.audit.flush();
		List<JsonNode> calls = new ArrayList<>();
		await().atMost(PATIENCE).untilAsserted(() -> {
			Answer answer = this.api.get("/v1/ops/services/" + run.service() + "/calls?limit=1000",
					TestApi.OPERATOR_KEY);
			assertThat(answer.status()).isEqualTo(200);
			calls.clear();
			answer.json().forEach(calls::add);
			assertThat(calls).extracting((call) -> call.get("operation").asString())
				.contains("createServer", "buildServer", "suspendServer", "deleteServer");
		});
		JsonNode create = calls.stream()
			.filter((call) -> call.get("operation").asString().equals("createServer"))
			.findFirst()
			.orElseThrow();
		assertThat(create.get("method").asString()).isEqualTo("POST");
		assertThat(create.get("path").asString()).isEqualTo("/servers");
		assertThat(create.get("status").asInt()).isBetween(200, 299);
		assertThat(create.get("attempt").asInt()).isEqualTo(1);
		assertThat(create.get("durationMs").asInt()).isNotNegative();
		assertThat(create.get("operationId").asString()).isEqualTo(run.create().toString());
		assertThat(create.get("requestBody").asString()).contains("\"packageId\"");
		String all = calls.toString();
		for (String password : run.passwords()) {
			assertThat(all).as("stored bodies must not hold a password").doesNotContain(password);
		}
		assertThat(calls).as("a password in a stored body is masked")
			.anySatisfy(
					(call) -> assertThat(call.path("responseBody").asString("") + call.path("requestBody").asString(""))
						.containsPattern("\"[A-Za-z]*[pP]assword\"\\s*:\\s*\"\\*{6}\""));
		assertThat(this.api.get("/v1/ops/services/" + run.service() + "/calls", TestApi.BILLING_KEY).status())
			.isEqualTo(403);
	}

	@Test
	void deletesAuditRecordsOlderThanTheRetention() {
		Instant now = this.clock.instant();
		String service = "svc-retention-" + UUID.randomUUID();
		insertCall(service, now.minus(Duration.ofDays(31)));
		insertCall(service, now.minus(Duration.ofDays(29)));
		assertThat(this.audit.purge()).isGreaterThanOrEqualTo(1);
		List<Timestamp> left = this.jdbc
			.queryForList("select called_at from virtfusion_call_audit where service_id = ?", Timestamp.class, service);
		assertThat(left).hasSize(1);
		assertThat(left.get(0).toInstant()).isAfter(now.minus(Duration.ofDays(30)));
	}

	@Test
	void writesOutEveryBufferedCallOnANormalShutdown() {
		OpsProperties properties = new OpsProperties(
				new OpsProperties.Health(Duration.ofSeconds(30), Duration.ofMinutes(15)),
				new OpsProperties.Metrics(Duration.ofSeconds(10)),
				new OpsProperties.Audit(true, Duration.ofDays(30), 4000, 10_000, 50));
		VirtFusionCallAudit writer = new VirtFusionCallAudit(this.jdbc, properties, this.clock,
				new SimpleMeterRegistry());
		String service = "svc-shutdown-" + UUID.randomUUID();
		writer.start();
		MDC.put("serviceId", service);
		try {
			for (int i = 0; i < 2_000; i++) {
				writer.called(new VirtFusionCall("default", VirtFusionOperation.FIND_SERVER, "/servers/" + i, 200,
						"success", Duration.ofMillis(3), 1, this.clock.instant(), null,
						"{\"data\":{\"password\":\"hunter2hunter2\"}}".getBytes(StandardCharsets.UTF_8)));
			}
		}
		finally {
			MDC.remove("serviceId");
		}
		writer.stop();
		assertThat(this.jdbc.queryForObject("select count(*) from virtfusion_call_audit where service_id = ?",
				Integer.class, service))
			.isEqualTo(2_000);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from virtfusion_call_audit where service_id = ? and response_body like '%hunter2%'",
				Integer.class, service))
			.isZero();
	}

	private void insertCall(String service, Instant at) {
		this.jdbc.update("""
				insert into virtfusion_call_audit (called_at, panel, operation, method, path, status, outcome,
				    duration_ms, attempt, service_id)
				values (?, 'default', 'getServer', 'GET', '/servers/1', 200, 'success', 3, 1, ?)""", Timestamp.from(at),
				service);
	}

	/**
	 * A whole lifecycle; returns the service, its customer and the passwords handed out.
	 */
	private Run lifecycle() {
		long customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		String service = "svc-obs-" + UUID.randomUUID();
		List<String> passwords = new ArrayList<>();
		UUID create = send("service.create", LifecycleIntegrationTests.createData(service, customer));
		passwords.add(secret(create, "rootPassword"));
		passwords.add(
				secret(send("service.reset_password", LifecycleIntegrationTests.serviceData(service)), "rootPassword"));
		succeeded(send("service.suspend", LifecycleIntegrationTests.serviceData(service)));
		succeeded(send("service.terminate", LifecycleIntegrationTests.serviceData(service)));
		passwords.add(secret(send("customer.reset_password", "{\"customer\":{\"id\":\"" + customer + "\"}}"),
				"panelPassword"));
		return new Run(service, customer, create, passwords);
	}

	/**
	 * A secret of a succeeded operation, handed out once: to whichever of this read and
	 * the callback to billing came first.
	 */
	private String secret(UUID id, String name) {
		JsonNode result = succeeded(id).get("result");
		if (result != null && result.hasNonNull(name)) {
			return result.get(name).asString();
		}
		return await().atMost(PATIENCE)
			.until(() -> callbackBodies.stream()
				.map(JSON::readTree)
				.map((body) -> body.path("data"))
				.filter((data) -> data.path("operationId").asString("").equals(id.toString()))
				.map((data) -> data.path("result").path(name).asString(null))
				.filter(Objects::nonNull)
				.findFirst()
				.orElse(null), Objects::nonNull);
	}

	private static String hex(int digits) {
		StringBuilder hex = new StringBuilder();
		while (hex.length() < digits) {
			hex.append(Long.toHexString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)));
		}
		return hex.substring(0, digits);
	}

	private UUID send(String type, String data) {
		Answer answer = this.api.webhook(TestApi.envelope(type, data));
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.operationId();
	}

	private JsonNode succeeded(UUID id) {
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
			String status = this.jdbc.queryForObject("select status from job where id = ?", String.class, id);
			if (!Set.of("queued", "running", "succeeded").contains(status)) {
				throw new AssertionError("operation " + id + " ended " + status);
			}
			return status.equals("succeeded");
		});
		return this.api.get("/v1/operations/" + id, TestApi.BILLING_KEY).json();
	}

	private static List<JsonNode> jsonLines(String logs) {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : logs.split("\\R")) {
			if (line.startsWith("{") && line.endsWith("}")) {
				try {
					lines.add(JSON.readTree(line));
				}
				catch (RuntimeException ex) {
					// not JSON after all
				}
			}
		}
		return lines;
	}

	private static HttpServer billingStub() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/callbacks", (exchange) -> {
				callbackBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				callbacks.incrementAndGet();
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What a lifecycle left behind. */
	record Run(String service, long customer, UUID create, List<String> passwords) {
	}

}
