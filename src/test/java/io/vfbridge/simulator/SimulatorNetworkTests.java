package io.vfbridge.simulator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorNetworkTests extends SimulatorIntegration {

	private String server;

	@BeforeEach
	void createAServer() {
		this.server = "/servers/" + this.sim.createServer(this.sim.createUser(1001), 1, 1);
	}

	@Test
	void whitelistsAndRemovesAnAddressWithADeleteBody() {
		SimulatorClient.Answer added = this.sim.post(this.server + "/networkWhitelist",
				"{\"interface\": \"primary\", \"ip\": \"2001:db8::10\", \"cidr\": 128}");
		JsonNode whitelist = primaryInterface().get("ipWhitelist");
		SimulatorClient.Answer removed = this.sim.delete(this.server + "/networkWhitelist",
				"{\"interface\": \"primary\", \"ip\": \"2001:db8::10\"}");

		assertThat(added.status()).isEqualTo(201);
		assertThat(added.body()).isEmpty();
		assertThat(whitelist.get(0).get("ip").asString()).isEqualTo("2001:db8::10");
		assertThat(removed.status()).isEqualTo(204);
		assertThat(primaryInterface().get("ipWhitelist")).isEmpty();
		assertThat(this.sim.delete(this.server + "/networkWhitelist", "{}").status()).isEqualTo(422);
	}

	@Test
	void addsAndRemovesIpv4Addresses() {
		SimulatorClient.Answer quantity = this.sim.post(this.server + "/ipv4Qty",
				"{\"interface\": \"primary\", \"quantity\": 2}");
		SimulatorClient.Answer explicit = this.sim.post(this.server + "/ipv4",
				"{\"interface\": \"primary\", \"ip\": [\"203.0.113.50\"]}");

		assertThat(quantity.status()).isEqualTo(200);
		assertThat(quantity.data()).hasSize(2);
		assertThat(explicit.status()).isEqualTo(204);
		assertThat(primaryInterface().get("ipv4")).hasSize(4);
		String added = quantity.data().get(0).asString();
		SimulatorClient.Answer removed = this.sim.delete(this.server + "/ipv4",
				"{\"ip\": [\"%s\", \"203.0.113.50\"]}".formatted(added));
		assertThat(removed.status()).isEqualTo(204);
		assertThat(primaryInterface().get("ipv4")).hasSize(2);
		assertThat(this.sim.delete(this.server + "/ipv4", "{\"ip\": [\"10.9.9.9\"]}").status()).isEqualTo(422);
		assertThat(
				this.sim.post(this.server + "/ipv4", "{\"interface\": \"primary\", \"ip\": [\"10.9.9.9\"]}").status())
			.isEqualTo(422);
	}

	@Test
	void enablesTheFirewallAndAppliesRulesets() {
		SimulatorClient.Answer enabled = this.sim.post(this.server + "/firewall/primary/enable?sync=true", null);
		SimulatorClient.Answer rules = this.sim.post(this.server + "/firewall/primary/rules", "{\"rulesets\": [1, 2]}");

		assertThat(enabled.status()).isEqualTo(200);
		assertThat(enabled.body()).isEmpty();
		assertThat(rules.status()).isEqualTo(201);
		JsonNode firewall = this.sim.get(this.server + "/firewall/primary").data();
		assertThat(firewall.get("enabled").asBoolean()).isTrue();
		assertThat(firewall.get("rules")).isEmpty();
		assertThat(primaryInterface().get("firewall").toString()).isEqualTo("[1,2]");
		assertThat(this.sim.post(this.server + "/firewall/primary/rules", "{\"rulesets\": []}").status())
			.isEqualTo(201);
		assertThat(primaryInterface().get("firewall")).isEmpty();
		assertThat(this.sim.post(this.server + "/firewall/primary/rules", "{}").status()).isEqualTo(422);
		assertThat(this.sim.post(this.server + "/firewall/tertiary/enable", null).status()).isEqualTo(422);
	}

	@Test
	void offersTrafficBlocksForMonthsKeyedByNumericStrings() {
		JsonNode blocks = this.sim.get(this.server + "/traffic/blocks").data();

		assertThat(blocks.get("available").get("total").asInt()).isEqualTo(25);
		assertThat(blocks.get("available").get("months").propertyNames()).hasSize(25).contains("1", "25");
		assertThat(blocks.get("available").get("current").get("month").asInt()).isEqualTo(1);
		assertThat(this.sim.post(this.server + "/traffic/blocks", "{\"month\": 1, \"amount\": 100}").status())
			.isEqualTo(201);
		assertThat(this.sim.post(this.server + "/traffic/blocks", "{\"month\": 26, \"amount\": 100}").status())
			.isEqualTo(422);
		JsonNode assigned = this.sim.get(this.server + "/traffic/blocks").data().get("assigned").get(0);
		assertThat(assigned.get("current").asBoolean()).isTrue();
		assertThat(assigned.get("traffic").asInt()).isEqualTo(100);
		JsonNode statistics = this.sim.get(this.server + "/traffic").data().get("monthly").get(0);
		assertThat(statistics.get("limit").asInt()).isEqualTo(1100);
		assertThat(statistics.get("total").asLong()).isZero();
		int blockId = assigned.get("id").asInt();
		assertThat(this.sim.delete(this.server + "/traffic/blocks/" + blockId).status()).isEqualTo(204);
		assertThat(this.sim.delete(this.server + "/traffic/blocks/" + blockId).status()).isEqualTo(404);
	}

	@Test
	void modifiesTrafficThrottleAndBackupPlan() {
		assertThat(this.sim.put(this.server + "/modify/traffic", "{\"traffic\": 0}").status()).isEqualTo(201);
		assertThat(this.sim.put(this.server + "/modify/cpuThrottle?sync=true", "{\"percent\": 50}").status())
			.isEqualTo(201);
		assertThat(this.sim.put(this.server + "/modify/cpuThrottle", "{\"percent\": 100}").status()).isEqualTo(422);
		assertThat(this.sim.put(this.server + "/backups/plan/2", null).status()).isEqualTo(201);
		assertThat(this.sim.put(this.server + "/backups/plan/9", null).status()).isEqualTo(404);
		JsonNode server = this.sim.get(this.server).data();
		assertThat(server.get("settings").get("resources").get("traffic").asInt()).isZero();
		assertThat(server.get("cpu").get("throttle").asInt()).isEqualTo(50);
		assertThat(server.get("backupPlan").get("id").asInt()).isEqualTo(2);
		assertThat(this.sim.put(this.server + "/backups/plan/0", null).status()).isEqualTo(201);
		assertThat(this.sim.get(this.server).data().get("backupPlan").get("id").isNull()).isTrue();
	}

	private JsonNode primaryInterface() {
		return this.sim.get(this.server).data().get("network").get("interfaces").get(0);
	}

}
