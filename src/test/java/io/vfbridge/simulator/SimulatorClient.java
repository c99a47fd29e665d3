package io.vfbridge.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain JDK HTTP client for the simulator under test: the VirtFusion API with the
 * bearer token, the admin harness with the same token, and fixtures (users, servers) made
 * through the API.
 */
final class SimulatorClient {

	static final String TOKEN = "sim-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final String basePath;

	SimulatorClient(int port) {
		this(port, "");
	}

	/**
	 * A client for a simulator whose root is {@code basePath} (e.g. {@code /simulator}).
	 */
	SimulatorClient(int port, String basePath) {
		this.base = "http://localhost:" + port;
		this.basePath = basePath;
	}

	HttpClient http() {
		return this.http;
	}

	Answer get(String path) {
		return send(request("GET", path, null));
	}

	Answer post(String path, @Nullable String json) {
		return send(request("POST", path, json));
	}

	Answer put(String path, @Nullable String json) {
		return send(request("PUT", path, json));
	}

	Answer delete(String path) {
		return send(request("DELETE", path, null));
	}

	Answer delete(String path, String json) {
		return send(request("DELETE", path, json));
	}

	/**
	 * A VirtFusion API request (path relative to {@code /api/v1}) with the bearer token.
	 */
	HttpRequest request(String method, String path, @Nullable String json) {
		return build(method, this.basePath + "/api/v1" + path, json, TOKEN);
	}

	/** A request to a path below the server root, with the given token or none. */
	HttpRequest build(String method, String fullPath, @Nullable String json, @Nullable String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + fullPath))
			.timeout(Duration.ofSeconds(20))
			.header("Accept", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			builder.header("Content-Type", "application/json");
		}
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder.build();
	}

	Answer send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Answer admin(String method, String path, @Nullable String json) {
		return send(build(method, this.basePath + "/_admin" + path, json, TOKEN));
	}

	void reset() {
		assertThat(admin("POST", "/reset", null).status()).isEqualTo(204);
	}

	JsonNode stats() {
		return admin("GET", "/stats", null).json();
	}

	void addFault(String json) {
		Answer answer = admin("POST", "/faults", json);
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
	}

	/** Creates a user with this external relation id; returns the internal id. */
	int createUser(int extRelationId) {
		Answer answer = post("/users", """
				{"name": "Customer %1$d", "email": "customer%1$d@example.com", "extRelationId": %1$d}
				""".formatted(extRelationId));
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		return answer.json().get("data").get("id").asInt();
	}

	/** Creates a server in a hypervisor group; returns its id. */
	int createServer(int userId, int packageId, int groupId) {
		Answer answer = post("/servers", """
				{"packageId": %d, "userId": %d, "hypervisorId": %d}
				""".formatted(packageId, userId, groupId));
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		return answer.json().get("data").get("id").asInt();
	}

	Answer build(int serverId) {
		Answer answer = post("/servers/" + serverId + "/build", """
				{"operatingSystemId": 1, "name": "web%1$d", "hostname": "web%1$d.example.com"}
				""".formatted(serverId));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer;
	}

	JsonNode server(int serverId) {
		Answer answer = get("/servers/" + serverId);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("data");
	}

	/** One HTTP answer. */
	record Answer(int status, HttpHeaders headers, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		JsonNode data() {
			return json().get("data");
		}

	}

}
