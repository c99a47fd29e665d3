package io.vfbridge.api;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.TestApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input at scale: generated malformed, oversized, wrongly typed, wrongly signed,
 * wrongly authenticated and replayed requests against the intake and every {@code /v1}
 * endpoint the OpenAPI document lists (so endpoints added later are fuzzed too). Every
 * answer must be below 500, every 4xx must be {@code application/problem+json}, and a
 * request that was not accepted (anything but 202) must store no row in
 * {@code inbound_event}, {@code job}, {@code customer} or {@code service}. Jobs are off,
 * so only intake can write.
 *
 * <p>
 * {@code -Dvfbridge.fuzz.requests=10000} for the full run (default 1500 keeps the suite
 * fast); {@code -Dvfbridge.fuzz.seed=<n>} replays a run (the seed is printed).
 */
@IntegrationTest(properties = "vfbridge.jobs.enabled=false")
class ApiFuzzIntegrationTests {

	private static final int REQUESTS = Integer.getInteger("vfbridge.fuzz.requests", 1500);

	private static final long SEED = Long.getLong("vfbridge.fuzz.seed", System.nanoTime());

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Random random = new Random(SEED);

	/** Webhook ids accepted so far, with their bodies, to replay. */
	private final List<String[]> accepted = new ArrayList<>();

	/** Idempotency keys used so far, to reuse for other requests. */
	private final List<String> usedKeys = new ArrayList<>();

	/** One operation of the OpenAPI document. */
	record Endpoint(String method, String path, List<String> queryParameters) {
	}

	/** A generated request and what kind of bad it is. */
	record Fuzzed(String kind, String method, String path, Map<String, String> headers, byte[] body) {
	}

