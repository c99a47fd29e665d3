package io.vfbridge.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.SimulatorAdmin;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health as an orchestrator and an operator see it: open probes, readiness that a
 * VirtFusion outage does not take down, a VirtFusion indicator per panel that shows the
 * outage, and a queue indicator that degrades (HTTP 200) on stale or dead jobs. (The
 * database being down is in {@code DatabaseOutageIntegrationTests}.)
 */
@IntegrationTest
class HealthIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void clearFaults() {
		new SimulatorAdmin(this.port).clearFaults();
		this.jdbc.update("delete from job where ordering_key like 'health-test:%'");
	}

	@Test
	void answersTheProbesWithoutAKeyAndEverythingElseOnlyToOperators() {
		TestApi api = new TestApi(this.port, this.clock);
		Answer readiness = api.get("/actuator/health/readiness", null);
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
		assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);

		assertThat(api.get("/actuator/health", null).status()).isEqualTo(401);
		assertThat(api.get("/actuator/health", TestApi.BILLING_KEY).status()).isEqualTo(403);
		JsonNode health = api.get("/actuator/health", TestApi.OPERATOR_KEY).json();
		JsonNode components = health.get("components");
		assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("jobEngine").get("status").asString()).isEqualTo("UP");
		JsonNode panel = components.get("virtfusion").get("components").get("default");
		assertThat(panel.get("status").asString()).isEqualTo("UP");
		assertThat(panel.get("details").get("checks").properties()).extracting((entry) -> entry.getKey())
			.containsExactly("connect", "servers", "packages", "users", "hypervisorGroups");
		assertThat(components.get("queue").get("details").has("oldestQueuedAgeSeconds")).isTrue();
	}

	@Test
	void staysReadyWhileVirtFusionIsDownAndShowsTheOutageInItsIndicator() {
		new SimulatorAdmin(this.port)
			.faults("{\"method\": \"GET\", \"path\": \"/connect\", \"kind\": \"error\", \"status\": 503}");
		TestApi api = new TestApi(this.port, this.clock);

		Answer health = api.get("/actuator/health", TestApi.OPERATOR_KEY);
		assertThat(health.status()).as("the whole picture is down: " + health.body()).isEqualTo(503);
		JsonNode panel = health.json().get("components").get("virtfusion").get("components").get("default");
		assertThat(panel.get("status").asString()).isEqualTo("DOWN");
		assertThat(panel.get("details").get("checks").get("connect").asString()).contains("503");
		assertThat(health.body()).doesNotContain(SimulatorAdmin.TOKEN);

		Answer readiness = api.get("/actuator/health/readiness", null);
		assertThat(readiness.status()).as("intake keeps accepting work for later").isEqualTo(200);
		assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void degradesTheQueueWithoutFailingWhenAJobIsDeadOrWaitsTooLong() {
		TestApi api = new TestApi(this.port, this.clock);
		Instant now = this.clock.instant();
		// a job queued a day ago that is not due for another day (so no worker takes it)
		insertJob("queued", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)));
		Answer health = api.get("/actuator/health/queue", TestApi.OPERATOR_KEY);
		assertThat(health.status()).as("degraded is an alert, not an outage").isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("DEGRADED");
		assertThat(health.json().get("details").get("oldestQueuedAgeSeconds").asLong())
			.isGreaterThanOrEqualTo(Duration.ofDays(1).toSeconds());

		this.jdbc.update("delete from job where ordering_key like 'health-test:%'");
		insertJob("dead", now, now);
		Answer dead = api.get("/actuator/health/queue", TestApi.OPERATOR_KEY);
		assertThat(dead.json().get("status").asString()).isEqualTo("DEGRADED");
		assertThat(dead.json().get("details").get("dead").asLong()).isPositive();
	}

	private void insertJob(String status, Instant createdAt, Instant nextRunAt) {
		this.jdbc.update("""
				insert into job (id, ordering_key, type, payload, status, next_run_at, created_at, updated_at)
				values (?, ?, 'health.test', '{}'::jsonb, ?, ?, ?, ?)""", UUID.randomUUID(),
				"health-test:" + UUID.randomUUID(), status, Timestamp.from(nextRunAt), Timestamp.from(createdAt),
				Timestamp.from(createdAt));
	}

}
