package io.vfbridge.simulator;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator on the real clock with a time scale of 600 (a simulated minute passes in
 * a tenth of a second), under the in-app base path, with a fault rule from configuration.
 */
@SpringBootTest(classes = StandaloneSimulator.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "vfbridge.simulator.base-path=/simulator", "vfbridge.simulator.time-scale=600",
				"vfbridge.simulator.build-time=1m", "vfbridge.simulator.task-time=30s",
				"vfbridge.simulator.faults[0].method=GET", "vfbridge.simulator.faults[0].path=/media/iso/{isoId}",
				"vfbridge.simulator.faults[0].kind=error", "vfbridge.simulator.faults[0].status=503",
				"vfbridge.simulator.faults[0].retry-after=5s" })
@ActiveProfiles("simulator")
class SimulatorTimeScaleTests {

	@LocalServerPort
	int port;

	SimulatorClient sim;

	@BeforeEach
	void startFromTheSeed() {
		this.sim = new SimulatorClient(this.port, "/simulator");
		this.sim.reset();
	}

	@Test
	void completesABuildOverScaledTime() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);

		this.sim.build(serverId);

		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.untilAsserted(() -> assertThat(this.sim.server(serverId).get("state").asString()).isEqualTo("complete"));
		assertThat(this.sim.server(serverId).get("commissionStatus").asInt()).isEqualTo(3);
	}

	@Test
	void deletesAfterTheScaledDelay() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);

		this.sim.delete("/servers/" + serverId + "?delay=1");

		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.sim.get("/servers/" + serverId).status() == 404);
	}

	@Test
	void finishesQueueItemsOverScaledTime() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);

		int queueId = this.sim.post("/servers/" + serverId + "/power/restart", null).data().get("queueId").asInt();

		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.sim.get("/queue/" + queueId).data().get("progress").asInt() == 100);
	}

	@Test
	void servesTheApiAndTheHarnessUnderTheBasePathOnly() {
		assertThat(this.sim.get("/connect").status()).isEqualTo(200);
		assertThat(this.sim.send(this.sim.build("GET", "/api/v1/connect", null, SimulatorClient.TOKEN)).status())
			.isEqualTo(404);
		assertThat(this.sim.send(this.sim.build("GET", "/_admin/stats", null, SimulatorClient.TOKEN)).status())
			.isEqualTo(404);
	}

	@Test
	void appliesConfiguredFaultsFromTheStartAndAgainAfterAReset() {
		SimulatorClient.Answer faulted = this.sim.get("/media/iso/1");
		assertThat(faulted.status()).isEqualTo(503);
		assertThat(faulted.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(this.sim.admin("GET", "/faults", null).data().get(0).get("configured").asBoolean()).isTrue();

		this.sim.admin("DELETE", "/faults", null);
		assertThat(this.sim.get("/media/iso/1").status()).isEqualTo(200);

		this.sim.reset();
		assertThat(this.sim.get("/media/iso/1").status()).isEqualTo(503);
	}

}
