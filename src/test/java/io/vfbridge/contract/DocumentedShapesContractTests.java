package io.vfbridge.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds every simulator answer to VirtFusion's documented shape
 * ({@code virtfusion/documented-shapes.json}): each of the 85 operations is called once,
 * after a realistic setup (a user, a built server, an SSH key, a resource pack, a power
 * action), its status compared with the documented success status and its body, where the
 * documentation shows an example, with the example's key paths and JSON types.
 */
class DocumentedShapesContractTests extends ContractSimulator {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DocumentedShapes SHAPES = DocumentedShapes.load();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeEach
	void startFromTheSeed() {
		harness().reset();
		this.clock.reset();
	}

	@Test
	void answersEveryOperationWithTheDocumentedStatusAndShape() {
		Map<String, Called> calls = exerciseEveryOperation();
		List<String> problems = new ArrayList<>();
		StringBuilder report = new StringBuilder();
		for (DocumentedShapes.Operation operation : SHAPES.operations().values()) {
			Called called = calls.get(operation.name());
			if (called == null) {
				problems.add(operation.name() + ": not exercised");
				continue;
			}
			if (called.status() != operation.status()) {
				problems.add(operation.name() + ": documented status " + operation.status() + ", answered "
						+ called.status() + " " + called.body());
			}
			report.append(operation.name()).append(" | ").append(called.status());
			if (operation.documented()) {
				DocumentedShapes.Comparison comparison = operation.compare(called.json());
				comparison.differences().forEach((difference) -> problems.add(operation.name() + " " + difference));
				report.append(" | ")
					.append(comparison.matches() ? "matches" : comparison.differences())
					.append(" | extras ")
					.append(comparison.extras());
			}
			else {
				report.append(" | no documented example | body ")
					.append(called.body().isEmpty() ? "empty" : called.body());
			}
			report.append('\n');
		}
		writeReport(report);
		assertThat(problems).as("differences from the documented answers").isEmpty();
	}

	@Test
	void exercisesEveryReadOperationAndCallsEveryOperationOfTheSimulator() {
		Map<String, Called> calls = exerciseEveryOperation();
		JsonNode called = harness().stats().path("calls");

		assertThat(SHAPES.operations()).hasSize(85);
		assertThat(SHAPES.operations().values().stream().filter(DocumentedShapes.Operation::read))
			.allSatisfy((operation) -> assertThat(operation.documented()).as(operation.name()).isTrue());
		assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(SHAPES.operations().keySet());
		List<String> simulatorOperations = new ArrayList<>();
		called.propertyNames().forEach(simulatorOperations::add);
		assertThat(simulatorOperations).containsExactlyInAnyOrderElementsOf(SHAPES.operations().keySet());
	}

	@Test
	void reportsAFieldWhoseTypeChanged() {
		Map<String, Called> calls = exerciseEveryOperation();
		DocumentedShapes.Operation retrieve = SHAPES.operation("GET /servers/{serverId}");
		ObjectNode answer = (ObjectNode) calls.get(retrieve.name()).json();
		assertThat(retrieve.compare(answer).differences()).isEmpty();

		((ObjectNode) answer.get("data").get("hypervisor").get("group")).put("name", 7);
		((ObjectNode) answer.get("data")).put("suspended", "false");

		assertThat(retrieve.compare(answer).differences()).containsExactly(
				"/data/suspended: documented boolean, answered string",
				"/data/hypervisor/group/name: documented string, answered number");
	}

	@Test
	void reportsEachReadOperationWhoseFirstFieldChangesType() {
		Map<String, Called> calls = exerciseEveryOperation();
		for (DocumentedShapes.Operation operation : SHAPES.operations().values()) {
			if (!operation.read() || operation.name().equals("GET /connect")) {
				continue;
			}
			JsonNode answer = calls.get(operation.name()).json();
			Leaf leaf = firstScalar(operation, answer, "", "");
			assertThat(leaf).as(operation.name()).isNotNull();
			JsonNode mutated = mutate(answer, leaf.pointer());

			assertThat(operation.compare(mutated).differences()).as(operation.name() + " " + leaf)
				.anySatisfy((difference) -> assertThat(difference).startsWith(leaf.documentedPath() + ":"));
		}
	}

