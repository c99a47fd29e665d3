package io.vfbridge.simulator;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes and fields where VirtFusion's documented answers once differed from the
 * simulator's: a trailing slash on any route, the JSON types of a few fields and the full
 * hypervisor embedded in a server.
 */
class SimulatorDocumentedTypesTests extends SimulatorIntegration {

	@Test
	void createsAServerWithATrailingSlash() {
		int userId = this.sim.createUser(1001);

		SimulatorClient.Answer created = this.sim.post("/servers/", """
				{"packageId": 1, "userId": %d, "hypervisorId": 1}
				""".formatted(userId));

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		int serverId = created.data().get("id").asInt();
		assertThat(this.sim.stats().get("servers").get("total").asInt()).isEqualTo(1);
		assertThat(this.sim.stats().get("calls").get("POST /servers").get("201").asInt()).isEqualTo(1);
		assertThat(this.sim.get("/servers/" + serverId + "/").data().get("id").asInt()).isEqualTo(serverId);
		assertThat(this.sim.post("/servers/" + serverId + "/suspend/", null).status()).isEqualTo(204);
		assertThat(this.sim.get("/connect/").body()).isEqualTo("[]");
	}

	@Test
	void appliesAFaultRuleOfAConcretePathToItsTrailingSlashToo() {
		this.sim.addFault("""
				{"method": "GET", "path": "/packages/2", "kind": "error", "status": 503}
				""");

		assertThat(this.sim.get("/packages/2/").status()).isEqualTo(503);
		assertThat(this.sim.get("/packages/1/").status()).isEqualTo(200);
	}

	@Test
	void sendsLocalStorageEnabledAsANumber() {
		JsonNode localStorage = this.sim.get("/compute/hypervisors/groups/1/resources")
			.json()
			.at("/data/0/resources/localStorage");

		assertThat(localStorage.get("enabled").isNumber()).isTrue();
		assertThat(localStorage.get("enabled").asInt()).isEqualTo(1);
	}

	@Test
	void sendsTheDnsServiceTypeAndCapabilitiesAsNumbers() {
		JsonNode dns = this.sim.get("/dns/services/1").data();

		assertThat(dns.get("type").isNumber()).isTrue();
		assertThat(dns.get("capabilities").isNumber()).isTrue();
	}

	@Test
	void sendsTheCurrencyValuesOfHourlyStatisticsAndTheReportAsNumbers() {
		this.sim.createUser(1001);

		JsonNode stats = this.sim.get("/selfService/hourlyStats/byUserExtRelationId/1001").data().get("currency");
		JsonNode report = this.sim.get("/selfService/report/byUserExtRelationId/1001?period=0&currency=USD").data();

		assertThat(stats.get("value").isNumber()).isTrue();
		assertThat(stats.get("currentValue").isNumber()).isTrue();
		assertThat(stats.get("value").decimalValue()).isEqualByComparingTo("0.01");
		assertThat(report.at("/currency/value").isNumber()).isTrue();
		assertThat(report.at("/currency/currentValue").isNumber()).isTrue();
		// the currency list keeps its decimal strings, as documented there
		assertThat(this.sim.get("/selfService/currencies").data().get(0).get("value").isString()).isTrue();
	}

	@Test
	void sendsTheReportsAddonsTotalAsZeroes() {
		this.sim.createUser(1001);

		JsonNode usage = this.sim.get("/selfService/report/byUserExtRelationId/1001?period=0&currency=USD")
			.data()
			.get("usage");

		assertThat(usage.at("/addonsTotal/hours").isNumber()).isTrue();
		assertThat(usage.at("/addonsTotal/hours").asInt()).isZero();
		assertThat(usage.at("/addonsTotal/value").isNumber()).isTrue();
		assertThat(usage.at("/addonsTotal/value").asInt()).isZero();
		assertThat(usage.at("/addonsTotal/tokens").isBoolean()).isTrue();
		assertThat(usage.at("/serversTotal/hours").isBoolean()).isTrue();
		assertThat(usage.get("history").isString()).isTrue();
	}

	@Test
	void sendsTheQueueItemsExceptionStringableAsABoolean() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);
		int queueId = this.sim.post("/servers/" + serverId + "/power/boot", null).data().get("queueId").asInt();

		JsonNode exception = this.sim.get("/queue/" + queueId).data().at("/errors/exception");

		assertThat(exception.get("stringable").isBoolean()).isTrue();
		assertThat(exception.get("type").isNull()).isTrue();
		assertThat(exception.get("message").isNull()).isTrue();
	}

	@Test
	void embedsTheFullHypervisorInAServer() {
		int serverId = this.sim.createServer(this.sim.createUser(1001), 1, 1);

		JsonNode hypervisor = this.sim.server(serverId).get("hypervisor");

		List<String> keys = new ArrayList<>();
		hypervisor.propertyNames().forEach(keys::add);
		assertThat(keys).contains("backupStorageType", "cpuSet", "created", "dataDir", "defaultCPU",
				"defaultDiskCacheType", "defaultDiskType", "defaultMachineType", "displayName", "forceIPv6", "group",
				"groupId", "hostname", "ip", "maintenance", "nfType", "port", "resources", "timezone", "updated",
				"vncListenType");
		assertThat(hypervisor.get("group").has("icon")).isTrue();
		assertThat(hypervisor.get("group").get("name").asString()).isEqualTo("London");
		assertThat(hypervisor.get("resources").propertyNames()).containsExactly("servers", "memory", "cpuCores",
				"localStorage", "otherStorage");
		assertThat(hypervisor.at("/resources/memory/allocated").asInt()).isEqualTo(1024);
		assertThat(hypervisor.at("/resources/localStorage/enabled").isNumber()).isTrue();
		assertThat(hypervisor.get("nfType").isNumber()).isTrue();
	}

}
