package io.vfbridge.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the reference (sections 2–12) and the five neighbours of section 13,
 * called once in a sensible order with the success status the reference gives it, and the
 * body it promises (JSON, or none).
 */
class SimulatorOperationsTests extends SimulatorIntegration {

	private static final String KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7simulatorkey ops@example";

	private final List<String> failures = new ArrayList<>();

	private final Set<String> called = new TreeSet<>();

	@Test
	void servesEveryDocumentedOperationWithItsSuccessStatus() {
		int user = this.sim.createUser(1001);
		this.sim.createUser(1002);
		int server = this.sim.createServer(user, 1, 1);
		String s = "/servers/" + server;
		String ext = "/byUserExtRelationId/1001";

		call("GET", "/connect", null, 200, true);
		call("GET", "/compute/hypervisors", null, 200, true);
		call("GET", "/compute/hypervisors/1", null, 200, true);
		call("GET", "/compute/hypervisors/groups", null, 200, true);
		call("GET", "/compute/hypervisors/groups/1", null, 200, true);
		call("GET", "/compute/hypervisors/groups/1/resources", null, 200, true);
		int key = call("POST", "/ssh_keys",
				"{\"userId\": %d, \"name\": \"k\", \"publicKey\": \"%s\"}".formatted(user, KEY), 201, true)
			.get("data")
			.get("id")
			.asInt();
		call("GET", "/ssh_keys/" + key, null, 200, true);
		call("GET", "/ssh_keys/user/" + user, null, 200, true);
		call("POST", s + "/build", "{\"operatingSystemId\": 1, \"sshKeys\": [%d], \"swap\": 512}".formatted(key), 200,
				true);
		this.clock.advance(Duration.ofMinutes(2));
		call("GET", s, null, 200, true);
		call("GET", "/servers", null, 200, true);
		call("GET", "/servers/user/" + user, null, 200, true);
		call("GET", s + "/templates", null, 200, true);
		call("POST", s + "/firewall/primary/enable", null, 200, false);
		call("POST", s + "/firewall/primary/disable", null, 200, false);
		call("GET", s + "/firewall/primary", null, 200, true);
		call("POST", s + "/firewall/primary/rules", "{\"rulesets\": [1]}", 201, false);
		call("POST", s + "/networkWhitelist", "{\"interface\": \"primary\", \"ip\": \"192.0.2.7\", \"cidr\": 32}", 201,
				false);
		call("DELETE", s + "/networkWhitelist", "{\"interface\": \"primary\", \"ip\": \"192.0.2.7\"}", 204, false);
		String address = call("POST", s + "/ipv4Qty", "{\"interface\": \"primary\", \"quantity\": 1}", 200, true)
			.get("data")
			.get(0)
			.asString();
		call("DELETE", s + "/ipv4", "{\"ip\": [\"%s\"]}".formatted(address), 204, false);
		call("POST", s + "/ipv4", "{\"interface\": \"primary\", \"ip\": [\"%s\"]}".formatted(address), 204, false);
		call("POST", s + "/power/boot", null, 200, true);
		call("POST", s + "/power/shutdown", null, 200, true);
		call("POST", s + "/power/restart", null, 200, true);
		int queue = call("POST", s + "/power/poweroff", null, 200, true).get("data").get("queueId").asInt();
		call("GET", "/queue/" + queue, null, 200, true);
		call("POST", s + "/traffic/blocks", "{\"month\": 1, \"amount\": 50}", 201, false);
		int block = call("GET", s + "/traffic/blocks", null, 200, true).get("data")
			.get("assigned")
			.get(0)
			.get("id")
			.asInt();
		call("DELETE", s + "/traffic/blocks/" + block, null, 204, false);
		call("PUT", s + "/modify/traffic", "{\"traffic\": 2000}", 201, false);
		call("GET", s + "/traffic", null, 200, true);
		call("PUT", s + "/backups/plan/1", null, 201, false);
		call("GET", "/backups/server/" + server, null, 200, true);
		call("PUT", s + "/package/2", null, 200, true);
		call("PUT", s + "/modify/name", "{\"name\": \"renamed\"}", 201, false);
		call("POST", s + "/resetPassword", "{\"user\": \"root\"}", 200, true);
		call("PUT", s + "/modify/cpuThrottle", "{\"percent\": 20}", 201, false);
		call("POST", s + "/vnc", "{\"action\": \"enable\"}", 200, true);
		call("GET", s + "/vnc", null, 200, true);
		call("PUT", s + "/modify/memory", "{\"memory\": 2048}", 201, false);
		call("PUT", s + "/modify/cpuCores", "{\"cores\": 2}", 201, false);
		call("POST", s + "/customXML", "{\"clock\": \"<clock/>\", \"clockEnabled\": true}", 200, false);
		call("PUT", s + "/backupManager/access", "{\"type\": \"full\"}", 201, false);
		call("POST", s + "/suspend", null, 204, false);
		call("POST", s + "/unsuspend", null, 204, false);
		call("PUT", s + "/owner/2", null, 201, false);
		call("PUT", s + "/owner/" + user, null, 201, false);
		call("POST", "/connectivity/ipblocks/2/ipv4",
				"{\"type\": \"range\", \"start\": \"10.1.0.1\", \"end\": \"10.1.0.9\"}", 204, false);
		call("GET", "/connectivity/ipblocks", null, 200, true);
		call("GET", "/connectivity/ipblocks/1", null, 200, true);
		call("GET", "/dns/services/1", null, 200, true);
		call("GET", "/media/iso/1", null, 200, true);
		call("GET", "/media/templates/fromServerPackageSpec/1", null, 200, true);
		call("GET", "/packages", null, 200, true);
		call("GET", "/packages/1", null, 200, true);
		call("GET", "/users/1001/byExtRelation", null, 200, true);
		call("PUT", "/users/1001/byExtRelation", "{\"name\": \"Ann\"}", 201, true);
		call("POST", "/users/1001/byExtRelation/resetPassword", null, 201, true);
		call("POST", "/users/1001/authenticationTokens", null, 200, true);
		call("POST", "/users/1001/serverAuthenticationTokens/" + server, null, 200, true);
		int credit = call("POST", "/selfService/credit" + ext, "{\"tokens\": 10}", 201, true).get("data")
			.get("id")
			.asInt();
		call("POST", "/selfService/hourlyGroupProfile" + ext, "{\"profileId\": 1}", 204, false);
		call("POST", "/selfService/resourceGroupProfile" + ext, "{\"profileId\": 1}", 204, false);
		int pack = call("POST", "/selfService/resourcePack" + ext, "{\"packId\": 1, \"enabled\": true}", 201, true)
			.get("data")
			.get("id")
			.asInt();
		call("PUT", "/selfService/access" + ext, "{\"syncToProfiles\": true}", 204, false);
		call("DELETE", "/selfService/hourlyGroupProfile/1" + ext, null, 204, false);
		call("DELETE", "/selfService/resourceGroupProfile/1" + ext, null, 204, false);
		call("PUT", "/selfService/hourlyResourcePack" + ext, "{\"packId\": 1}", 204, false);
		call("GET", "/selfService/hourlyStats" + ext, null, 200, true);
		call("GET", "/selfService/report" + ext + "?period=0&currency=USD", null, 200, true);
		call("GET", "/selfService/usage" + ext + "?period%5B%5D=2025-01-01&range=m", null, 200, true);
		call("DELETE", "/selfService/credit/" + credit, null, 204, false);
		call("GET", "/selfService/resourcePack/" + pack, null, 200, true);
		call("PUT", "/selfService/resourcePack/" + pack, "{\"enabled\": true}", 204, false);
		call("GET", "/selfService/currencies", null, 200, true);
		int packServer = this.sim.createServer(user, 1, 1);
		call("POST", "/selfService/resourcePackServers/" + pack + "/suspend", null, 204, false);
		call("POST", "/selfService/resourcePackServers/" + pack + "/unsuspend", null, 204, false);
		call("DELETE", "/selfService/resourcePackServers/" + pack + "?delay=0", null, 204, false);
		assertThat(this.sim.get("/servers/" + packServer).status()).isEqualTo(404);
		call("DELETE", "/selfService/resourcePack/" + pack, null, 204, false);
		call("DELETE", "/ssh_keys/" + key, null, 204, false);
		call("DELETE", s + "?delay=0", null, 204, false);
		call("DELETE", "/users/1001/byExtRelation", null, 204, false);

		assertThat(this.failures).isEmpty();
		JsonNode calls = this.sim.stats().get("calls");
		Set<String> served = new TreeSet<>(calls.propertyNames());
		served.remove("POST /servers");
		served.remove("POST /users");
		assertThat(served).hasSize(83);
		assertThat(this.called).hasSize(83);
	}

	private JsonNode call(String method, String path, @Nullable String body, int status, boolean json) {
		SimulatorClient.Answer answer = this.sim.send(this.sim.request(method, path, body));
		this.called.add(method + " " + path.replaceAll("\\?.*", "").replaceAll("/\\d+", "/{}"));
		if (answer.status() != status) {
			this.failures.add(method + " " + path + " answered " + answer.status() + " " + answer.body());
		}
		if (json != !answer.body().isEmpty()) {
			this.failures.add(method + " " + path + (json ? " sent no JSON" : " sent a body: " + answer.body()));
		}
		return (json && !answer.body().isEmpty()) ? answer.json() : MissingNode.getInstance();
	}

}
