package io.vfbridge.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorAdminTests extends SimulatorIntegration {

	@Test
	void resetsToTheSeedAndForgetsFaultsAndCounters() {
		JsonNode seededBlock = this.sim.get("/connectivity/ipblocks/1").data();
		int userId = this.sim.createUser(1001);
		this.sim.createServer(userId, 1, 1);
		this.sim.addFault("{\"path\": \"/packages\", \"kind\": \"error\", \"status\": 500}");

		this.sim.reset();

		JsonNode stats = this.sim.stats();
		assertThat(stats.get("users").get("total").asInt()).isZero();
		assertThat(stats.get("servers").get("total").asInt()).isZero();
		assertThat(stats.get("faults").get("active").asInt()).isZero();
		assertThat(stats.get("faults").get("applied").asInt()).isZero();
		assertThat(stats.get("calls")).isEmpty();
		assertThat(this.sim.get("/packages").status()).isEqualTo(200);
		assertThat(this.sim.get("/users/1001/byExtRelation").status()).isEqualTo(404);
		assertThat(this.sim.get("/connectivity/ipblocks/1").data()).isEqualTo(seededBlock);
		assertThat(this.sim.createUser(1001)).isEqualTo(1);
	}

	@Test
	void countsCallsPerOperationAndStatusAndServersPerOwnerAndState() {
		int ann = this.sim.createUser(1001);
		int bob = this.sim.createUser(1002);
		int annServer = this.sim.createServer(ann, 1, 1);
		this.sim.createServer(bob, 1, 1);
		this.sim.createServer(bob, 1, 1);
		this.sim.build(annServer);
		this.sim.get("/servers/" + annServer);
		this.sim.get("/servers/999");

		JsonNode stats = this.sim.stats();

		assertThat(stats.get("calls").get("POST /servers").get("201").asInt()).isEqualTo(3);
		assertThat(stats.get("calls").get("GET /servers/{serverId}").get("200").asInt()).isEqualTo(1);
		assertThat(stats.get("calls").get("GET /servers/{serverId}").get("404").asInt()).isEqualTo(1);
		assertThat(stats.get("totalCalls").asInt()).isEqualTo(8);
		assertThat(stats.get("users").get("total").asInt()).isEqualTo(2);
		JsonNode servers = stats.get("servers");
		assertThat(servers.get("total").asInt()).isEqualTo(3);
		assertThat(servers.get("byOwner").get(String.valueOf(ann)).asInt()).isEqualTo(1);
		assertThat(servers.get("byOwner").get(String.valueOf(bob)).asInt()).isEqualTo(2);
		assertThat(servers.get("byOwnerExtRelationId").get("1002").asInt()).isEqualTo(2);
		assertThat(servers.get("byState").get("allocated").asInt()).isEqualTo(2);
		assertThat(servers.get("byState").get("queued").asInt()).isEqualTo(1);
		assertThat(servers.get("byState").get("complete").asInt()).isZero();
	}

	@Test
	void refusesTheHarnessWithoutTheSimulatorsToken() {
		this.sim.addFault("{\"path\": \"/packages\", \"kind\": \"error\", \"status\": 500}");
		for (String[] call : new String[][] { { "GET", "/_admin/stats" }, { "GET", "/_admin/faults" },
				{ "POST", "/_admin/reset" }, { "DELETE", "/_admin/faults" } }) {
			assertThat(this.sim.send(this.sim.build(call[0], call[1], null, null)).status()).as(call[1]).isEqualTo(401);
			assertThat(this.sim.send(this.sim.build(call[0], call[1], null, "another-token")).status()).as(call[1])
				.isEqualTo(401);
		}
		// nothing was reset or cleared
		assertThat(this.sim.get("/packages").status()).isEqualTo(500);
		assertThat(this.sim.stats().get("faults").get("active").asInt()).isEqualTo(1);
	}

}
