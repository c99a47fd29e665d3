package io.vfbridge.simulator;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorServerLifecycleTests extends SimulatorIntegration {

	@Test
	void createsAnAllocatedUnbuiltServerWithAnAddressAssigned() {
		int userId = this.sim.createUser(1001);

		SimulatorClient.Answer answer = this.sim.post("/servers", """
				{"packageId": 1, "userId": %d, "hypervisorId": 1, "unknownField": "ignored"}
				""".formatted(userId));

		assertThat(answer.status()).isEqualTo(201);
		JsonNode server = answer.data();
		assertThat(server.get("state").asString()).isEqualTo("allocated");
		assertThat(server.get("commissionStatus").asInt()).isZero();
		assertThat(server.get("built").isNull()).isTrue();
		assertThat(server.get("name").asString()).isEmpty();
		assertThat(server.get("hostname").isNull()).isTrue();
		assertThat(server.get("ownerId").asInt()).isEqualTo(userId);
		assertThat(server.get("owner").get("extRelationId").asInt()).isEqualTo(1001);
		assertThat(server.get("settings").get("resources").get("memory").asInt()).isEqualTo(1024);
		assertThat(server.get("network").get("interfaces").get(0).get("ipv4").get(0).get("address").asString())
			.startsWith("198.51.100.");
		assertThat(server.get("tasks").get("active").asBoolean()).isFalse();
		assertThat(server.get("remoteState").asBoolean()).isFalse();
	}

	@Test
	void buildsAServerThatCompletesOnceTheBuildTimeHasPassed() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);

		JsonNode building = this.sim.build(serverId).data();

		assertThat(building.get("state").asString()).isEqualTo("queued");
		assertThat(building.get("commissionStatus").asInt()).isEqualTo(1);
		assertThat(building.get("tasks").get("active").asBoolean()).isTrue();
		assertThat(building.get("settings").get("decryptedPassword").asString()).hasSizeGreaterThanOrEqualTo(12);
		assertThat(building.get("name").asString()).isEqualTo("web" + serverId);
		this.clock.advance(Duration.ofSeconds(119));
		assertThat(this.sim.server(serverId).get("state").asString()).isEqualTo("queued");
		this.clock.advance(Duration.ofSeconds(1));
		JsonNode built = this.sim.server(serverId);
		assertThat(built.get("state").asString()).isEqualTo("complete");
		assertThat(built.get("commissionStatus").asInt()).isEqualTo(3);
		assertThat(OffsetDateTime.parse(built.get("built").asString()))
			.isEqualTo(OffsetDateTime.parse(building.get("updated").asString()).plusMinutes(2));
		assertThat(built.get("tasks").get("active").asBoolean()).isFalse();
		assertThat(built.get("settings").has("decryptedPassword")).isFalse();
		assertThat(built.get("qemuAgent").get("os").get("pretty-name").asString()).isEqualTo("Debian 12");
	}

	@Test
	void returns423WhileBuildIsRunning() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);
		this.sim.build(serverId);

		String path = "/servers/" + serverId;
		assertThat(this.sim.post(path + "/suspend", null).status()).isEqualTo(423);
		assertThat(this.sim.post(path + "/unsuspend", null).status()).isEqualTo(423);
		assertThat(this.sim.put(path + "/package/2", null).status()).isEqualTo(423);
		assertThat(this.sim.post(path + "/build", "{\"operatingSystemId\": 3}").status()).isEqualTo(423);
		SimulatorClient.Answer delete = this.sim.delete(path + "?delay=0");
		assertThat(delete.status()).isEqualTo(423);
		assertThat(delete.json().get("msg").asString()).contains("locked");
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.sim.post(path + "/suspend", null).status()).isEqualTo(204);
	}

	@Test
	void rebuildsACompleteServer() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);
		this.sim.build(serverId);
		this.clock.advance(Duration.ofMinutes(2));

		SimulatorClient.Answer rebuild = this.sim.post("/servers/" + serverId + "/build",
				"{\"operatingSystemId\": 3, \"email\": true}");

		assertThat(rebuild.status()).isEqualTo(200);
		assertThat(rebuild.data().get("state").asString()).isEqualTo("queued");
		assertThat(rebuild.data().get("rebuild").asBoolean()).isTrue();
		assertThat(rebuild.data().get("name").asString()).isEqualTo("web" + serverId);
	}

	@Test
	void refusesABuildWithAnOperatingSystemThePackageDoesNotOffer() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);

		SimulatorClient.Answer windows = this.sim.post("/servers/" + serverId + "/build", "{\"operatingSystemId\": 6}");
		SimulatorClient.Answer missing = this.sim.post("/servers/" + serverId + "/build", "{}");

		assertThat(windows.status()).isEqualTo(422);
		assertThat(windows.json().get("errors").get(0).asString())
			.isEqualTo("The selected operating system id is invalid.");
		assertThat(missing.json().get("errors").get(0).asString())
			.isEqualTo("The operating system id field is required.");
	}

	@Test
	void suspendsAndUnsuspendsAServer() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);

		assertThat(this.sim.post("/servers/" + serverId + "/suspend", null).status()).isEqualTo(204);
		assertThat(this.sim.server(serverId).get("suspended").asBoolean()).isTrue();
		assertThat(this.sim.stats().get("servers").get("suspended").asInt()).isEqualTo(1);
		assertThat(this.sim.post("/servers/" + serverId + "/unsuspend", null).status()).isEqualTo(204);
		assertThat(this.sim.server(serverId).get("suspended").asBoolean()).isFalse();
		assertThat(this.sim.post("/servers/999/suspend", null).json().get("msg").asString())
			.isEqualTo("server not found");
	}

	@Test
	void deletesAServerOnlyAfterTheRequestedDelay() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);

		assertThat(this.sim.delete("/servers/" + serverId + "?delay=10").status()).isEqualTo(204);

		assertThat(this.sim.stats().get("servers").get("pendingDeletion").asInt()).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(this.sim.get("/servers/" + serverId).status()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(1));
		SimulatorClient.Answer gone = this.sim.get("/servers/" + serverId);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.json().get("msg").asString()).isEqualTo("server not found");
		assertThat(this.sim.delete("/servers/" + serverId).status()).isEqualTo(404);
		assertThat(this.sim.stats().get("servers").get("total").asInt()).isZero();
	}

	@Test
	void deletesAtOnceWithZeroDelayAndAfterFiveMinutesWithoutADelay() {
		int userId = this.sim.createUser(1001);
		int now = this.sim.createServer(userId, 1, 1);
		int later = this.sim.createServer(userId, 1, 1);

		this.sim.delete("/servers/" + now + "?delay=0");
		this.sim.delete("/servers/" + later);

		assertThat(this.sim.get("/servers/" + now).status()).isEqualTo(404);
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(this.sim.get("/servers/" + later).status()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.sim.get("/servers/" + later).status()).isEqualTo(404);
		int third = this.sim.createServer(userId, 1, 1);
		assertThat(this.sim.delete("/servers/" + third + "?delay=99999").status()).isEqualTo(422);
	}

	@Test
	void changesThePackageAndReportsTheDiskItDidNotShrink() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 3, 1);

		SimulatorClient.Answer answer = this.sim.put("/servers/" + serverId + "/package/1", null);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("info").get(0).asString()).contains("never shrunk");
		JsonNode resources = this.sim.server(serverId).get("settings").get("resources");
		assertThat(resources.get("memory").asInt()).isEqualTo(1024);
		assertThat(resources.get("cpuCores").asInt()).isEqualTo(1);
		assertThat(resources.get("storage").asInt()).isEqualTo(160);
		assertThat(this.sim.put("/servers/" + serverId + "/package/99", null).status()).isEqualTo(404);
	}

	@Test
	void keepsResourcesTheBodyTellsItNotToChange() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);

		SimulatorClient.Answer answer = this.sim.put("/servers/" + serverId + "/package/2",
				"{\"memory\": false, \"cpu\": true}");

		assertThat(answer.json().get("info").toString()).contains("memory");
		JsonNode server = this.sim.server(serverId);
		assertThat(server.get("settings").get("resources").get("memory").asInt()).isEqualTo(1024);
		assertThat(server.get("settings").get("resources").get("cpuCores").asInt()).isEqualTo(2);
		assertThat(server.get("backupPlan").get("id").asInt()).isEqualTo(1);
	}

	@Test
	void renamesAServerAndChangesItsOwner() {
		int first = this.sim.createUser(1001);
		int second = this.sim.createUser(1002);
		int serverId = this.sim.createServer(first, 1, 1);

		SimulatorClient.Answer rename = this.sim.put("/servers/" + serverId + "/modify/name", "{\"name\": \"db1\"}");
		SimulatorClient.Answer move = this.sim.put("/servers/" + serverId + "/owner/" + second, null);
		SimulatorClient.Answer again = this.sim.put("/servers/" + serverId + "/owner/" + second, null);

		assertThat(rename.status()).isEqualTo(201);
		assertThat(rename.body()).isEmpty();
		assertThat(move.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(422);
		assertThat(again.json().get("errors").get(0).asString()).contains("same as the existing owner");
		JsonNode server = this.sim.server(serverId);
		assertThat(server.get("name").asString()).isEqualTo("db1");
		assertThat(server.get("ownerId").asInt()).isEqualTo(second);
		assertThat(this.sim.stats().get("servers").get("byOwnerExtRelationId").get("1002").asInt()).isEqualTo(1);
		assertThat(this.sim.put("/servers/" + serverId + "/owner/999", null).status()).isEqualTo(404);
	}

	@Test
	void listsServersWithOwnerAsAnIntAndAUsersServersWithTheirOwnShape() {
		int userId = this.sim.createUser(1001);
		int serverId = this.sim.createServer(userId, 2, 1);

		JsonNode listed = this.sim.get("/servers").json().get("data").get(0);
		JsonNode full = this.sim.get("/servers?type=full").json().get("data").get(0);
		JsonNode mine = this.sim.get("/servers/user/" + userId).data().get(0);

		assertThat(listed.get("owner").asInt()).isEqualTo(userId);
		assertThat(listed.has("ownerId")).isFalse();
		assertThat(listed.get("commissioned").asInt()).isZero();
		assertThat(full.get("owner").get("id").asInt()).isEqualTo(userId);
		assertThat(mine.get("id").asInt()).isEqualTo(serverId);
		assertThat(mine.get("ownerId").asInt()).isEqualTo(userId);
		assertThat(mine.get("backup_plan").get("name").asString()).isEqualTo("Daily (7 days)");
		assertThat(mine.get("vnc").get("enabled").asInt()).isZero();
		assertThat(this.sim.get("/servers/user/999").status()).isEqualTo(404);
	}

	@Test
	void runsPowerActionsAsQueueItemsThatFinish() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);

		SimulatorClient.Answer boot = this.sim.post("/servers/" + serverId + "/power/boot", null);

		assertThat(boot.status()).isEqualTo(200);
		int queueId = boot.data().get("queueId").asInt();
		JsonNode running = this.sim.get("/queue/" + queueId).data();
		assertThat(running.get("finished").isNull()).isTrue();
		assertThat(running.get("progress").asInt()).isLessThan(100);
		assertThat(running.get("serverId").asInt()).isEqualTo(serverId);
		this.clock.advance(Duration.ofSeconds(10));
		JsonNode finished = this.sim.get("/queue/" + queueId).data();
		assertThat(finished.get("progress").asInt()).isEqualTo(100);
		assertThat(finished.get("finished").isNull()).isFalse();
		assertThat(finished.get("failed").asBoolean()).isFalse();
		JsonNode remote = this.sim.get("/servers/" + serverId + "?remoteState=true").data().get("remoteState");
		assertThat(remote.get("running").asBoolean()).isTrue();
		assertThat(this.sim.get("/queue/999").status()).isEqualTo(404);
	}

	@Test
	void resetsTheRootPasswordThroughTheQueue() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);

		SimulatorClient.Answer reset = this.sim.post("/servers/" + serverId + "/resetPassword",
				"{\"user\": \"root\", \"sendMail\": false}");
		SimulatorClient.Answer withoutUser = this.sim.post("/servers/" + serverId + "/resetPassword", "{}");

		assertThat(reset.status()).isEqualTo(200);
		assertThat(reset.data().get("queueId").asInt()).isPositive();
		assertThat(reset.data().get("expectedPassword").asString()).isNotBlank();
		assertThat(withoutUser.status()).isEqualTo(422);
	}

	@Test
	void togglesVncAndAcceptsTheDocumentedAndTheChangelogBodies() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);

		SimulatorClient.Answer enable = this.sim.post("/servers/" + serverId + "/vnc", "{\"action\": \"enable\"}");
		SimulatorClient.Answer disable = this.sim.post("/servers/" + serverId + "/vnc", "{\"vnc\": false}");

		assertThat(enable.data().get("vnc").get("enabled").asBoolean()).isTrue();
		assertThat(enable.data().get("vnc").get("wss").get("url").asString()).startsWith("/vnc/?token=");
		assertThat(enable.data().get("queueId").asInt()).isPositive();
		assertThat(disable.data().get("vnc").get("enabled").asBoolean()).isFalse();
		assertThat(this.sim.post("/servers/" + serverId + "/vnc", "{\"action\": \"maybe\"}").status()).isEqualTo(422);
	}

}