	@Test
	void answersEveryBadRequestWithAProblemAndStoresNothing() throws Exception {
		List<Endpoint> endpoints = endpoints();
		assertThat(endpoints).extracting((e) -> e.method() + " " + e.path())
			.contains("POST /v1/events", "POST /v1/services", "POST /v1/services/{serviceId}/suspend",
					"GET /v1/operations/{id}", "GET /v1/services/{serviceId}");
		Map<String, Integer> byKindAndStatus = new TreeMap<>();
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
			Fuzzed request = (this.random.nextInt(100) < 45) ? webhook() : rest(endpoints);
			long[] before = rows();
			HttpResponse<String> answer = send(request);
			long[] after = rows();
			int status = answer.statusCode();
			byKindAndStatus.merge(request.kind() + " " + status, 1, Integer::sum);
			String what = request.kind() + " " + request.method() + " " + abbreviate(request.path()) + " -> " + status
					+ " " + abbreviate(answer.body());
			if (status >= 500) {
				failures.add("5xx: " + what);
			}
			if (status >= 400
					&& !answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
				failures.add("not problem+json (" + answer.headers().firstValue("Content-Type").orElse("none") + "): "
						+ what);
			}
			long[] delta = { after[0] - before[0], after[1] - before[1], after[2] - before[2], after[3] - before[3] };
			boolean storedNothing = delta[0] == 0 && delta[1] == 0 && delta[2] == 0 && delta[3] == 0;
			if (status == 202) {
				// a billing event stores the event and its job; an operator's trigger (a
				// reconciliation or usage sync run, a drift fix) only a job
				long events = isOperatorTrigger(request.path()) ? 0 : 1;
				if (!(delta[0] == events && delta[1] == 1 && delta[2] == 0 && delta[3] == 0)) {
					failures.add("202 stored " + java.util.Arrays.toString(delta) + ": " + what);
				}
			}
			else if (!storedNothing) {
				failures.add("stored rows " + java.util.Arrays.toString(delta) + " for a refused request: " + what);
			}
		}
		System.out.println("[fuzz] seed " + SEED + ", " + REQUESTS + " requests over " + endpoints.size()
				+ " operations; kind and status: " + byKindAndStatus);
		assertThat(failures).as("seed %d (-Dvfbridge.fuzz.seed=%d replays it)", SEED, SEED).isEmpty();
		assertThat(byKindAndStatus.keySet()).as("the generator reaches the handlers, not only the gates")
			.anyMatch((key) -> key.endsWith(" 400"))
			.anyMatch((key) -> key.endsWith(" 401"))
			.anyMatch((key) -> key.endsWith(" 422"));
	}

	private List<Endpoint> endpoints() throws Exception {
		HttpResponse<String> docs = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v3/api-docs")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(docs.statusCode()).isEqualTo(200);
		List<Endpoint> endpoints = new ArrayList<>();
		JsonNode paths = JSON.readTree(docs.body()).get("paths");
		for (String path : paths.propertyNames()) {
			if (!path.startsWith("/v1/")) {
				continue;
			}
			for (String method : paths.get(path).propertyNames()) {
				List<String> query = new ArrayList<>();
				for (JsonNode parameter : paths.get(path).get(method).path("parameters")) {
					if ("query".equals(parameter.path("in").asString())) {
						query.add(parameter.path("name").asString());
					}
				}
				endpoints.add(new Endpoint(method.toUpperCase(java.util.Locale.ROOT), path, query));
			}
		}
		return endpoints;
	}

	// ------------------------------------------------------------------ webhooks

	private Fuzzed webhook() {
		String id = "msg_fuzz_" + UUID.randomUUID();
		String timestamp = Long.toString(Clock.systemUTC().instant().getEpochSecond());
		Map<String, String> headers = new TreeMap<>();
		headers.put("Content-Type", "application/json");
		int kind = this.random.nextInt(100);
		byte[] body;
		String what;
		if (kind < 3) {
			// a valid event, accepted: it feeds the replays below
			body = validEvent().getBytes(StandardCharsets.UTF_8);
			this.accepted.add(new String[] { id, new String(body, StandardCharsets.UTF_8) });
			what = "webhook-valid";
		}
		else if (kind < 12 && !this.accepted.isEmpty()) {
			// a replay: an accepted id with the same body (200) or another body (422)
			String[] original = this.accepted.get(this.random.nextInt(this.accepted.size()));
			id = original[0];
			boolean same = this.random.nextBoolean();
			body = (same ? original[1] : validEvent()).getBytes(StandardCharsets.UTF_8);
			what = same ? "webhook-replay" : "webhook-replay-other-body";
		}
		else if (kind < 55) {
			body = badBody();
			what = "webhook-bad-body";
		}
		else {
			body = (this.random.nextBoolean() ? validEvent() : new String(badBody(), StandardCharsets.UTF_8))
				.getBytes(StandardCharsets.UTF_8);
			what = "webhook-bad-signature";
		}
		String signature = TestApi.sign(TestApi.WEBHOOK_SECRET, id, timestamp,
				new String(body, StandardCharsets.UTF_8));
		if (what.equals("webhook-bad-signature")) {
			switch (this.random.nextInt(8)) {
				case 0 -> signature = null;
				case 1 -> timestamp = Long.toString(Long.parseLong(timestamp) - 301 - this.random.nextInt(100000));
				case 2 -> timestamp = Long.toString(Long.parseLong(timestamp) + 301 + this.random.nextInt(100000));
				case 3 -> timestamp = pick("", "abc", "1e9", "-1", "99999999999999999999", "2026-11-26T10:00:00Z");
				case 4 -> signature = "v1," + java.util.Base64.getEncoder().encodeToString(bytes(32));
				case 5 -> signature = TestApi.sign("whsec_" + java.util.Base64.getEncoder().encodeToString(bytes(32)),
						id, timestamp, new String(body, StandardCharsets.UTF_8));
				case 6 -> id = pick(null, "", " ", "x".repeat(300), id + "x");
				default -> signature = pick("v1,", "v1", "v2," + signature.substring(3), "v1,%%%", " ", "v1a,AAAA");
			}
		}
		else if (this.random.nextInt(10) == 0) {
			headers.put("Content-Type", pick("text/plain", "application/xml", "application/x-www-form-urlencoded",
					"garbage", "application/json; charset=ISO-8859-1"));
		}
		headers.put("webhook-id", id);
		headers.put("webhook-timestamp", timestamp);
		headers.put("webhook-signature", signature);
		accept(headers);
		return new Fuzzed(what, "POST", "/v1/events", headers, body);
	}

	private String validEvent() {
		long customer = 1 + this.random.nextInt(1_000_000);
		return switch (this.random.nextInt(3)) {
			case 0 -> TestApi.envelope("service.create",
					"{\"customer\":{\"id\":\"" + customer + "\",\"email\":\"c" + customer
							+ "@example.com\",\"name\":\"C\"},\"service\":{\"id\":\"s" + customer
							+ "\",\"plan\":\"test-small\"}}");
			case 1 -> TestApi.envelope("service.suspend", "{\"service\":{\"id\":\"s" + customer + "\"}}");
			default -> TestApi.envelope("customer.upsert", "{\"customer\":{\"id\":\"" + customer + "\",\"email\":\"c"
					+ customer + "@example.com\",\"name\":\"C\"}}");
		};
	}

	// ------------------------------------------------------------------ REST

	private Fuzzed rest(List<Endpoint> endpoints) {
		Endpoint endpoint = endpoints.get(this.random.nextInt(endpoints.size()));
		String method = endpoint.method();
		if (this.random.nextInt(12) == 0) {
			method = pick("GET", "POST", "PUT", "DELETE", "PATCH");
		}
		Matcher variables = VARIABLE.matcher(endpoint.path());
		StringBuilder path = new StringBuilder();
		while (variables.find()) {
			variables.appendReplacement(path, Matcher.quoteReplacement(pathValue()));
		}
		variables.appendTail(path);
		if (!endpoint.queryParameters().isEmpty() || this.random.nextInt(8) == 0) {
			List<String> names = new ArrayList<>(endpoint.queryParameters());
			names.add("junk");
			path.append('?')
				.append(names.get(this.random.nextInt(names.size())))
				.append('=')
				.append(encode(pick("-1", "0", "501", "abc", "99999999999999999999", "", "1.5", "%", "50")));
		}
		Map<String, String> headers = new TreeMap<>();
		headers.put("Authorization", switch (this.random.nextInt(8)) {
			case 0 -> null;
			case 1 -> "Bearer wrong-" + UUID.randomUUID();
			case 2 ->
				pick("Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "bearer " + TestApi.BILLING_KEY, "x".repeat(9000));
			case 3 -> "Bearer " + TestApi.STOREFRONT_KEY;
			case 4 -> "Bearer " + TestApi.OPERATOR_KEY;
			default -> "Bearer " + TestApi.BILLING_KEY;
		});
		String key = switch (this.random.nextInt(6)) {
			case 0 -> null;
			case 1 -> pick("", " ", "k".repeat(256));
			case 2 -> this.usedKeys.isEmpty() ? null : this.usedKeys.get(this.random.nextInt(this.usedKeys.size()));
			default -> "fuzz-" + UUID.randomUUID();
		};
		if (key != null) {
			this.usedKeys.add(key);
		}
		headers.put("Idempotency-Key", key);
		byte[] body = null;
		if (!method.equals("GET") && this.random.nextInt(5) != 0) {
			body = badBody();
			headers.put("Content-Type", (this.random.nextInt(8) == 0)
					? pick("text/plain", "application/xml", "multipart/form-data", "??") : "application/json");
		}
		accept(headers);
		return new Fuzzed("rest", method, path.toString(), headers, body);
	}

	private String pathValue() {
		return switch (this.random.nextInt(10)) {
			case 0 -> encode("x".repeat(1 + this.random.nextInt(3000)));
			case 1 -> encode(pick("..", ".", "ü", "☃", "a b", "\u0000", "'; drop table job; --", "<script>", "%"));
			case 2 -> pick("%2F", "%2e%2e", "%00", "%ZZ".replace("%ZZ", "%25ZZ"), "%20");
			case 3 -> UUID.randomUUID().toString();
			case 4 -> pick("not-a-uuid", "00000000-0000-0000-0000-000000000000", "-1", "0", "1e3");
			default -> Integer.toString(this.random.nextInt(1_000_000));
		};
	}

	// ------------------------------------------------------------------ bodies

	private byte[] badBody() {
		return switch (this.random.nextInt(14)) {
			case 0 -> bytes(this.random.nextInt(200));
			case 1 -> new byte[] { (byte) 0xC3, (byte) 0x28, '{', (byte) 0xFF };
			case 2 -> "{\"type\":\"service.create\",\"data\":{".getBytes(StandardCharsets.UTF_8);
			case 3 -> pick("[]", "\"x\"", "1", "null", "true", "{}", "", " ", "{\"a\":1}{\"b\":2}")
				.getBytes(StandardCharsets.UTF_8);
			case 4 -> ("[".repeat(2000 + this.random.nextInt(20000))).getBytes(StandardCharsets.UTF_8);
			case 5 -> ("{\"type\":\"service.create\",\"timestamp\":\"2026-11-26T10:00:00Z\",\"data\":{\"pad\":\""
					+ "x".repeat(270 * 1024) + "\"}}")
				.getBytes(StandardCharsets.UTF_8);
			case 6 -> TestApi
				.envelope(pick("service.create", "service.suspend", "service.terminate", "service.resize",
						"service.change_owner", "customer.upsert", "nope", ""), wronglyTyped())
				.getBytes(StandardCharsets.UTF_8);
			case 7 -> wronglyTyped().getBytes(StandardCharsets.UTF_8);
			case 8 -> ("{\"type\":" + pick("1", "null", "[]", "{}", "\"service.create\"") + ",\"timestamp\":"
					+ pick("\"yesterday\"", "1", "null", "\"2026-13-45T99:00:00Z\"") + ",\"data\":"
					+ pick("[]", "1", "null", "\"x\"", "{}") + "}")
				.getBytes(StandardCharsets.UTF_8);
			case 9 -> ("{\"customer\":{\"id\":\"" + "9".repeat(40) + "\",\"email\":\"" + "e".repeat(5000)
					+ "\",\"name\":\"\u0000\"},\"service\":{\"id\":\"" + "s".repeat(600) + "\"}}")
				.getBytes(StandardCharsets.UTF_8);
			case 10 ->
				"{\"service\":{\"id\":\"other\"},\"customer\":{\"id\":\"other\"}}".getBytes(StandardCharsets.UTF_8);
			case 11 -> "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8);
			case 12 -> ("{\"service\":{\"id\":\"s1\",\"packageId\":"
					+ pick("1e400", "-1", "\"1\"", "1.5", "true", "9223372036854775808") + "}}")
				.getBytes(StandardCharsets.UTF_8);
			default -> ("{\"delayMinutes\":" + pick("-1", "\"soon\"", "1e10", "[]") + ",\"action\":"
					+ pick("\"explode\"", "1", "null") + ",\"unknown\":true}")
				.getBytes(StandardCharsets.UTF_8);
		};
	}

	/** An object with the real field names and values of the wrong type or shape. */
	private String wronglyTyped() {
		String[] fields = { "customer", "service", "newCustomer", "id", "email", "name", "packageId", "plan",
				"hypervisorGroupId", "osTemplateId", "hostname", "sshKeys", "ipv4", "resources", "memory", "cpuCores",
				"delayMinutes", "action", "user", "dryRun", "panel", "cpuThrottle" };
		StringBuilder out = new StringBuilder("{");
		int n = 1 + this.random.nextInt(5);
		for (int i = 0; i < n; i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append('"').append(fields[this.random.nextInt(fields.length)]).append("\":").append(wrongValue(2));
		}
		return out.append('}').toString();
	}

	private String wrongValue(int depth) {
		int choice = this.random.nextInt(depth > 0 ? 12 : 9);
		return switch (choice) {
			case 0 -> "null";
			case 1 -> pick("true", "false");
			case 2 -> Long.toString(this.random.nextLong());
			case 3 -> pick("1e309", "-0", "0.000001", "99999999999999999999999999");
			case 4 -> "\"\"";
			case 5 -> "\"" + "z".repeat(this.random.nextInt(600)) + "\"";
			case 6 -> "[]";
			case 7 -> "{}";
			case 8 -> "\"\\u0000\\ud800\"";
			case 9 -> "[" + wrongValue(depth - 1) + "," + wrongValue(depth - 1) + "]";
			default -> wronglyTypedNested(depth - 1);
		};
	}

	private String wronglyTypedNested(int depth) {
		return "{\"id\":" + wrongValue(depth) + ",\"email\":" + wrongValue(depth) + ",\"packageId\":"
				+ wrongValue(depth) + "}";
	}

	// ------------------------------------------------------------------ plumbing

	private void accept(Map<String, String> headers) {
		if (this.random.nextInt(10) == 0) {
			headers.put("Accept",
					pick("text/html", "application/xml", "image/png", "*/*", "application/json", "garbage"));
		}
	}

	private HttpResponse<String> send(Fuzzed request) throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + request.path()))
			.timeout(Duration.ofSeconds(30))
			.method(request.method(), (request.body() != null) ? HttpRequest.BodyPublishers.ofByteArray(request.body())
					: HttpRequest.BodyPublishers.noBody());
		request.headers().forEach((name, value) -> {
			if (value != null) {
				builder.header(name, value);
			}
		});
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	private long[] rows() {
		return this.jdbc.queryForObject("""
				select (select count(*) from inbound_event), (select count(*) from job),
				       (select count(*) from customer), (select count(*) from service)
				""", (rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4) });
	}

	private byte[] bytes(int n) {
		byte[] bytes = new byte[n];
		this.random.nextBytes(bytes);
		return bytes;
	}

	@SafeVarargs
	private <T> T pick(T... choices) {
		return choices[this.random.nextInt(choices.length)];
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String abbreviate(String text) {
		String flat = String.valueOf(text).replace('\n', ' ');
		return (flat.length() > 160) ? flat.substring(0, 160) + "..." : flat;
	}

	private static boolean isOperatorTrigger(String path) {
		return path.startsWith("/v1/ops/") || path.startsWith("/v1/usage/");
	}

}
