package io.vfbridge.billing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.OperationWaiter;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to the network, self-service and IP block commands: a 404 problem for a
 * service or customer vfbridge never saw, a 400 naming each bad field, and nothing stored
 * either way.
 */
@IntegrationTest
class MutationValidationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	TestApi api;

	String service;

	long customer;

	@BeforeEach
	void createService() {
		this.api = new TestApi(this.port, this.clock);
		this.customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		this.service = "svc-" + UUID.randomUUID();
		String create = "{\"customer\":{\"id\":\"" + this.customer + "\",\"email\":\"v" + this.customer
				+ "@example.com\",\"name\":\"V\"},\"service\":{\"id\":\"" + this.service
				+ "\",\"packageId\":1,\"hypervisorGroupId\":1}}";
		Answer created = this.api.webhook(TestApi.envelope("service.create", create));
		assertThat(created.status()).isEqualTo(202);
		new OperationWaiter(this.jdbc, this.api).succeeded(created.operationId());
	}

	@Test
	void answers404ForAServiceOrCustomerVfbridgeNeverSaw() {
		long events = storedEvents();
		Answer service = this.api
			.webhook(TestApi.envelope("service.firewall_enable", "{\"service\":{\"id\":\"never-seen\"}}"));
		assertThat(service.status()).isEqualTo(404);
		assertThat(service.contentType()).startsWith("application/problem+json");
		assertThat(service.json().get("type").asString()).isEqualTo("urn:vfbridge:problem:service-not-found");
		Answer rest = this.api.call("POST", "/v1/services/never-seen/vnc/enable", TestApi.BILLING_KEY,
				"k-" + UUID.randomUUID(), null);
		assertThat(rest.status()).isEqualTo(404);
		Answer customer = this.api.call("POST", "/v1/customers/never-seen/credit/add", TestApi.BILLING_KEY,
				"k-" + UUID.randomUUID(), "{\"credit\":{\"tokens\":5}}");
		assertThat(customer.status()).isEqualTo(404);
		assertThat(customer.json().get("type").asString()).isEqualTo("urn:vfbridge:problem:customer-not-found");
		assertThat(storedEvents()).as("nothing stored").isEqualTo(events);
	}

	@Test
	void acceptsEventsForAServiceWhoseCreateIsStillQueued() {
		String queued = "svc-" + UUID.randomUUID();
		String create = "{\"customer\":{\"id\":\"" + this.customer + "\",\"email\":\"v" + this.customer
				+ "@example.com\",\"name\":\"V\"},\"service\":{\"id\":\"" + queued
				+ "\",\"packageId\":1,\"hypervisorGroupId\":1}}";
		assertThat(this.api.webhook(TestApi.envelope("service.create", create)).status()).isEqualTo(202);
		Answer vnc = this.api
			.webhook(TestApi.envelope("service.vnc_enable", "{\"service\":{\"id\":\"" + queued + "\"}}"));
		assertThat(vnc.status()).as(vnc.body()).isEqualTo(202);
	}

	@Test
	void names400FieldsForBadInterfacesAddressesAndQuantities() {
		long events = storedEvents();
		assertThat(fields(service("service.firewall_enable", "\"interface\":\"tertiary\"")))
			.containsExactly("data.interface");
		assertThat(fields(service("service.firewall_rulesets", ""))).containsExactly("data.rulesets");
		assertThat(fields(service("service.firewall_rulesets", "\"rulesets\":[0]")))
			.containsExactly("data.rulesets[0]");
		assertThat(fields(service("service.whitelist_add", "\"ip\":\"300.1.2.3\",\"cidr\":32")))
			.containsExactly("data.ip");
		assertThat(fields(service("service.whitelist_add", "\"ip\":\"2001:db8::g\",\"cidr\":64")))
			.containsExactly("data.ip");
		assertThat(fields(service("service.whitelist_add", "\"ip\":\"203.0.113.9\",\"cidr\":33")))
			.containsExactly("data.cidr");
		assertThat(fields(service("service.ipv4_add_quantity", "\"quantity\":0"))).containsExactly("data.quantity");
		assertThat(fields(service("service.ipv4_add", "\"addresses\":[\"203.0.113.1\",\"203.0.113\"]")))
			.containsExactly("data.addresses[1]");
		assertThat(fields(service("service.ipv4_remove", "\"addresses\":[]"))).containsExactly("data.addresses");
		assertThat(fields(service("service.traffic_block_add", "\"trafficBlock\":{\"month\":0,\"amount\":10}")))
			.containsExactly("data.trafficBlock.month");
		assertThat(fields(service("service.traffic_allowance", "\"traffic\":-1"))).containsExactly("data.traffic");
		assertThat(fields(customer("customer.credit_add", "\"credit\":{\"tokens\":0}")))
			.containsExactly("data.credit.tokens");
		assertThat(fields(customer("customer.ssh_key_add", "\"sshKey\":{\"name\":\"k\",\"publicKey\":\"not a key\"}")))
			.containsExactly("data.sshKey.publicKey");
		assertThat(storedEvents()).as("nothing stored").isEqualTo(events);
	}

	@Test
	void names400FieldsForBadIpBlockRanges() {
		assertThat(fields(ipBlock("5", "{\"ipBlock\":{\"cidr\":\"192.0.2.0/33\"}}"))).containsExactly("ipBlock.cidr");
		assertThat(fields(ipBlock("5", "{\"ipBlock\":{\"cidr\":\"192.0.2.5/29\"}}"))).containsExactly("ipBlock.cidr");
		assertThat(fields(ipBlock("5", "{\"ipBlock\":{\"start\":\"192.0.2.9\",\"end\":\"192.0.2.1\"}}")))
			.containsExactly("ipBlock.end");
		assertThat(fields(ipBlock("5", "{\"ipBlock\":{\"start\":\"192.0.2.9\"}}"))).containsExactly("ipBlock.end");
		assertThat(fields(ipBlock("5", "{}"))).containsExactly("ipBlock.cidr");
		assertThat(fields(ipBlock("x", "{\"ipBlock\":{\"cidr\":\"192.0.2.0/29\"}}"))).containsExactly("ipBlock.id");
	}

	private Answer service(String type, String fields) {
		return this.api.webhook(TestApi.envelope(type,
				"{\"service\":{\"id\":\"" + this.service + "\"}" + (fields.isEmpty() ? "" : "," + fields) + "}"));
	}

	private Answer customer(String type, String fields) {
		return this.api
			.webhook(TestApi.envelope(type, "{\"customer\":{\"id\":\"" + this.customer + "\"}," + fields + "}"));
	}

	private Answer ipBlock(String id, String body) {
		return this.api.call("POST", "/v1/ip-blocks/" + id + "/ranges", TestApi.OPERATOR_KEY, "k-" + UUID.randomUUID(),
				body);
	}

	private static List<String> fields(Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		List<String> fields = new ArrayList<>();
		for (JsonNode error : answer.json().get("errors")) {
			fields.add(error.get("field").asString());
		}
		return fields;
	}

	private long storedEvents() {
		return this.jdbc.queryForObject("select count(*) from inbound_event", Long.class);
	}

}
