package io.vfbridge.api;

import java.net.URI;
import java.time.Clock;
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
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client area's reads of a service and a customer end to end: a service created
 * through a signed webhook, then every read compared with what the built-in simulator
 * holds; SSO links that work and never reach a log line; 404, 409, 400 and VirtFusion's
 * 422 as problems.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ServiceReadsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVmYnJpZGdlLXJlYWRzLXRlc3Qta2V5 reads@test";

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	TestApi api;

	SimulatorAdmin simulator;

	long customer;

	String service;

	long serverId;

	@BeforeEach
	void createAService() {
		this.api = new TestApi(this.port, this.clock);
		this.simulator = new SimulatorAdmin(this.port);
		this.customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		this.service = "svc-" + UUID.randomUUID();
		JsonNode created = succeeded(send("service.create", createData(this.service, this.customer, 2)));
		this.serverId = created.get("result").get("serverId").asLong();
	}

	@AfterEach
	void clearFaults() {
		this.simulator.clearFaults();
	}

	@Test
	void mergesTheMappingWithALiveReadOfTheServer() {
		JsonNode details = storefront("/v1/services/" + this.service + "/details").json();
		assertThat(details.get("service").get("serviceId").asString()).isEqualTo(this.service);
		assertThat(details.get("service").get("customerId").asString()).isEqualTo(Long.toString(this.customer));
		assertThat(details.get("service").get("state").asString()).isEqualTo("active");
		JsonNode server = details.get("server");
		JsonNode simulated = this.simulator.server(this.serverId);
		assertThat(server.get("id").asLong()).isEqualTo(this.serverId);
		assertThat(server.get("uuid").asString()).isEqualTo(simulated.get("uuid").asString());
		assertThat(server.get("hostname").asString()).isEqualTo(this.service + ".example.com");
		assertThat(server.get("built").asBoolean()).isTrue();
		assertThat(server.get("state").asString()).isEqualTo("complete");
		assertThat(server.get("resources").get("memory").asLong()).isEqualTo(4096);
		assertThat(server.get("location").asString()).isEqualTo("London");
		assertThat(server.get("ipv4").get(0).asString())
			.isEqualTo(simulated.get("network").get("interfaces").get(0).get("ipv4").get(0).get("address").asString());
		assertThat(server.get("remoteState").isNull()).isTrue();
		assertThat(details.toString()).doesNotContain("encryptedPassword").doesNotContain("Password");

		JsonNode live = storefront("/v1/services/" + this.service + "/details?remoteState=true").json();
		assertThat(live.get("server").get("remoteState").get("running").isBoolean()).isTrue();
	}

	@Test
	void readsTemplatesTrafficBlocksBackupsAndFirewallOfTheServer() {
		JsonNode templates = storefront("/v1/services/" + this.service + "/templates").json();
		assertThat(templates).extracting((group) -> group.get("name").asString())
			.containsExactly("Debian", "Ubuntu", "AlmaLinux");
		JsonNode traffic = storefront("/v1/services/" + this.service + "/traffic").json();
		assertThat(traffic.get("monthly").get(0).get("limit").asLong()).isEqualTo(4000);
		JsonNode blocks = storefront("/v1/services/" + this.service + "/traffic/blocks").json();
		assertThat(blocks.get("assigned")).isEmpty();
		assertThat(blocks.get("available").get("months").has("1")).isTrue();
		// package 2 comes with backup plan 1: the simulator records a backup once the
		// build completes
		JsonNode backups = storefront("/v1/services/" + this.service + "/backups").json();
		assertThat(backups).hasSize(1);
		assertThat(backups.get(0).get("serverId").asLong()).isEqualTo(this.serverId);
		assertThat(backups.get(0).get("storage").get("name").asString()).isEqualTo("Backup storage 1");
		JsonNode firewall = storefront("/v1/services/" + this.service + "/firewall/primary").json();
		assertThat(firewall.get("enabled").isBoolean()).isTrue();
		assertThat(firewall.get("rules").isArray()).isTrue();

		Answer badInterface = storefront("/v1/services/" + this.service + "/firewall/tertiary");
		assertThat(badInterface.status()).isEqualTo(400);
		assertThat(badInterface.json().get("errors").get(0).get("field").asString()).isEqualTo("interface");
	}

	@Test
	void followsAQueueItemOfTheServiceAndNoOther() {
		JsonNode power = succeeded(
				send("service.power", "{\"service\":{\"id\":\"" + this.service + "\"},\"action\":\"restart\"}"));
		long queueId = power.get("result").get("queueId").asLong();
		JsonNode item = storefront("/v1/services/" + this.service + "/queue/" + queueId).json();
		assertThat(item.get("id").asLong()).isEqualTo(queueId);
		assertThat(item.get("serverId").asLong()).isEqualTo(this.serverId);
		assertThat(item.get("progress").isInt()).isTrue();

		String other = "svc-" + UUID.randomUUID();
		succeeded(send("service.create", createData(other, this.customer, 1)));
		Answer foreign = storefront("/v1/services/" + other + "/queue/" + queueId);
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.json().get("type").asString()).isEqualTo("urn:vfbridge:problem:queue-item-not-found");
	}

	@Test
	void logsTheCustomerIntoThePanelWithoutTheTokensEverReachingALogLine(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel("io.vfbridge", LogLevel.DEBUG);
		logging.setLogLevel("org.springframework.web.servlet.mvc", LogLevel.DEBUG);
		try {
			Answer service = this.api.call("POST", "/v1/services/" + this.service + "/login", TestApi.STOREFRONT_KEY,
					null, null);
			Answer customer = this.api.call("POST", "/v1/customers/" + this.customer + "/login", TestApi.STOREFRONT_KEY,
					null, null);
			for (Answer answer : new Answer[] { service, customer }) {
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
				assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
				URI url = URI.create(answer.json().get("url").asString());
				assertThat(url.getHost()).isEqualTo("127.0.0.1");
				assertThat(url.getPort()).isEqualTo(this.port);
				assertThat(url.getPath()).isEqualTo("/token_authenticate/");
				for (String token : url.getQuery().split("&")) {
					String value = token.substring(token.indexOf('=') + 1);
					assertThat(value).hasSizeGreaterThan(8);
					assertThat(output.getAll()).doesNotContain(value);
				}
			}
			assertThat(output.getAll()).contains("createServerLoginTokens");
		}
		finally {
			logging.setLogLevel("io.vfbridge", null);
			logging.setLogLevel("org.springframework.web.servlet.mvc", null);
		}
	}

	@Test
	void readsTheCustomersSshKeysAndSelfService() {
		JsonNode keys = storefront("/v1/customers/" + this.customer + "/ssh-keys").json();
		assertThat(keys).hasSize(1);
		assertThat(keys.get(0).get("publicKey").asString()).isEqualTo(SSH_KEY);
		long keyId = keys.get(0).get("id").asLong();
		assertThat(storefront("/v1/customers/" + this.customer + "/ssh-keys/" + keyId).json().get("name").asString())
			.isEqualTo(keys.get(0).get("name").asString());

		JsonNode stats = storefront("/v1/customers/" + this.customer + "/self-service/hourly-stats?range=m").json();
		assertThat(stats.get("servers").asInt()).isEqualTo(1);
		assertThat(stats.get("currency").get("code").asString()).isEqualTo("USD");
		JsonNode usage = storefront("/v1/customers/" + this.customer + "/self-service/usage").json();
		assertThat(usage.get("user").get("relationalId").asLong()).isEqualTo(this.customer);
		JsonNode report = storefront("/v1/customers/" + this.customer + "/self-service/report?period=0&currency=EUR")
			.json();
		assertThat(report.get("currency").get("code").asString()).isEqualTo("EUR");
		assertThat(report.get("usage").has("monthlyTotal")).isTrue();
		assertThat(storefront("/v1/catalog/currencies").json()).hasSize(3);
	}

	@Test
	void answersProblemsForUnknownMissingAndInvalidThings() {
		assertProblem(storefront("/v1/services/no-such-service/details"), 404, "service-not-found");
		assertProblem(storefront("/v1/customers/424242424242/ssh-keys"), 404, "customer-not-found");
		assertProblem(this.api.call("POST", "/v1/customers/424242424242/login", TestApi.STOREFRONT_KEY, null, null),
				404, "customer-not-found");

		String refused = "svc-" + UUID.randomUUID();
		awaitStatus(send("service.create", createData(refused, this.customer, 4)), "failed");
		assertProblem(storefront("/v1/services/" + refused + "/traffic"), 409, "service-has-no-server");
		assertProblem(this.api.call("POST", "/v1/services/" + refused + "/login", TestApi.STOREFRONT_KEY, null, null),
				409, "service-has-no-server");

		String base = "/v1/customers/" + this.customer + "/self-service/";
		assertField(storefront(base + "report?period=25"), "period");
		assertField(storefront(base + "report?period=last"), "period");
		assertField(storefront(base + "report?currency=dollars"), "currency");
		assertField(storefront(base + "usage?period=2026-13-01"), "period");
		assertField(storefront(base + "hourly-stats?range=year"), "range");
		assertField(storefront(base + "usage?panel=elsewhere"), "panel");
		assertField(storefront("/v1/services/" + this.service + "/queue/latest"), "queueId");

		Answer unknownCurrency = storefront(base + "report?currency=XYZ");
		assertProblem(unknownCurrency, 422, "virtfusion-rejected");
		assertThat(unknownCurrency.json().get("virtfusionErrors").get(0).asString())
			.isEqualTo("The selected currency is invalid.");
		assertThat(unknownCurrency.json().get("detail").asString()).contains("The selected currency is invalid.");

		this.simulator.api("DELETE", "/servers/" + this.serverId + "?delay=0", null);
		assertProblem(storefront("/v1/services/" + this.service + "/backups"), 404, "server-not-found");
		assertProblem(storefront("/v1/services/" + this.service + "/details"), 404, "server-not-found");
	}

	@Test
	void surfacesVirtFusionRefusingARead() {
		this.simulator.faults("{\"method\":\"GET\",\"path\":\"/servers/{serverId}/traffic\",\"kind\":\"error\","
				+ "\"status\":422,\"errors\":[\"traffic statistics are disabled for this server\"],\"count\":1}");
		Answer refused = storefront("/v1/services/" + this.service + "/traffic");
		assertProblem(refused, 422, "virtfusion-rejected");
		assertThat(refused.json().get("virtfusionErrors").get(0).asString())
			.isEqualTo("traffic statistics are disabled for this server");
		assertThat(refused.json().get("operation").asString()).isEqualTo("getServerTraffic");
	}

	private static void assertProblem(Answer answer, int status, String type) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:vfbridge:problem:" + type);
	}

	private static void assertField(Answer answer, String field) {
		assertProblem(answer, 400, "invalid-request");
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

	private Answer storefront(String path) {
		return this.api.get(path, TestApi.STOREFRONT_KEY);
	}

	private static String createData(String service, long customer, int packageId) {
		return "{\"customer\":{\"id\":\"" + customer + "\",\"email\":\"c" + customer
				+ "@example.com\",\"name\":\"Customer " + customer + "\"},\"service\":{\"id\":\"" + service
				+ "\",\"packageId\":" + packageId + ",\"hypervisorGroupId\":1,\"osTemplateId\":1,\"hostname\":\""
				+ service + ".example.com\",\"ipv4\":1,\"sshKeys\":[\"" + SSH_KEY + "\"]}}";
	}

	private UUID send(String type, String data) {
		Answer answer = this.api.webhook(TestApi.envelope(type, data));
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.operationId();
	}

	private JsonNode succeeded(UUID id) {
		return awaitStatus(id, "succeeded");
	}

	private JsonNode awaitStatus(UUID id, String status) {
		return new OperationWaiter(this.jdbc, this.api).awaitStatus(id, status);
	}

}
