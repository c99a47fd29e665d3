package io.vfbridge.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorResourceTests extends SimulatorIntegration {

	/** The seed's Amsterdam group: one hypervisor, 16 GB of memory, 20 addresses. */
	private static final int SMALL_GROUP = 2;

	private static final int MEDIUM_PACKAGE = 2;

	@Test
	void shrinksTheGroupsFreeResourcesAsServersAreCreated() {
		JsonNode before = resources(SMALL_GROUP);

		this.sim.createServer(this.sim.createUser(1001), MEDIUM_PACKAGE, SMALL_GROUP);

		JsonNode after = resources(SMALL_GROUP);
		assertThat(after.get("memory").get("allocated").asInt()).isEqualTo(4096);
		assertThat(after.get("memory").get("free").asInt()).isEqualTo(before.get("memory").get("free").asInt() - 4096);
		assertThat(after.get("cpuCores").get("free").asInt()).isEqualTo(before.get("cpuCores").get("free").asInt() - 2);
		assertThat(after.get("localStorage").get("free").asInt())
			.isEqualTo(before.get("localStorage").get("free").asInt() - 80);
		assertThat(after.get("servers").get("free").asInt()).isEqualTo(9);
		assertThat(after.get("network").get("total").get("ipv4").get("free").asInt())
			.isEqualTo(before.get("network").get("total").get("ipv4").get("free").asInt() - 1);
	}

	@Test
	void refusesAServerWhenTheGroupIsFull() {
		int userId = this.sim.createUser(1001);
		for (int i = 0; i < 4; i++) {
			this.sim.createServer(userId, MEDIUM_PACKAGE, SMALL_GROUP);
		}

		SimulatorClient.Answer full = this.sim.post("/servers",
				"{\"packageId\": 2, \"userId\": %d, \"hypervisorId\": 2}".formatted(userId));

		assertThat(full.status()).isEqualTo(422);
		assertThat(full.json().get("errors").get(0).asString()).contains("no hypervisors available");
		assertThat(this.sim.stats().get("servers").get("total").asInt()).isEqualTo(4);
		assertThat(resources(SMALL_GROUP).get("memory").get("free").asInt()).isZero();
	}

	@Test
	void givesResourcesAndAddressesBackWhenAServerIsDeleted() {
		JsonNode before = resources(SMALL_GROUP);
		int serverId = this.sim.createServer(this.sim.createUser(1001), MEDIUM_PACKAGE, SMALL_GROUP);

		this.sim.delete("/servers/" + serverId + "?delay=0");

		assertThat(resources(SMALL_GROUP)).isEqualTo(before);
	}

	@Test
	void refusesAServerWhenTheGroupHasTooFewAddresses() {
		int userId = this.sim.createUser(1001);

		SimulatorClient.Answer greedy = this.sim.post("/servers",
				"{\"packageId\": 1, \"userId\": %d, \"hypervisorId\": 2, \"ipv4\": 21}".formatted(userId));
		SimulatorClient.Answer all = this.sim.post("/servers",
				"{\"packageId\": 1, \"userId\": %d, \"hypervisorId\": 2, \"ipv4\": 20}".formatted(userId));

		assertThat(greedy.status()).isEqualTo(422);
		assertThat(greedy.json().get("errors").get(0).asString()).contains("IPv4");
		assertThat(all.status()).isEqualTo(201);
		assertThat(all.data().get("network").get("interfaces").get(0).get("ipv4")).hasSize(20);
		assertThat(this.sim.get("/connectivity/ipblocks/3").data().get("ipv4").get("freeTotal").asInt()).isZero();
	}

	@Test
	void validatesADryRunWithoutCreatingAnything() {
		int userId = this.sim.createUser(1001);

		SimulatorClient.Answer valid = this.sim.post("/servers?dryRun=true",
				"{\"packageId\": 1, \"userId\": %d, \"hypervisorId\": 1}".formatted(userId));
		SimulatorClient.Answer invalid = this.sim.post("/servers?dryRun=true",
				"{\"packageId\": 4, \"userId\": %d, \"hypervisorId\": 1, \"firewallRulesets\": [3]}".formatted(userId));

		assertThat(valid.status()).isEqualTo(200);
		assertThat(invalid.status()).isEqualTo(422);
		assertThat(invalid.json().get("errors").toString()).contains("The selected package id is invalid.",
				"The firewall ruleset 3 is invalid or disabled.");
		assertThat(this.sim.stats().get("servers").get("total").asInt()).isZero();
	}

	@Test
	void addsAnAddressRangeToAnIpBlock() {
		SimulatorClient.Answer added = this.sim.post("/connectivity/ipblocks/3/ipv4",
				"{\"type\": \"range\", \"start\": \"192.0.2.160\", \"end\": \"192.0.2.169\"}");
		SimulatorClient.Answer overlapping = this.sim.post("/connectivity/ipblocks/3/ipv4",
				"{\"type\": \"range\", \"start\": \"192.0.2.150\", \"end\": \"192.0.2.165\"}");

		assertThat(added.status()).isEqualTo(204);
		assertThat(overlapping.status()).isEqualTo(422);
		assertThat(this.sim.get("/connectivity/ipblocks/3").data().get("ipv4").get("total").asInt()).isEqualTo(30);
		assertThat(this.sim
			.post("/connectivity/ipblocks/99/ipv4",
					"{\"type\": \"range\", \"start\": \"10.0.0.1\", \"end\": \"10.0.0.2\"}")
			.status()).isEqualTo(404);
	}

	private JsonNode resources(int groupId) {
		return this.sim.get("/compute/hypervisors/groups/" + groupId + "/resources")
			.json()
			.get("data")
			.get(0)
			.get("resources");
	}

}
