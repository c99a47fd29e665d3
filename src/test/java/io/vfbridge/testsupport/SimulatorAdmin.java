package io.vfbridge.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in simulator as tests see it: its counters, fault rules, reset, and its API
 * called directly (to change VirtFusion behind vfbridge's back).
 */
public final class SimulatorAdmin {

	/** The token of the local default panel (application.yaml). */
	public static final String TOKEN = "local-simulator-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String root;

	private final HttpClient http = HttpClient.newHttpClient();

	public SimulatorAdmin(int port) {
		this.root = "http://127.0.0.1:" + port + "/simulator";
	}

	/** {@code GET _admin/stats}. */
	public JsonNode stats() {
		return JSON.readTree(send("GET", "/_admin/stats", null).body());
	}

	/** Servers of the customer with this extRelationId, from the counters. */
	public int serversOf(long extRelationId) {
		return stats().path("servers").path("byOwnerExtRelationId").path(Long.toString(extRelationId)).asInt(0);
	}

	/** Calls of {@code METHOD /template} with this status. */
	public int calls(String operation, int status) {
		return stats().path("calls").path(operation).path(Integer.toString(status)).asInt(0);
	}

	/** Adds fault rules (a JSON object or array). */
	public void faults(String rules) {
		HttpResponse<String> response = send("POST", "/_admin/faults", rules);
		if (response.statusCode() != 201) {
			throw new IllegalStateException("fault rules refused: " + response.body());
		}
	}

	/**
	 * Counts bytes on a server in its current traffic period (no packets flow otherwise).
	 */
	public void countTraffic(long serverId, long rx, long tx) {
		HttpResponse<String> response = send("POST", "/_admin/servers/" + serverId + "/traffic",
				"{\"rx\":" + rx + ",\"tx\":" + tx + "}");
		if (response.statusCode() != 204) {
			throw new IllegalStateException("traffic refused: " + response.body());
		}
	}

	/** Removes every fault rule. */
	public void clearFaults() {
		send("DELETE", "/_admin/faults", null);
	}

	/** Calls the simulated VirtFusion API directly. */
	public HttpResponse<String> api(String method, String path, String body) {
		return send(method, "/api/v1" + path, body);
	}

	/** A server as the simulator has it, or null when it has none. */
	public JsonNode server(long id) {
		HttpResponse<String> response = api("GET", "/servers/" + id, null);
		return (response.statusCode() == 200) ? JSON.readTree(response.body()).get("data") : null;
	}

	private HttpResponse<String> send(String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.root + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.header("Accept", "application/json");
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		// the harness takes the same token as the simulated API
		request.header("Authorization", "Bearer " + TOKEN);
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
