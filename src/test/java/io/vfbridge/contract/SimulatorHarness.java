package io.vfbridge.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's harness ({@code /_admin}: reset, fault rules, counters) and a raw view
 * of its API, through the JDK client: independent of the client under test, so what a
 * test reads here is the simulator's own state.
 */
final class SimulatorHarness {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String root;

	SimulatorHarness(int port) {
		this.root = "http://127.0.0.1:" + port;
	}

	/** The API base URL a client of this simulator is configured with. */
	String apiBaseUrl() {
		return this.root + "/api/v1";
	}

	/** Back to the seed: no users or servers, configured faults only, counters zero. */
	void reset() {
		assertThat(send("POST", "/_admin/reset", null, ContractSimulator.TOKEN).statusCode()).isEqualTo(204);
	}

	/**
	 * Adds fault rules (a JSON object or array, as {@code POST /_admin/faults} takes).
	 */
	void addFaults(String json) {
		HttpResponse<String> answer = send("POST", "/_admin/faults", json, ContractSimulator.TOKEN);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
	}

	/** {@code GET /_admin/stats}. */
	JsonNode stats() {
		return JSON.readTree(send("GET", "/_admin/stats", null, ContractSimulator.TOKEN).body());
	}

	/**
	 * How many calls of an operation ({@code "POST /servers"}) got this status; 0 counts
	 * calls that got no answer.
	 */
	int calls(String operation, int status) {
		return stats().path("calls").path(operation).path(Integer.toString(status)).asInt(0);
	}

	/** All calls of an operation, whatever they got. */
	int calls(String operation) {
		int total = 0;
		for (JsonNode count : stats().path("calls").path(operation)) {
			total += count.asInt();
		}
		return total;
	}

	/** The {@code data} of a VirtFusion GET (path below {@code /api/v1}), as JSON. */
	JsonNode apiData(String path) {
		HttpResponse<String> answer = send("GET", "/api/v1" + path, null, ContractSimulator.TOKEN);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return JSON.readTree(answer.body()).path("data");
	}

	private HttpResponse<String> send(String method, String path, String json, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.root + path))
			.timeout(Duration.ofSeconds(10))
			.header("Accept", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