	/**
	 * The JSON pointer of the first string, number or boolean in an answer whose type the
	 * documentation shows.
	 */
	private static @Nullable Leaf firstScalar(DocumentedShapes.Operation operation, JsonNode node, String pointer,
			String documentedPath) {
		DocumentedShapes.Type documented = operation.shape().get(documentedPath);
		if (documented == null || documented.unknown()) {
			return null;
		}
		if (node.isString() || node.isNumber() || node.isBoolean()) {
			return new Leaf(pointer, documentedPath);
		}
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				String key = property.getKey();
				String child = key.chars().allMatch(Character::isDigit) ? "{n}" : key;
				Leaf found = firstScalar(operation, property.getValue(), pointer + "/" + key,
						documentedPath + "/" + child);
				if (found != null) {
					return found;
				}
			}
		}
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				Leaf found = firstScalar(operation, node.get(i), pointer + "/" + i, documentedPath + "/[]");
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/** A copy of the answer whose scalar at {@code pointer} has another JSON type. */
	private static JsonNode mutate(JsonNode answer, String pointer) {
		JsonNode copy = answer.deepCopy();
		String parentPointer = pointer.substring(0, pointer.lastIndexOf('/'));
		String key = pointer.substring(pointer.lastIndexOf('/') + 1);
		JsonNode parent = parentPointer.isEmpty() ? copy : copy.at(parentPointer);
		JsonNode value = parent.isObject() ? parent.get(key) : parent.get(Integer.parseInt(key));
		JsonNode replacement = value.isString() ? JSON.getNodeFactory().numberNode(1)
				: JSON.getNodeFactory().stringNode("1");
		if (parent.isObject()) {
			((ObjectNode) parent).set(key, replacement);
		}
		else {
			((tools.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(key), replacement);
		}
		return copy;
	}

	/**
	 * Calls all 85 operations once, in an order where each finds what it needs; returns
	 * the answer per operation.
	 */
	private Map<String, Called> exerciseEveryOperation() {
		Map<String, Called> calls = new LinkedHashMap<>();
		Function<String, Called> noBody = (String line) -> call(calls, line, null);
		// Catalogue
		noBody.apply("GET /connect");
		noBody.apply("GET /compute/hypervisors/groups");
		noBody.apply("GET /compute/hypervisors/groups/1");
		noBody.apply("GET /compute/hypervisors/groups/1/resources");
		noBody.apply("GET /compute/hypervisors");
		noBody.apply("GET /compute/hypervisors/1");
		call(calls, "POST /connectivity/ipblocks/3/ipv4",
				"{\"type\": \"range\", \"start\": \"192.0.2.160\", \"end\": \"192.0.2.170\"}");
		noBody.apply("GET /connectivity/ipblocks");
		noBody.apply("GET /connectivity/ipblocks/1");
		noBody.apply("GET /dns/services/1");
		noBody.apply("GET /media/iso/1");
		noBody.apply("GET /media/templates/fromServerPackageSpec/2");
		noBody.apply("GET /packages");
		noBody.apply("GET /packages/2");
		noBody.apply("GET /selfService/currencies");
		// A user with an SSH key, a resource pack and credit
		int userId = call(calls, "POST /users",
				"{\"name\": \"Ann Example\", \"email\": \"ann@example.com\", \"extRelationId\": 1001, \"selfService\": 3}")
			.json()
			.at("/data/id")
			.asInt();
		call(calls, "PUT /users/1001/byExtRelation", "{\"name\": \"Ann Example\", \"selfService\": 3}");
		noBody.apply("GET /users/1001/byExtRelation");
		noBody.apply("POST /users/1001/byExtRelation/resetPassword");
		int keyId = call(calls, "POST /ssh_keys", "{\"userId\": " + userId
				+ ", \"name\": \"laptop\", \"publicKey\": \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHx0cT0Z1d8H3cBbXfC6mM2wTq3r0WQzPaQxJ0g1cQ4a ann@laptop\"}")
			.json()
			.at("/data/id")
			.asInt();
		noBody.apply("GET /ssh_keys/" + keyId);
		noBody.apply("GET /ssh_keys/user/" + userId);
		int packId = call(calls, "POST /selfService/resourcePack/byUserExtRelationId/1001",
				"{\"packId\": 1, \"enabled\": true}")
			.json()
			.at("/data/id")
			.asInt();
		int creditId = call(calls, "POST /selfService/credit/byUserExtRelationId/1001",
				"{\"tokens\": 2500, \"reference_1\": 77, \"reference_2\": \"invoice 77\"}")
			.json()
			.at("/data/id")
			.asInt();
		// A built server
		int serverId = call(calls, "POST /servers",
				"{\"packageId\": 2, \"userId\": " + userId + ", \"hypervisorId\": 1, \"ipv4\": 1}")
			.json()
			.at("/data/id")
			.asInt();
		String server = "/servers/" + serverId;
		call(calls, "POST " + server + "/build", "{\"operatingSystemId\": 1, \"name\": \"web1\", "
				+ "\"hostname\": \"web1.example.com\", \"sshKeys\": [" + keyId + "], \"email\": false}");
		this.clock.shift(Duration.ofMinutes(10));
		noBody.apply("GET " + server);
		noBody.apply("GET /servers");
		noBody.apply("GET /servers/user/" + userId);
		noBody.apply("GET " + server + "/templates");
		noBody.apply("GET /backups/server/" + serverId);
		// Power, and the queue item of a power action
		noBody.apply("POST " + server + "/power/shutdown");
		noBody.apply("POST " + server + "/power/poweroff");
		noBody.apply("POST " + server + "/power/restart");
		int queueId = noBody.apply("POST " + server + "/power/boot").json().at("/data/queueId").asInt();
		this.clock.shift(Duration.ofMinutes(1));
		noBody.apply("GET /queue/" + queueId);
		call(calls, "POST " + server + "/resetPassword", "{\"user\": \"root\", \"sendMail\": false}");
		call(calls, "POST " + server + "/vnc", "{\"action\": \"enable\"}");
		noBody.apply("GET " + server + "/vnc");
		// Network
		noBody.apply("POST " + server + "/firewall/primary/enable");
		call(calls, "POST " + server + "/firewall/primary/rules", "{\"rulesets\": [1]}");
		noBody.apply("GET " + server + "/firewall/primary");
		noBody.apply("POST " + server + "/firewall/primary/disable");
		call(calls, "POST " + server + "/networkWhitelist",
				"{\"interface\": \"primary\", \"ip\": \"192.0.2.77\", \"cidr\": 32}");
		call(calls, "DELETE " + server + "/networkWhitelist", "{\"interface\": \"primary\", \"ip\": \"192.0.2.77\"}");
		String added = call(calls, "POST " + server + "/ipv4Qty", "{\"interface\": \"primary\", \"quantity\": 1}")
			.json()
			.at("/data/0")
			.asString();
		call(calls, "DELETE " + server + "/ipv4", "{\"interface\": \"primary\", \"ip\": [\"" + added + "\"]}");
		call(calls, "POST " + server + "/ipv4", "{\"interface\": \"primary\", \"ip\": [\"" + added + "\"]}");
		// Traffic
		call(calls, "POST " + server + "/traffic/blocks", "{\"month\": 1, \"amount\": 100}");
		int blockId = noBody.apply("GET " + server + "/traffic/blocks").json().at("/data/assigned/0/id").asInt();
		noBody.apply("DELETE " + server + "/traffic/blocks/" + blockId);
		call(calls, "PUT " + server + "/modify/traffic", "{\"traffic\": 2000}");
		noBody.apply("GET " + server + "/traffic");
		// Settings
		call(calls, "PUT " + server + "/modify/name", "{\"name\": \"web one\"}");
		call(calls, "PUT " + server + "/modify/cpuThrottle", "{\"percent\": 20}");
		call(calls, "PUT " + server + "/modify/memory", "{\"memory\": 2048}");
		call(calls, "PUT " + server + "/modify/cpuCores", "{\"cores\": 2}");
		noBody.apply("PUT " + server + "/backups/plan/1");
		call(calls, "PUT " + server + "/backupManager/access", "{\"type\": \"full\"}");
		call(calls, "POST " + server + "/customXML", "{\"clock\": \"<clock offset='utc'/>\", \"clockEnabled\": true}");
		call(calls, "PUT " + server + "/package/3", "{}");
		noBody.apply("POST " + server + "/suspend");
		noBody.apply("POST " + server + "/unsuspend");
		// Login tokens
		noBody.apply("POST /users/1001/authenticationTokens");
		noBody.apply("POST /users/1001/serverAuthenticationTokens/" + serverId);
		// Self service
		String ext = "/byUserExtRelationId/1001";
		call(calls, "POST /selfService/hourlyGroupProfile" + ext, "{\"profileId\": 1}");
		call(calls, "POST /selfService/resourceGroupProfile" + ext, "{\"profileId\": 1}");
		call(calls, "PUT /selfService/access" + ext, "{\"syncToProfiles\": true}");
		call(calls, "PUT /selfService/hourlyResourcePack" + ext, "{\"packId\": 1}");
		this.clock.shift(Duration.ofHours(3));
		noBody.apply("GET /selfService/hourlyStats" + ext);
		noBody.apply("GET /selfService/report" + ext + "?period=0&currency=USD");
		noBody.apply("GET /selfService/usage" + ext);
		noBody.apply("GET /selfService/resourcePack/" + packId);
		call(calls, "PUT /selfService/resourcePack/" + packId, "{\"enabled\": true}");
		noBody.apply("POST /selfService/resourcePackServers/" + packId + "/suspend");
		noBody.apply("POST /selfService/resourcePackServers/" + packId + "/unsuspend");
		noBody.apply("DELETE /selfService/hourlyGroupProfile/1" + ext);
		noBody.apply("DELETE /selfService/resourceGroupProfile/1" + ext);
		noBody.apply("DELETE /selfService/credit/" + creditId);
		// A second owner, then everything goes
		int otherUserId = call(calls, "POST /users",
				"{\"name\": \"Bob Example\", \"email\": \"bob@example.com\", \"extRelationId\": 1002}")
			.json()
			.at("/data/id")
			.asInt();
		noBody.apply("PUT " + server + "/owner/" + otherUserId);
		noBody.apply("DELETE /selfService/resourcePackServers/" + packId + "?delay=0");
		noBody.apply("DELETE /selfService/resourcePack/" + packId + "?disable=true");
		noBody.apply("DELETE " + server + "?delay=0");
		noBody.apply("DELETE /ssh_keys/" + keyId);
		noBody.apply("DELETE /users/1002/byExtRelation");
		return calls;
	}

	/**
	 * One call, recorded under its operation (found through the simulator's counters).
	 */
	private Called call(Map<String, Called> calls, String line, @Nullable String json) {
		String method = line.substring(0, line.indexOf(' '));
		String path = line.substring(line.indexOf(' ') + 1);
		Map<String, Integer> before = counts();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness().apiBaseUrl() + path))
			.timeout(Duration.ofSeconds(10))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + TOKEN)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		Called called;
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			called = new Called(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		Map<String, Integer> after = counts();
		List<String> operations = after.keySet()
			.stream()
			.filter((operation) -> after.get(operation) > before.getOrDefault(operation, 0))
			.collect(Collectors.toList());
		assertThat(operations).as(line + " answered " + called.status() + " " + called.body()).hasSize(1);
		assertThat(called.status()).as(line + " " + called.body()).isBetween(200, 299);
		calls.put(operations.get(0), called);
		return called;
	}

	private Map<String, Integer> counts() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> operation : harness().stats().path("calls").properties()) {
			int total = 0;
			for (JsonNode count : operation.getValue()) {
				total += count.asInt();
			}
			counts.put(operation.getKey(), total);
		}
		return counts;
	}

	private static void writeReport(StringBuilder report) {
		try {
			Path target = Path.of("target", "documented-shapes-report.txt");
			Files.createDirectories(target.getParent());
			Files.writeString(target, report);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A scalar of an answer: where it is, and its path in the documented shape. */
	record Leaf(String pointer, String documentedPath) {

	}

	/** An answer: status and body. */
	record Called(int status, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
