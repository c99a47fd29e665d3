package io.vfbridge.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a running vfbridge as billing systems do: signed webhooks (Standard Webhooks,
 * signed here independently of the production code) and API-key REST calls, with the
 * {@code test} profile's credentials.
 */
public final class TestApi {

	/** The webhook secret of the test profile. */
	public static final String WEBHOOK_SECRET = "whsec_dGVzdC13ZWJob29rLXNlY3JldC1vZi10aGlydHktdHdvIQ==";

	public static final String BILLING_KEY = "test-billing-key";

	public static final String STOREFRONT_KEY = "test-storefront-key";

	public static final String OPERATOR_KEY = "test-operator-key";

	/** A key with only the {@code metrics} role (the test profile's {@code metrics}). */
	public static final String METRICS_KEY = "test-metrics-key";

	/**
	 * A billing key with a rate of 3 requests per hour (the test profile's
	 * {@code limited}).
	 */
	public static final String LIMITED_KEY = "test-limited-key";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;

	private final HttpClient http = HttpClient.newHttpClient();

	private final Clock clock;

	public TestApi(int port, Clock clock) {
		this.base = "http://127.0.0.1:" + port;
		this.clock = clock;
	}

	/** An answer: status, headers and body. */
	public record Answer(int status, java.net.http.HttpHeaders headers, String body) {

		/** The body as JSON. */
		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** The body's {@code operationId}. */
		public UUID operationId() {
			return UUID.fromString(json().get("operationId").asString());
		}

		/** The Content-Type header. */
		public String contentType() {
			return this.headers.firstValue("Content-Type").orElse("");
		}

	}

	/** A webhook envelope {@code {"type", "timestamp", "data"}}. */
	public static String envelope(String type, String data) {
		return "{\"type\":\"" + type + "\",\"timestamp\":\"2026-11-26T10:00:00Z\",\"data\":" + data + "}";
	}

	/** Sends a correctly signed webhook with a new id. */
	public Answer webhook(String body) {
		return webhook("msg_" + UUID.randomUUID(), body);
	}

	/** Sends a correctly signed webhook with the given id. */
	public Answer webhook(String id, String body) {
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		return webhook(id, timestamp, sign(WEBHOOK_SECRET, id, timestamp, body), body, "application/json");
	}

	/**
	 * Sends a correctly signed webhook with a new id and the W3C {@code traceparent} of
	 * the billing system's span.
	 */
	public Answer tracedWebhook(String body, String traceParent) {
		String id = "msg_" + UUID.randomUUID();
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + "/v1/events"))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("webhook-id", id)
			.header("webhook-timestamp", timestamp)
			.header("webhook-signature", sign(WEBHOOK_SECRET, id, timestamp, body))
			.header("Content-Type", "application/json")
			.header("traceparent", traceParent);
		return send(request);
	}

	/** Sends a webhook with exactly these headers (null leaves a header out). */
	public Answer webhook(String id, String timestamp, String signature, String body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + "/v1/events"))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		header(request, "webhook-id", id);
		header(request, "webhook-timestamp", timestamp);
		header(request, "webhook-signature", signature);
		header(request, "Content-Type", contentType);
		return send(request);
	}

	/**
	 * A REST call with an API key (null for none) and, for POST/PUT/DELETE, an
	 * idempotency key.
	 */
	public Answer call(String method, String path, String apiKey, String idempotencyKey, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (apiKey != null) {
			request.header("Authorization", "Bearer " + apiKey);
		}
		header(request, "Idempotency-Key", idempotencyKey);
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request);
	}

	/** {@code GET} with an API key. */
	public Answer get(String path, String apiKey) {
		return call("GET", path, apiKey, null, null);
	}

	/**
	 * The Standard Webhooks {@code v1} signature, computed independently of the
	 * production code.
	 */
	public static String sign(String secret, String id, String timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(signature);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void header(HttpRequest.Builder request, String name, String value) {
		if (value != null) {
			request.header(name, value);
		}
	}

}
