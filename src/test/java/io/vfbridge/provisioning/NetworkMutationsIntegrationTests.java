package io.vfbridge.provisioning;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.OperationWaiter;
import io.vfbridge.testsupport.SimulatorAdmin;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network, traffic, backup-plan and VNC events end to end: a signed webhook or a REST
 * command in, the built-in simulator's state out; repeats change nothing.
 */
@IntegrationTest
class NetworkMutationsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	TestApi api;

	SimulatorAdmin simulator;

	OperationWaiter operations;

	String service;

	long serverId;

	@BeforeEach
	void createService() {
		this.api = new TestApi(this.port, this.clock);
		this.simulator = new SimulatorAdmin(this.port);
		this.operations = new OperationWaiter(this.jdbc, this.api);
		long customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		this.service = "svc-" + UUID.randomUUID();
		this.serverId = this.operations
			.succeeded(send("service.create", LifecycleIntegrationTests.createData(this.service, customer)))
			.get("result")
			.get("serverId")
			.asLong();
	}

	@AfterEach
	void clearFaults() {
		this.simulator.clearFaults();
	}

	@Test
	void enablesAndDisablesTheFirewallAndAppliesRulesetsOnce() {
		JsonNode enabled = this.operations
			.succeeded(send("service.firewall_enable", data("\"interface\":\"primary\"")));
		assertThat(enabled.get("result").get("changed").asBoolean()).isTrue();
		assertThat(primary().get("firewallEnabled").asBoolean()).isTrue();
		int enables = this.simulator.calls("POST /servers/{serverId}/firewall/{interface}/enable", 200);
		JsonNode again = this.operations.succeeded(send("service.firewall_enable", data("")));
		assertThat(again.get("result").get("changed").asBoolean()).as("already enabled").isFalse();
		assertThat(this.simulator.calls("POST /servers/{serverId}/firewall/{interface}/enable", 200))
			.isEqualTo(enables);

		this.operations.succeeded(rest("/firewall/rulesets", "{\"rulesets\":[1,2]}"));
		assertThat(primary().get("firewall").toString()).isEqualTo("[1,2]");
		this.operations.succeeded(rest("/firewall/rulesets", "{\"rulesets\":[]}"));
		assertThat(primary().get("firewall").toString()).as("an empty list flushes").isEqualTo("[]");

		this.operations.succeeded(rest("/firewall/disable", null));
		assertThat(primary().get("firewallEnabled").asBoolean()).isFalse();
	}

	@Test
	void surfacesVirtFusionsValidationMessagesAsTheOperationsFailure() {
		JsonNode failed = this.operations.awaitStatus(send("service.firewall_rulesets", data("\"rulesets\":[99]")),
				"failed");
		assertThat(failed.get("lastError").asString()).contains("422", "The firewall ruleset 99 is invalid.");
		JsonNode secondary = this.operations
			.awaitStatus(send("service.firewall_enable", data("\"interface\":\"secondary\"")), "failed");
		assertThat(secondary.get("lastError").asString()).contains("422", "no secondary interface");
	}

	@Test
	void addsAndRemovesWhitelistedAddressesOnce() {
		this.operations.succeeded(send("service.whitelist_add", data("\"ip\":\"203.0.113.7\",\"cidr\":32")));
		this.operations.succeeded(rest("/whitelist/add", "{\"ip\":\"2001:db8::1\",\"cidr\":64}"));
		JsonNode repeat = this.operations
			.succeeded(send("service.whitelist_add", data("\"ip\":\"203.0.113.7\",\"cidr\":32")));
		assertThat(repeat.get("result").get("changed").asBoolean()).isFalse();
		assertThat(whitelisted()).containsExactlyInAnyOrder("203.0.113.7", "2001:db8::1");

		this.operations.succeeded(send("service.whitelist_remove", data("\"ip\":\"203.0.113.7\"")));
		JsonNode gone = this.operations.succeeded(rest("/whitelist/remove", "{\"ip\":\"203.0.113.7\"}"));
		assertThat(gone.get("result").get("changed").asBoolean()).isFalse();
		assertThat(whitelisted()).containsExactly("2001:db8::1");
	}

	@Test
	void addsIpv4AddressesByQuantityAndByListAndRemovesThem() {
		List<String> before = addresses();
		JsonNode added = this.operations.succeeded(send("service.ipv4_add_quantity", data("\"quantity\":2")));
		List<String> picked = strings(added.get("result").get("added"));
		assertThat(picked).hasSize(2);
		assertThat(addresses()).containsAll(picked).hasSize(before.size() + 2);
		assertThat(strings(added.get("result").get("ipv4"))).as("the mapping follows").containsAll(picked);

		String free = freeAddressInBlockOf(picked.get(0));
		this.operations.succeeded(rest("/ipv4/add", "{\"addresses\":[\"" + free + "\"]}"));
		assertThat(addresses()).contains(free);

		this.operations.succeeded(send("service.ipv4_remove",
				data("\"addresses\":[\"" + picked.get(0) + "\",\"" + picked.get(1) + "\",\"" + free + "\"]")));
		assertThat(addresses()).containsExactlyElementsOf(before);
		JsonNode mapping = this.api.get("/v1/services/" + this.service, TestApi.BILLING_KEY).json();
		assertThat(strings(mapping.get("ipv4"))).containsExactlyElementsOf(before);
	}

	@Test
	void addsIpv4AddressesByQuantityOnceWhenTheAnswerIsLost() {
		List<String> before = addresses();
		this.simulator.faults(
				"{\"method\":\"POST\",\"path\":\"/servers/{serverId}/ipv4Qty\",\"kind\":\"lost-response\",\"count\":1}");
		JsonNode added = this.operations.succeeded(send("service.ipv4_add_quantity", data("\"quantity\":1")));
		assertThat(added.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(addresses()).hasSize(before.size() + 1);
		assertThat(strings(added.get("result").get("added"))).hasSize(1);
	}

	@Test
	void addsAndRemovesTrafficBlocksAndSetsTheAllowance() {
		this.simulator.faults("{\"method\":\"POST\",\"path\":\"/servers/{serverId}/traffic/blocks\","
				+ "\"kind\":\"lost-response\",\"count\":1}");
		JsonNode added = this.operations
			.succeeded(send("service.traffic_block_add", data("\"trafficBlock\":{\"month\":1,\"amount\":100}")));
		long blockId = added.get("result").get("blockId").asLong();
		JsonNode blocks = trafficBlocks();
		assertThat(blocks).as("one block despite the lost answer").hasSize(1);
		assertThat(blocks.get(0).get("id").asLong()).isEqualTo(blockId);
		assertThat(blocks.get(0).get("traffic").asInt()).isEqualTo(100);

		this.operations.succeeded(rest("/traffic-blocks/remove", "{\"trafficBlock\":{\"id\":" + blockId + "}}"));
		assertThat(trafficBlocks()).isEmpty();
		JsonNode again = this.operations
			.succeeded(send("service.traffic_block_remove", data("\"trafficBlock\":{\"id\":" + blockId + "}")));
		assertThat(again.get("result").get("changed").asBoolean()).isFalse();

		this.operations.succeeded(send("service.traffic_allowance", data("\"traffic\":750")));
		assertThat(this.simulator.server(this.serverId).get("settings").get("resources").get("traffic").asInt())
			.isEqualTo(750);
		this.operations.succeeded(rest("/traffic-allowance", "{\"traffic\":0}"));
		assertThat(this.simulator.server(this.serverId).get("settings").get("resources").get("traffic").asInt())
			.as("unlimited")
			.isZero();
	}

	@Test
	void setsAndRemovesTheBackupPlan() {
		this.operations.succeeded(send("service.backup_plan_set", data("\"backupPlanId\":2")));
		assertThat(this.simulator.server(this.serverId).get("backupPlan").get("id").asLong()).isEqualTo(2);
		JsonNode repeat = this.operations.succeeded(rest("/backup-plan/set", "{\"backupPlanId\":2}"));
		assertThat(repeat.get("result").get("changed").asBoolean()).isFalse();
		this.operations.succeeded(rest("/backup-plan/remove", null));
		JsonNode plan = this.simulator.server(this.serverId).get("backupPlan");
		assertThat(plan == null || plan.isNull() || plan.path("id").isNull()).as("no plan: " + plan).isTrue();
	}

	@Test
	void enablesVncAndHandsTheConsolePasswordOutOnce() {
		JsonNode enabled = this.operations.succeeded(send("service.vnc_enable", data("")));
		assertThat(this.simulator.server(this.serverId).get("vnc").get("enabled").asBoolean()).isTrue();
		assertThat(enabled.get("result").get("vncPassword").asString()).isNotBlank();
		assertThat(enabled.get("result").get("vnc").get("port").asInt()).isPositive();
		JsonNode reread = this.api.get("/v1/operations/" + enabled.get("operationId").asString(), TestApi.BILLING_KEY)
			.json();
		assertThat(reread.get("result").has("vncPassword")).as("handed out once").isFalse();
		this.operations.succeeded(rest("/vnc/disable", null));
		assertThat(this.simulator.server(this.serverId).get("vnc").get("enabled").asBoolean()).isFalse();
	}

	@Test
	void addsAnIpv4RangeToAnIpBlockForOperatorsOnly() {
		long before = ipBlockTotal(2);
		Answer refused = this.api.call("POST", "/v1/ip-blocks/2/ranges", TestApi.BILLING_KEY, "k-" + UUID.randomUUID(),
				"{\"ipBlock\":{\"cidr\":\"192.0.2.64/29\"}}");
		assertThat(refused.status()).isEqualTo(403);
		String webhook = TestApi.envelope("ip_block.range_add", "{\"ipBlock\":{\"id\":2,\"cidr\":\"192.0.2.64/29\"}}");
		assertThat(this.api.webhook(webhook).status()).as("never from a webhook").isEqualTo(403);

		Answer accepted = this.api.call("POST", "/v1/ip-blocks/2/ranges", TestApi.OPERATOR_KEY,
				"k-" + UUID.randomUUID(), "{\"ipBlock\":{\"cidr\":\"192.0.2.64/29\"}}");
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		JsonNode done = this.operations.succeeded(accepted.operationId());
		assertThat(done.get("result").get("start").asString()).isEqualTo("192.0.2.64");
		assertThat(done.get("result").get("end").asString()).isEqualTo("192.0.2.71");
		assertThat(ipBlockTotal(2)).isEqualTo(before + 8);

		this.simulator.faults("{\"method\":\"POST\",\"path\":\"/connectivity/ipblocks/{blockId}/ipv4\","
				+ "\"kind\":\"lost-response\",\"count\":1}");
		Answer lost = this.api.call("POST", "/v1/ip-blocks/2/ranges", TestApi.OPERATOR_KEY, "k-" + UUID.randomUUID(),
				"{\"ipBlock\":{\"start\":\"192.0.2.80\",\"end\":\"192.0.2.83\"}}");
		JsonNode adopted = this.operations.succeeded(lost.operationId());
		assertThat(adopted.get("result").get("adopted").asBoolean()).isTrue();
		assertThat(ipBlockTotal(2)).isEqualTo(before + 12);
	}

	private long ipBlockTotal(long blockId) {
		return JSON.readTree(this.simulator.api("GET", "/connectivity/ipblocks/" + blockId, null).body())
			.get("data")
			.get("ipv4")
			.get("total")
			.asLong();
	}

	private JsonNode primary() {
		return this.simulator.server(this.serverId).get("network").get("interfaces").get(0);
	}

	private List<String> whitelisted() {
		List<String> ips = new ArrayList<>();
		primary().get("ipWhitelist").forEach((entry) -> ips.add(entry.get("ip").asString()));
		return ips;
	}

	private List<String> addresses() {
		List<String> ips = new ArrayList<>();
		primary().get("ipv4").forEach((entry) -> ips.add(entry.get("address").asString()));
		return ips;
	}

	private JsonNode trafficBlocks() {
		return JSON.readTree(this.simulator.api("GET", "/servers/" + this.serverId + "/traffic/blocks", null).body())
			.get("data")
			.get("assigned");
	}

	/**
	 * An address of the same /24 that no server has: the simulator allocates from the low
	 * end of its blocks, so the top of the block stays free.
	 */
	private String freeAddressInBlockOf(String address) {
		return address.substring(0, address.lastIndexOf('.') + 1) + "250";
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private String data(String fields) {
		return "{\"service\":{\"id\":\"" + this.service + "\"}" + (fields.isEmpty() ? "" : "," + fields) + "}";
	}

	private UUID send(String type, String data) {
		Answer answer = this.api.webhook(TestApi.envelope(type, data));
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.operationId();
	}

	private UUID rest(String path, String body) {
		Answer answer = this.api.call("POST", "/v1/services/" + this.service + path, TestApi.BILLING_KEY,
				"k-" + UUID.randomUUID(), body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.operationId();
	}

}
