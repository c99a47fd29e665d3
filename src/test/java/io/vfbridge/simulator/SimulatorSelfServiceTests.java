package io.vfbridge.simulator;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorSelfServiceTests extends SimulatorIntegration {

	private int userId;

	@BeforeEach
	void createAUser() {
		this.userId = this.sim.createUser(1001);
	}

	@Test
	void addsAndCancelsCredit() {
		SimulatorClient.Answer added = this.sim.post("/selfService/credit/byUserExtRelationId/1001",
				"{\"tokens\": 1500.5, \"reference_1\": 9001, \"reference_2\": \"invoice 9001\"}");

		assertThat(added.status()).isEqualTo(201);
		int creditId = added.data().get("id").asInt();
		assertThat(this.sim.get("/selfService/hourlyStats/byUserExtRelationId/1001")
			.data()
			.get("credit")
			.get("value")
			.asDouble()).isEqualTo(1500.5);
		assertThat(this.sim.delete("/selfService/credit/" + creditId).status()).isEqualTo(204);
		assertThat(this.sim.get("/selfService/hourlyStats/byUserExtRelationId/1001")
			.data()
			.get("credit")
			.get("value")
			.asDouble()).isZero();
		assertThat(this.sim.delete("/selfService/credit/999").status()).isEqualTo(404);
		assertThat(this.sim.post("/selfService/credit/byUserExtRelationId/1001", "{}").status()).isEqualTo(422);
		assertThat(this.sim.post("/selfService/credit/byUserExtRelationId/4242", "{\"tokens\": 1}").status())
			.isEqualTo(404);
	}

	@Test
	void managesAResourcePackAndItsServers() {
		SimulatorClient.Answer added = this.sim.post("/selfService/resourcePack/byUserExtRelationId/1001",
				"{\"packId\": 1, \"enabled\": true}");
		int packId = added.data().get("id").asInt();
		int serverId = this.sim.createServer(this.userId, 1, 1);

		JsonNode pack = this.sim.get("/selfService/resourcePack/" + packId + "?withServers=true").data();

		assertThat(added.status()).isEqualTo(201);
		assertThat(pack.get("type").asString()).isEqualTo("pack");
		assertThat(pack.get("pid").asInt()).isEqualTo(1);
		assertThat(pack.get("limits").get("total_servers").asInt()).isEqualTo(2);
		assertThat(pack.get("used").get("servers").asInt()).isEqualTo(1);
		assertThat(pack.get("usage").get("memory").get("u").asInt()).isEqualTo(1024);
		assertThat(pack.get("servers").get(0).get("id").asInt()).isEqualTo(serverId);
		String packServers = "/selfService/resourcePackServers/" + packId;
		assertThat(this.sim.post(packServers + "/suspend", null).status()).isEqualTo(204);
		assertThat(this.sim.server(serverId).get("suspended").asBoolean()).isTrue();
		assertThat(this.sim.post(packServers + "/unsuspend", null).status()).isEqualTo(204);
		assertThat(this.sim.server(serverId).get("suspended").asBoolean()).isFalse();
		assertThat(this.sim.put("/selfService/resourcePack/" + packId, "{\"enabled\": false}").status()).isEqualTo(204);
		assertThat(this.sim.delete("/selfService/resourcePack/" + packId).status()).isEqualTo(422);
		assertThat(this.sim.delete(packServers + "?delay=0").status()).isEqualTo(204);
		assertThat(this.sim.get("/servers/" + serverId).status()).isEqualTo(404);
		assertThat(this.sim.delete("/selfService/resourcePack/" + packId).status()).isEqualTo(204);
		assertThat(this.sim.get("/selfService/resourcePack/" + packId).status()).isEqualTo(404);
	}

	@Test
	void deletesAPacksServersAfterThirtyMinutesByDefault() {
		int packId = this.sim.post("/selfService/resourcePack/byUserExtRelationId/1001", "{\"packId\": 2}")
			.data()
			.get("id")
			.asInt();
		int serverId = this.sim.createServer(this.userId, 1, 1);

		this.sim.delete("/selfService/resourcePackServers/" + packId);

		this.clock.advance(Duration.ofMinutes(29));
		assertThat(this.sim.get("/servers/" + serverId).status()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.sim.get("/servers/" + serverId).status()).isEqualTo(404);
	}

	@Test
	void reportsFalseForEveryTotalWithoutUsage() {
		JsonNode report = this.sim.get("/selfService/report/byUserExtRelationId/1001?period=0&currency=USD").data();

		JsonNode total = report.get("usage").get("serversTotal");
		assertThat(total.get("hours").isBoolean()).isTrue();
		assertThat(total.get("value").asBoolean()).isFalse();
		assertThat(total.get("tokens").asBoolean()).isFalse();
		assertThat(report.get("currency").get("code").asString()).isEqualTo("USD");
		assertThat(report.get("currency").get("value").decimalValue()).isEqualByComparingTo("0.01");
		assertThat(report.get("limits").get("success").asBoolean()).isTrue();
		assertThat(this.sim.get("/selfService/report/byUserExtRelationId/1001?currency=XYZ").status()).isEqualTo(422);
		assertThat(this.sim.get("/selfService/report/byUserExtRelationId/1001?period=25").status()).isEqualTo(422);
	}

	@Test
	void reportsTheHoursAndCostOfTheUsersServers() {
		this.sim.createServer(this.userId, 2, 1);
		this.clock.advance(Duration.ofHours(10));

		JsonNode total = this.sim.get("/selfService/report/byUserExtRelationId/1001")
			.data()
			.get("usage")
			.get("serversTotal");
		JsonNode usage = this.sim.get("/selfService/usage/byUserExtRelationId/1001?range=m").data();
		JsonNode stats = this.sim.get("/selfService/hourlyStats/byUserExtRelationId/1001").data();

		assertThat(total.get("hours").asInt()).isEqualTo(10);
		assertThat(total.get("value").asString()).isEqualTo("0.27");
		assertThat(total.get("tokens").asDouble()).isEqualTo(27.0);
		assertThat(usage.get("user").get("relationalId").asInt()).isEqualTo(1001);
		assertThat(usage.get("usageServers").get("hours").asInt()).isEqualTo(10);
		assertThat(usage.get("periods").get(0).get("range").asString()).isEqualTo("month");
		assertThat(stats.get("servers").asInt()).isEqualTo(1);
		assertThat(stats.get("monthlyTotal").get("value").asString()).isEqualTo("0.27");
		assertThat(this.sim.get("/selfService/usage/byUserExtRelationId/1001?range=year").status()).isEqualTo(422);
		assertThat(this.sim.get("/selfService/usage/byUserExtRelationId/1001?period%5B%5D=2025-13-01").status())
			.isEqualTo(422);
	}

	@Test
	void assignsAndRemovesProfilesAndAccess() {
		String ext = "/byUserExtRelationId/1001";

		assertThat(this.sim.post("/selfService/hourlyGroupProfile" + ext, "{\"profileId\": 1}").status())
			.isEqualTo(204);
		assertThat(this.sim.post("/selfService/resourceGroupProfile" + ext, "{\"profileId\": 1}").status())
			.isEqualTo(204);
		assertThat(this.sim.post("/selfService/hourlyGroupProfile" + ext, "{\"profileId\": 9}").status())
			.isEqualTo(422);
		JsonNode user = this.sim.get("/users/1001/byExtRelation").data();
		assertThat(user.get("selfServiceHourlyGroupProfiles").toString()).isEqualTo("[1]");
		assertThat(user.get("selfServiceResourceGroupProfiles").toString()).isEqualTo("[1]");
		assertThat(this.sim.delete("/selfService/hourlyGroupProfile/1" + ext).status()).isEqualTo(204);
		assertThat(this.sim.delete("/selfService/resourceGroupProfile/1" + ext).status()).isEqualTo(204);
		assertThat(this.sim.get("/users/1001/byExtRelation").data().get("selfServiceHourlyGroupProfiles")).isEmpty();
		assertThat(this.sim.put("/selfService/hourlyResourcePack" + ext, "{\"packId\": 2}").status()).isEqualTo(204);
		assertThat(this.sim.get("/users/1001/byExtRelation").data().get("selfServiceHourlyResourcePack").asInt())
			.isEqualTo(2);
		assertThat(this.sim.put("/selfService/access" + ext, "{\"syncToProfiles\": true}").status()).isEqualTo(204);
		assertThat(this.sim.put("/selfService/access" + ext, "{}").status()).isEqualTo(422);
	}

}
