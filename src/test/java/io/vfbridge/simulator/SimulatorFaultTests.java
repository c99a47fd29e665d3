package io.vfbridge.simulator;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SimulatorFaultTests extends SimulatorIntegration {

	private static final String CREATE_USER = """
			{"name": "Ann", "email": "ann@example.com", "extRelationId": 7}
			""";

	@Test
	void delaysAnswersByTheLatency() {
		this.sim.addFault("{\"method\": \"GET\", \"path\": \"/connect\", \"kind\": \"latency\", \"latency\": 300}");

		long started = System.nanoTime();
		SimulatorClient.Answer answer = this.sim.get("/connect");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(this.sim.stats().get("faults").get("byKind").get("latency").asInt()).isEqualTo(1);
	}

	@Test
	void answersWithTheConfiguredErrorWithoutActing() {
		this.sim.addFault("""
				[{"method": "POST", "path": "/users", "kind": "error", "status": 503, "count": 1},
				 {"method": "GET", "path": "/servers/{id}", "kind": "error", "status": 404, "msg": "server not found"},
				 {"method": "PUT", "path": "/servers/{serverId}/modify/name", "kind": "error", "status": 422,
				  "errors": ["The name field is required."]}]
				""");

		SimulatorClient.Answer unavailable = this.sim.post("/users", CREATE_USER);
		SimulatorClient.Answer notFound = this.sim.get("/servers/1");
		SimulatorClient.Answer invalid = this.sim.put("/servers/1/modify/name", "{\"name\": \"x\"}");

		assertThat(unavailable.status()).isEqualTo(503);
		assertThat(unavailable.body()).isEmpty();
		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.json().get("msg").asString()).isEqualTo("server not found");
		assertThat(invalid.status()).isEqualTo(422);
		assertThat(invalid.json().get("errors").get(0).asString()).isEqualTo("The name field is required.");
		assertThat(this.sim.stats().get("users").get("total").asInt()).isZero();
	}

	@Test
	void rateLimitsWith429AndRetryAfter() {
		this.sim.addFault("{\"path\": \"/packages\", \"kind\": \"rate-limit\", \"retryAfter\": \"2s\"}");

		SimulatorClient.Answer answer = this.sim.get("/packages");

		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
	}

	@Test
	void resetsTheConnectionBeforeActing() {
		this.sim.addFault("{\"method\": \"POST\", \"path\": \"/users\", \"kind\": \"reset\"}");
		HttpClient http = this.sim.http();
		HttpRequest request = this.sim.request("POST", "/users", CREATE_USER);

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));

		assertThat(this.sim.stats().get("users").get("total").asInt()).isZero();
		assertThat(this.sim.stats().get("calls").get("POST /users").get("0").asInt()).isEqualTo(1);
	}

	@Test
	void holdsTheRequestAndThenDropsItOnTimeout() {
		this.sim.addFault("{\"method\": \"POST\", \"path\": \"/users\", \"kind\": \"timeout\", \"hold\": \"300ms\"}");
		HttpClient http = this.sim.http();
		HttpRequest request = this.sim.request("POST", "/users", CREATE_USER);

		long started = System.nanoTime();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(this.sim.stats().get("users").get("total").asInt()).isZero();
	}

	@Test
	void appliesTheActionAndThenLosesTheResponse() {
		int userId = this.sim.createUser(1001);
		this.sim.addFault("{\"method\": \"POST\", \"path\": \"/servers\", \"kind\": \"lost-response\", \"count\": 1}");
		HttpClient http = this.sim.http();
		HttpRequest create = this.sim.request("POST", "/servers",
				"{\"packageId\": 1, \"userId\": %d, \"hypervisorId\": 1}".formatted(userId));

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> http.send(create, HttpResponse.BodyHandlers.ofString()));

		JsonNode servers = this.sim.get("/servers/user/" + userId).data();
		assertThat(servers).hasSize(1);
		assertThat(servers.get(0).get("state").asString()).isEqualTo("allocated");
		JsonNode stats = this.sim.stats();
		assertThat(stats.get("servers").get("byOwner").get(String.valueOf(userId)).asInt()).isEqualTo(1);
		assertThat(stats.get("faults").get("byKind").get("lost-response").asInt()).isEqualTo(1);
		assertThat(stats.get("calls").get("POST /servers").get("0").asInt()).isEqualTo(1);
		this.sim.createServer(userId, 1, 1);
		assertThat(this.sim.stats().get("servers").get("byOwner").get(String.valueOf(userId)).asInt()).isEqualTo(2);
	}

	@Test
	void expiresARuleAfterItsCount() {
		this.sim.addFault("{\"path\": \"/packages\", \"kind\": \"error\", \"status\": 500, \"count\": 2}");

		assertThat(this.sim.get("/packages").status()).isEqualTo(500);
		assertThat(this.sim.get("/packages").status()).isEqualTo(500);
		assertThat(this.sim.get("/packages").status()).isEqualTo(200);
		assertThat(this.sim.admin("GET", "/faults", null).data()).isEmpty();
	}

	@Test
	void neverFiresWithProbabilityZeroAndAlwaysWithOne() {
		this.sim.addFault("""
				[{"path": "/packages", "kind": "error", "status": 500, "probability": 0},
				 {"path": "/connect", "kind": "error", "status": 502, "probability": 1}]
				""");

		for (int i = 0; i < 20; i++) {
			assertThat(this.sim.get("/packages").status()).isEqualTo(200);
			assertThat(this.sim.get("/connect").status()).isEqualTo(502);
		}
	}

	@Test
	void matchesTemplatesWhateverTheirVariableNamesAndConcretePaths() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);
		int otherId = this.sim.createServer(this.sim.createUser(1002), 1, 1);
		this.sim.addFault("""
				[{"method": "POST", "path": "/servers/{id}/suspend", "kind": "error", "status": 500},
				 {"method": "GET", "path": "/servers/%d", "kind": "error", "status": 503}]
				""".formatted(otherId));

		assertThat(this.sim.post("/servers/" + serverId + "/suspend", null).status()).isEqualTo(500);
		assertThat(this.sim.post("/servers/" + serverId + "/unsuspend", null).status()).isEqualTo(204);
		assertThat(this.sim.get("/servers/" + serverId).status()).isEqualTo(200);
		assertThat(this.sim.get("/servers/" + otherId).status()).isEqualTo(503);
		assertThat(this.sim.delete("/servers/" + otherId).status()).isEqualTo(204);
	}

	@Test
	void listsRemovesAndClearsRules() {
		this.sim.addFault("[{\"kind\": \"latency\", \"latency\": 1}, {\"kind\": \"error\", \"status\": 500}]");
		JsonNode rules = this.sim.admin("GET", "/faults", null).data();
		assertThat(rules).hasSize(2);
		assertThat(rules.get(0).get("kind").asString()).isEqualTo("latency");

		assertThat(this.sim.admin("DELETE", "/faults/" + rules.get(1).get("id").asInt(), null).status()).isEqualTo(204);
		assertThat(this.sim.get("/connect").status()).isEqualTo(200);
		assertThat(this.sim.admin("DELETE", "/faults", null).status()).isEqualTo(204);
		assertThat(this.sim.admin("GET", "/faults", null).data()).isEmpty();
	}

	@Test
	void rejectsRulesItCannotUnderstand() {
		SimulatorClient.Answer unknownField = this.sim.admin("POST", "/faults",
				"{\"kind\": \"latency\", \"latencyMs\": 5}");
		SimulatorClient.Answer unknownKind = this.sim.admin("POST", "/faults", "{\"kind\": \"meteor\"}");
		SimulatorClient.Answer noStatus = this.sim.admin("POST", "/faults", "{\"kind\": \"error\"}");

		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(unknownField.body()).contains("latencyMs");
		assertThat(unknownKind.status()).isEqualTo(400);
		assertThat(noStatus.body()).contains("status");
		assertThat(this.sim.admin("GET", "/faults", null).data()).isEmpty();
	}

	@Test
	void checksTheTokenBeforeAnyFault() {
		this.sim.addFault("{\"kind\": \"error\", \"status\": 500, \"count\": 1}");

		SimulatorClient.Answer anonymous = this.sim.send(this.sim.build("GET", "/api/v1/connect", null, null));

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(this.sim.get("/connect").status()).isEqualTo(500);
	}

}
