package io.vfbridge.provisioning;

import java.math.BigDecimal;
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
 * SSH keys and VirtFusion's self service (credit, group profiles, resource packs, hourly
 * pack, access, pack-wide server actions) end to end: webhook or REST in, the built-in
 * simulator's state out.
 */
@IntegrationTest
class SelfServiceMutationsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx1c3RpZ2tleWZvcnRlc3RzAAAAAAAAAAAAAAAAAAAA";

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	TestApi api;

	SimulatorAdmin simulator;

	OperationWaiter operations;

	long customer;

	long userId;

	@BeforeEach
	void createCustomer() {
		this.api = new TestApi(this.port, this.clock);
		this.simulator = new SimulatorAdmin(this.port);
		this.operations = new OperationWaiter(this.jdbc, this.api);
		this.customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		this.userId = this.operations
			.succeeded(send("customer.upsert",
					"{\"customer\":{\"id\":\"" + this.customer + "\",\"email\":\"s" + this.customer
							+ "@example.com\",\"name\":\"Self Service\"}}"))
			.get("result")
			.get("virtfusionUserId")
			.asLong();
	}

	@AfterEach
	void clearFaults() {
		this.simulator.clearFaults();
	}

	@Test
	void addsAnSshKeyOnceAndDeletesOnlyTheCustomersOwn() {
		JsonNode added = this.operations.succeeded(send("customer.ssh_key_add",
				data("\"sshKey\":{\"name\":\"laptop\",\"publicKey\":\"" + KEY + " me\"}")));
		long keyId = added.get("result").get("sshKeyId").asLong();
		JsonNode repeat = this.operations
			.succeeded(rest("/ssh-keys/add", "{\"sshKey\":{\"name\":\"again\",\"publicKey\":\"" + KEY + " other\"}}"));
		assertThat(repeat.get("result").get("sshKeyId").asLong()).isEqualTo(keyId);
		assertThat(repeat.get("result").get("changed").asBoolean()).isFalse();
		assertThat(sshKeyIds(this.userId)).containsExactly(keyId);

		long otherUser = JSON
			.readTree(this.simulator
				.api("POST", "/users", "{\"name\":\"Other\",\"email\":\"o" + this.customer + "@example.com\"}")
				.body())
			.get("data")
			.get("id")
			.asLong();
		long foreignKey = JSON
			.readTree(
					this.simulator
						.api("POST", "/ssh_keys",
								"{\"userId\":" + otherUser + ",\"name\":\"theirs\",\"publicKey\":\"" + KEY + "\"}")
						.body())
			.get("data")
			.get("id")
			.asLong();
		JsonNode foreign = this.operations
			.succeeded(send("customer.ssh_key_delete", data("\"sshKey\":{\"id\":" + foreignKey + "}")));
		assertThat(foreign.get("result").get("changed").asBoolean()).isFalse();
		assertThat(sshKeyIds(otherUser)).as("another user's key is never deleted").containsExactly(foreignKey);

		this.operations.succeeded(rest("/ssh-keys/delete", "{\"sshKey\":{\"id\":" + keyId + "}}"));
		assertThat(sshKeyIds(this.userId)).isEmpty();
	}

	@Test
	void adoptsTheSshKeyAfterALostAnswerInsteadOfAddingItTwice() {
		this.simulator.faults("{\"method\":\"POST\",\"path\":\"/ssh_keys\",\"kind\":\"lost-response\",\"count\":1}");
		JsonNode added = this.operations.succeeded(
				send("customer.ssh_key_add", data("\"sshKey\":{\"name\":\"laptop\",\"publicKey\":\"" + KEY + "\"}")));
		assertThat(added.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(sshKeyIds(this.userId)).containsExactly(added.get("result").get("sshKeyId").asLong());
	}

	@Test
	void addsAndCancelsCredit() {
		JsonNode added = this.operations
			.succeeded(send("customer.credit_add", data("\"credit\":{\"tokens\":1500.5,\"reference1\":77}")));
		long creditId = added.get("result").get("creditId").asLong();
		assertThat(creditBalance()).isEqualByComparingTo(new BigDecimal("1500.5"));
		this.operations.succeeded(rest("/credit/add", "{\"credit\":{\"tokens\":10}}"));
		assertThat(creditBalance()).isEqualByComparingTo(new BigDecimal("1510.5"));

		this.operations.succeeded(rest("/credit/cancel", "{\"credit\":{\"id\":" + creditId + "}}"));
		assertThat(creditBalance()).isEqualByComparingTo(new BigDecimal("10"));
	}

	@Test
	void stopsForAPersonInsteadOfCreditingTwiceWhenTheAnswerIsLost() {
		this.simulator.faults("{\"method\":\"POST\",\"path\":\"/selfService/credit/byUserExtRelationId/{ext}\","
				+ "\"kind\":\"lost-response\",\"count\":1}");
		JsonNode stopped = this.operations.awaitStatus(send("customer.credit_add", data("\"credit\":{\"tokens\":5}")),
				"needs_attention");
		assertThat(stopped.get("lastError").asString()).contains("check VirtFusion",
				stopped.get("operationId").asString());
		assertThat(creditBalance()).as("credited once").isEqualByComparingTo(new BigDecimal("5"));
	}

	@Test
	void addsAndRemovesGroupProfilesAndSetsTheHourlyPackAndAccess() {
		this.operations.succeeded(send("customer.hourly_group_profile_add", data("\"profileId\":1")));
		this.operations.succeeded(rest("/resource-group-profiles/add", "{\"profileId\":1}"));
		JsonNode repeat = this.operations.succeeded(rest("/hourly-group-profiles/add", "{\"profileId\":1}"));
		assertThat(repeat.get("result").get("changed").asBoolean()).isFalse();
		JsonNode user = user();
		assertThat(user.get("selfServiceHourlyGroupProfiles").toString()).isEqualTo("[1]");
		assertThat(user.get("selfServiceResourceGroupProfiles").toString()).isEqualTo("[1]");

		this.operations.succeeded(send("customer.hourly_group_profile_remove", data("\"profileId\":1")));
		this.operations.succeeded(rest("/resource-group-profiles/remove", "{\"profileId\":1}"));
		user = user();
		assertThat(user.get("selfServiceHourlyGroupProfiles").toString()).isEqualTo("[]");
		assertThat(user.get("selfServiceResourceGroupProfiles").toString()).isEqualTo("[]");

		this.operations.succeeded(send("customer.hourly_resource_pack_set", data("\"hourlyResourcePackId\":2")));
		assertThat(user().get("selfServiceHourlyResourcePack").asLong()).isEqualTo(2);

		int before = this.simulator.calls("PUT /selfService/access/byUserExtRelationId/{extRelationId}", 204);
		this.operations.succeeded(rest("/self-service-access", "{\"syncToProfiles\":true}"));
		assertThat(this.simulator.calls("PUT /selfService/access/byUserExtRelationId/{extRelationId}", 204))
			.isEqualTo(before + 1);
	}

	@Test
	void managesAResourcePackAndActsOnItsServers() {
		JsonNode added = this.operations
			.succeeded(send("customer.resource_pack_add", data("\"resourcePack\":{\"templateId\":1}")));
		long packId = added.get("result").get("resourcePackId").asLong();
		assertThat(pack(packId).get("pid").asLong()).isEqualTo(1);

		String service = "svc-" + UUID.randomUUID();
		long serverId = this.operations
			.succeeded(send("service.create", LifecycleIntegrationTests.createData(service, this.customer)))
			.get("result")
			.get("serverId")
			.asLong();
		long other = this.customer + 1;
		this.operations.succeeded(send("customer.upsert", "{\"customer\":{\"id\":\"" + other + "\",\"email\":\"s"
				+ other + "@example.com\",\"name\":\"Other\"}}"));
		JsonNode foreign = this.operations.awaitStatus(
				send("customer.resource_pack_suspend_servers",
						"{\"customer\":{\"id\":\"" + other + "\"},\"resourcePack\":{\"id\":" + packId + "}}"),
				"failed");
		assertThat(foreign.get("lastError").asString()).contains("another VirtFusion user");
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isFalse();

		JsonNode suspended = this.operations
			.succeeded(rest("/resource-packs/suspend-servers", "{\"resourcePack\":{\"id\":" + packId + "}}"));
		assertThat(suspended.get("result").get("serverIds").toString()).isEqualTo("[" + serverId + "]");
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isTrue();
		assertThat(serviceState(service)).isEqualTo("suspended");
		this.operations.succeeded(
				send("customer.resource_pack_unsuspend_servers", data("\"resourcePack\":{\"id\":" + packId + "}")));
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isFalse();
		assertThat(serviceState(service)).isEqualTo("active");

		this.operations
			.succeeded(rest("/resource-packs/modify", "{\"resourcePack\":{\"id\":" + packId + ",\"enabled\":false}}"));
		assertThat(pack(packId).get("enabled").asBoolean()).isFalse();
		JsonNode refused = this.operations.awaitStatus(
				send("customer.resource_pack_delete", data("\"resourcePack\":{\"id\":" + packId + "}")), "failed");
		assertThat(refused.get("lastError").asString()).contains("still has servers");

		this.operations.succeeded(send("customer.resource_pack_delete_servers",
				data("\"resourcePack\":{\"id\":" + packId + "},\"delayMinutes\":0")));
		assertThat(this.simulator.server(serverId)).isNull();
		this.operations.succeeded(rest("/resource-packs/delete", "{\"resourcePack\":{\"id\":" + packId + "}}"));
		assertThat(this.simulator.api("GET", "/selfService/resourcePack/" + packId, null).statusCode()).isEqualTo(404);
		JsonNode gone = this.operations
			.succeeded(rest("/resource-packs/delete", "{\"resourcePack\":{\"id\":" + packId + "}}"));
		assertThat(gone.get("result").get("changed").asBoolean()).isFalse();
	}

	private String serviceState(String service) {
		return this.api.get("/v1/services/" + service, TestApi.BILLING_KEY).json().get("state").asString();
	}

	private JsonNode pack(long packId) {
		return JSON.readTree(this.simulator.api("GET", "/selfService/resourcePack/" + packId, null).body()).get("data");
	}

	private JsonNode user() {
		return JSON.readTree(this.simulator.api("GET", "/users/" + this.customer + "/byExtRelation", null).body())
			.get("data");
	}

	private BigDecimal creditBalance() {
		return JSON
			.readTree(this.simulator.api("GET", "/selfService/hourlyStats/byUserExtRelationId/" + this.customer, null)
				.body())
			.get("data")
			.get("credit")
			.get("value")
			.decimalValue();
	}

	private List<Long> sshKeyIds(long user) {
		List<Long> ids = new ArrayList<>();
		JSON.readTree(this.simulator.api("GET", "/ssh_keys/user/" + user, null).body())
			.get("data")
			.forEach((key) -> ids.add(key.get("id").asLong()));
		return ids;
	}

	private String data(String fields) {
		return "{\"customer\":{\"id\":\"" + this.customer + "\"}," + fields + "}";
	}

	private UUID send(String type, String data) {
		Answer answer = this.api.webhook(TestApi.envelope(type, data));
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.operationId();
	}

	private UUID rest(String path, String body) {
		Answer answer = this.api.call("POST", "/v1/customers/" + this.customer + path, TestApi.BILLING_KEY,
				"k-" + UUID.randomUUID(), body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.operationId();
	}

}
