package io.vfbridge.provisioning;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.SimulatorAdmin;
import io.vfbridge.testsupport.TestApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bulk import of 2,000 rows, 5 % of them bad, against servers made directly in the
 * simulator (the benchmark seed: no capacity limit): the dry run and the import report
 * the same exact counts, the dry run changes nothing, the import links every good row to
 * its own server and creates nothing in VirtFusion.
 */
@IntegrationTest(properties = "vfbridge.simulator.seed=bench/simulator/seed.yaml")
class BulkImportIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int GOOD = 1_900;

	private static final int CUSTOMERS = 95;

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void importsTwoThousandRowsWithExactCountsAfterADryRunThatChangesNothing() throws Exception {
		SimulatorAdmin simulator = new SimulatorAdmin(this.port);
		String prefix = "bulk-" + ThreadLocalRandom.current().nextInt(1_000_000) + "-";
		long firstCustomer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		Map<String, Long> expected = new HashMap<>();
		StringBuilder csv = new StringBuilder("serviceId,customerId,serverId\n");
		List<String> lines = new ArrayList<>();
		List<Long> built = new ArrayList<>();
		for (int c = 0; c < CUSTOMERS; c++) {
			long customer = firstCustomer + c;
			long user = create(simulator, "/users", "{\"name\":\"Legacy " + customer + "\",\"email\":\"legacy"
					+ customer + "@example.com\",\"extRelationId\":" + customer + "}");
			for (int s = 0; s < GOOD / CUSTOMERS; s++) {
				long server = create(simulator, "/servers",
						"{\"packageId\":1,\"userId\":" + user + ",\"hypervisorId\":1,\"ipv4\":1}");
				assertThat(simulator.api("POST", "/servers/" + server + "/build", "{\"operatingSystemId\":1}")
					.statusCode()).isBetween(200, 201);
				built.add(server);
				String service = prefix + server;
				expected.put(service, server);
				lines.add(service + "," + customer + "," + server);
			}
		}
		// 100 bad rows: 30 unknown servers (found out when they run), 30 without a number
		// for the server, 20 without a customer, 20 naming a service a row names already
		List<Integer> failedRows = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			lines.add(prefix + "ghost-" + i + "," + firstCustomer + "," + (900_000_000L + i));
		}
		for (int i = 0; i < 30; i++) {
			lines.add(prefix + "nan-" + i + "," + firstCustomer + ",abc");
		}
		for (int i = 0; i < 20; i++) {
			lines.add(prefix + "nocustomer-" + i + ",," + built.get(i));
		}
		for (int i = 0; i < 20; i++) {
			lines.add(lines.get(i).split(",")[0] + "," + firstCustomer + "," + built.get(i + 20));
		}
		for (int i = GOOD; i < lines.size(); i++) {
			failedRows.add(i + 1);
		}
		lines.forEach((line) -> csv.append(line).append('\n'));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> simulator.server(built.get(built.size() - 1)).get("commissionStatus").asInt() >= 3);
		int writes = writes(simulator);

		JsonNode dry = finished(upload(csv.toString(), true));
		assertCounts(dry, failedRows);
		assertThat(dry.get("dryRun").asBoolean()).isTrue();
		assertThat(this.jdbc.queryForObject("select count(*) from service where billing_id like ?", Integer.class,
				prefix + "%"))
			.as("a dry run changes nothing")
			.isZero();

		JsonNode done = finished(upload(csv.toString(), false));
		assertCounts(done, failedRows);
		assertThat(writes(simulator)).as("no create, build, suspend or delete during the import").isEqualTo(writes);
		Map<String, Long> linked = new HashMap<>();
		this.jdbc.query("select billing_id, server_id from service where billing_id like ?", (rs) -> {
			linked.put(rs.getString(1), rs.getLong(2));
		}, prefix + "%");
		assertThat(linked).as("every good row linked to its own server, no other").isEqualTo(expected);
	}

	private static void assertCounts(JsonNode result, List<Integer> failedRows) {
		assertThat(result.get("rows").asInt()).isEqualTo(2_000);
		assertThat(result.get("linked").get("count").asInt()).isEqualTo(GOOD);
		assertThat(result.get("alreadyLinked").get("count").asInt()).isZero();
		assertThat(result.get("needsAttention").get("count").asInt()).isZero();
		assertThat(result.get("failed").get("count").asInt()).isEqualTo(100);
		assertThat(result.get("failed").get("rows").valueStream().map((row) -> row.get("row").asInt()).toList())
			.containsExactlyInAnyOrderElementsOf(failedRows);
		assertThat(result.get("failed").get("rows").get(0).get("reason").asString()).isNotBlank();
	}

	private JsonNode finished(UUID operation) {
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> "succeeded"
				.equals(this.jdbc.queryForObject("select status from job where id = ?", String.class, operation)));
		return new TestApi(this.port, this.clock).get("/v1/operations/" + operation, TestApi.OPERATOR_KEY)
			.json()
			.get("result");
	}

	private UUID upload(String csv, boolean dryRun) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/imports?dryRun=" + dryRun))
				.header("Authorization", "Bearer " + TestApi.OPERATOR_KEY)
				.header("Idempotency-Key", "bulk-" + UUID.randomUUID())
				.header("Content-Type", "text/csv")
				.POST(HttpRequest.BodyPublishers.ofString(csv))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return UUID.fromString(JSON.readTree(response.body()).get("operationId").asString());
	}

	private static long create(SimulatorAdmin simulator, String path, String body) {
		var created = simulator.api("POST", path, body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("data").get("id").asLong();
	}

	private static int writes(SimulatorAdmin simulator) {
		JsonNode calls = simulator.stats().path("calls");
		int sum = 0;
		for (String operation : calls.propertyNames()) {
			if (operation.startsWith("POST ") || operation.startsWith("DELETE ") || operation.startsWith("PUT ")) {
				for (JsonNode count : calls.get(operation)) {
					sum += count.asInt();
				}
			}
		}
		return sum;
	}

}
