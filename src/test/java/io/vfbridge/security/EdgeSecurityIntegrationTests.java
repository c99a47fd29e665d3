package io.vfbridge.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vfbridge.provisioning.LifecycleIntegrationTests;
import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Security at the edge, over real HTTP: the actuator probes an attacker used, sent
 * byte for byte; the {@code metrics} role; deny by default for a {@code /v1} handler
 * without {@link RequiresRole}; secrets only for the operation's submitter, never cached;
 * wrong keys throttled per client address (the real default of 20 per minute, from a
 * second loopback address so other tests are not throttled); security headers;
 * {@code GET /v1/me}.
 */
@IntegrationTest(
		properties = { "vfbridge.security.failed-authentication.limit=20", "server.forward-headers-strategy=native" })
@Import(EdgeSecurityIntegrationTests.UndeclaredController.class)
class EdgeSecurityIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	TestApi api;

	@BeforeEach
	void setUp() {
		this.api = new TestApi(this.port, this.clock);
	}

	@Test
	void neverAnswersTheActuatorToDisguisedPathsWithoutAKey() {
		Map<String, Integer> expected = new LinkedHashMap<>();
		// decoded to /actuator/health and /actuator/prometheus: the key is asked for
		expected.put("/%61ctuator/health", 401);
		expected.put("/actuator/%70rometheus", 401);
		// ambiguous URLs: the firewall refuses them
		expected.put("/actuator;x=1/prometheus", 400);
		expected.put("//actuator/prometheus", 400);
		expected.put("/actuator/%2e%2e/actuator/prometheus", 400);
		expected.put("/actuator/health;/../prometheus", 400);
		Map<String, Integer> actual = new LinkedHashMap<>();
		for (String path : expected.keySet()) {
			Raw answer = raw(InetAddress.getLoopbackAddress(), "GET", path, Map.of());
			actual.put(path, answer.status());
			assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
			assertThat(answer.body()).as(path).doesNotContain("jvm_").doesNotContain("\"components\"");
		}
		assertThat(actual).isEqualTo(expected);
		assertThat(raw(InetAddress.getLoopbackAddress(), "GET", "/actuator;x=1/prometheus", Map.of()).body())
			.contains("urn:vfbridge:problem:request-rejected");
		assertThat(this.api.get("/actuator/health/liveness", null).status()).as("probes stay open").isEqualTo(200);
		assertThat(this.api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
	}

	@Test
	void letsTheMetricsKeyReadPrometheusAndHealthAndNothingElse() {
		Answer prometheus = this.api.get("/actuator/prometheus", TestApi.METRICS_KEY);
		assertThat(prometheus.status()).isEqualTo(200);
		assertThat(prometheus.body()).contains("jvm_");
		Answer health = this.api.get("/actuator/health", TestApi.METRICS_KEY);
		assertThat(health.status()).isNotIn(401, 403);
		assertThat(health.json().has("components")).as("health with details").isTrue();
		for (String path : List.of("/actuator/metrics", "/actuator", "/actuator/info")) {
			assertThat(this.api.get(path, TestApi.METRICS_KEY).status()).as(path).isEqualTo(403);
		}
		for (String path : List.of("/v1/operations/" + UUID.randomUUID(), "/v1/me", "/v1/ops/summary",
				"/v1/catalog/packages")) {
			Answer answer = this.api.get(path, TestApi.METRICS_KEY);
			assertThat(answer.status()).as(path).isEqualTo(403);
			assertThat(answer.body()).contains("urn:vfbridge:problem:forbidden");
		}
		assertThat(this.api.get("/actuator/prometheus", TestApi.BILLING_KEY).status()).isEqualTo(403);
	}

	@Test
	void deniesAnApiHandlerThatDeclaresNoRole() {
		Answer anonymous = this.api.get(UndeclaredController.PATH, null);
		assertThat(anonymous.status()).isEqualTo(401);
		for (String key : List.of(TestApi.BILLING_KEY, TestApi.STOREFRONT_KEY, TestApi.OPERATOR_KEY)) {
			Answer answer = this.api.get(UndeclaredController.PATH, key);
			assertThat(answer.status()).isEqualTo(403);
			assertThat(answer.contentType()).startsWith("application/problem+json");
			assertThat(answer.body()).doesNotContain(UndeclaredController.REACHED);
		}
	}

	@Test
	void handsABillingSubmittedRootPasswordOnlyToBillingAndNeverCachesIt() {
		String service = "svc-" + UUID.randomUUID();
		long customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		Answer submitted = this.api
			.webhook(TestApi.envelope("service.create", LifecycleIntegrationTests.createData(service, customer)));
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
		UUID id = submitted.operationId();
		awaitSucceeded(id);

		Answer listed = this.api.get("/v1/services/" + service + "/operations", TestApi.STOREFRONT_KEY);
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(listed.json().get(0).get("operationId").asString()).isEqualTo(id.toString());
		Answer storefront = this.api.get("/v1/operations/" + id, TestApi.STOREFRONT_KEY);
		assertThat(storefront.status()).isEqualTo(200);
		assertThat(storefront.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(storefront.json().get("result").get("rootPassword").asString()).isEqualTo("[delivered to billing]");
		Answer operator = this.api.get("/v1/operations/" + id, TestApi.OPERATOR_KEY);
		assertThat(operator.json().get("result").get("rootPassword").asString()).isEqualTo("[delivered to billing]");

		Answer billing = this.api.get("/v1/operations/" + id, TestApi.BILLING_KEY);
		assertThat(billing.headers().firstValue("Cache-Control")).hasValue("no-store");
		String password = billing.json().get("result").get("rootPassword").asString();
		assertThat(password).isNotBlank().isNotEqualTo("[delivered to billing]");
		assertThat(this.api.get("/v1/operations/" + id, TestApi.BILLING_KEY).json().get("result").has("rootPassword"))
			.as("handed out once")
			.isFalse();
		assertThat(this.api.get("/v1/operations/" + id, TestApi.STOREFRONT_KEY).body()).doesNotContain(password);
	}

	@Test
	void handsARestSubmittedRootPasswordOnlyToTheKeyThatSubmittedIt() {
		String service = "svc-" + UUID.randomUUID();
		long customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		Answer submitted = this.api.call("POST", "/v1/services", TestApi.STOREFRONT_KEY, "k-" + UUID.randomUUID(),
				LifecycleIntegrationTests.createData(service, customer));
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
		UUID id = submitted.operationId();
		awaitSucceeded(id);
		assertThat(this.api.get("/v1/operations/" + id, TestApi.BILLING_KEY)
			.json()
			.get("result")
			.get("rootPassword")
			.asString()).as("billing did not submit it").isEqualTo("[delivered to billing]");
		String password = this.api.get("/v1/operations/" + id, TestApi.STOREFRONT_KEY)
			.json()
			.get("result")
			.get("rootPassword")
			.asString();
		assertThat(password).isNotBlank().isNotEqualTo("[delivered to billing]");
	}

	@Test
	void throttlesWrongKeysPerClientAddressBeforeCheckingTheKey() throws Exception {
		InetAddress attacker = InetAddress.getByName("127.0.0.2");
		List<Integer> statuses = new ArrayList<>();
		Raw last = null;
		for (int i = 0; i < 30; i++) {
			last = raw(attacker, "GET", "/v1/operations/" + UUID.randomUUID(),
					Map.of("Authorization", "Bearer wrong-" + i));
			statuses.add(last.status());
		}
		assertThat(statuses.subList(0, 20)).containsOnly(401);
		assertThat(statuses.subList(20, 30)).containsOnly(429);
		assertThat(last.header("Content-Type")).startsWith("application/problem+json");
		assertThat(last.body()).contains("urn:vfbridge:problem:authentication-throttled");
		assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);

		Raw valid = raw(attacker, "GET", "/v1/operations/" + UUID.randomUUID(),
				Map.of("Authorization", "Bearer " + TestApi.BILLING_KEY));
		assertThat(valid.status()).as("even a valid key is refused, unchecked").isEqualTo(429);
		assertThat(this.api.get("/v1/operations/" + UUID.randomUUID(), TestApi.BILLING_KEY).status())
			.as("another address is not throttled")
			.isEqualTo(404);
		Raw webhook = raw(attacker, "POST", "/v1/events",
				Map.of("Authorization", "Bearer wrong", "Content-Type", "application/json", "Content-Length", "0"));
		assertThat(webhook.body()).as("the webhook is authenticated by its signature only")
			.contains("urn:vfbridge:problem:invalid-signature");
	}

	@Test
	void sendsSecurityHeaders() {
		Answer api = this.api.get("/v1/operations/" + UUID.randomUUID(), TestApi.BILLING_KEY);
		assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(api.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(api.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(api.headers().firstValue("Content-Security-Policy"))
			.hasValue("default-src 'none'; frame-ancestors 'none'");
		assertThat(api.headers().firstValue("Strict-Transport-Security")).as("plain HTTP").isEmpty();

		Answer page = this.api.get("/ops", null);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'")
			.contains("frame-ancestors 'none'");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

		Raw behindTls = raw(InetAddress.getLoopbackAddress(), "GET", "/actuator/health/liveness",
				Map.of("X-Forwarded-Proto", "https"));
		assertThat(behindTls.header("Strict-Transport-Security")).contains("max-age=31536000")
			.contains("includeSubDomains");
	}

	@Test
	void tellsAKeyItsNameRolesAndPanels() {
		Answer me = this.api.get("/v1/me", TestApi.BILLING_KEY);
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		JsonNode body = me.json();
		assertThat(body.get("key").asString()).isEqualTo("billing");
		assertThat(body.get("roles").valueStream().map(JsonNode::asString)).containsExactly("billing");
		JsonNode panel = body.get("panels").get(0);
		assertThat(panel.get("name").asString()).isEqualTo("default");
		assertThat(panel.get("default").asBoolean()).isTrue();
		assertThat(panel.get("reachable").asBoolean()).isTrue();
		assertThat(this.api.get("/v1/me", TestApi.OPERATOR_KEY).json().get("key").asString()).isEqualTo("operator");
		assertThat(this.api.get("/v1/me", null).status()).isEqualTo(401);
	}

	private void awaitSucceeded(UUID id) {
		// reads the job table, so no operation read delivers the secrets before the test
		// does
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "succeeded"
				.equals(this.jdbc.queryForObject("select status from job where id = ?", String.class, id)));
	}

	/** A request sent byte for byte from a local address, and its answer. */
	private Raw raw(InetAddress from, String method, String path, Map<String, String> headers) {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(from, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port
					+ "\r\nConnection: close\r\nAccept: application/json\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			OutputStream out = socket.getOutputStream();
			out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			in.transferTo(bytes);
			String text = bytes.toString(StandardCharsets.UTF_8);
			int split = text.indexOf("\r\n\r\n");
			String[] lines = text.substring(0, split).split("\r\n");
			Map<String, String> answerHeaders = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				answerHeaders.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
			return new Raw(Integer.parseInt(lines[0].split(" ")[1]), answerHeaders, text.substring(split + 4));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A raw answer (the body may be chunked: only searched, never parsed). */
	record Raw(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
		}

	}

	/** A {@code /v1} handler whose author forgot {@link RequiresRole}. */
	@RestController
	static class UndeclaredController {

		static final String PATH = "/v1/test/undeclared";

		static final String REACHED = "reached-the-handler";

		@GetMapping(PATH)
		String undeclared() {
			return REACHED;
		}

	}

}
