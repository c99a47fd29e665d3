package io.vfbridge.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vfbridge.billing.EventType;
import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document documents every {@code /v1} endpoint: an audience tag, its
 * security, and an example for every request and response body; and the README lists
 * every endpoint under "HTTP API".
 */
@IntegrationTest
class ApiDocumentationIntegrationTests {

	private static final Set<String> AUDIENCES = Set.of("billing", "storefront", "operator");

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	JsonNode document;

	@BeforeEach
	void readTheDocument() {
		TestApi.Answer answer = new TestApi(this.port, this.clock).get("/v3/api-docs", null);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		this.document = answer.json();
	}

	@Test
	void describesTheApiAndItsKeys() {
		assertThat(this.document.get("info").get("title").asString()).isEqualTo("vfbridge");
		assertThat(this.document.get("info").get("description").asString()).contains("VirtFusion");
		assertThat(this.document.get("components").get("securitySchemes").get("apiKey").get("scheme").asString())
			.isEqualTo("bearer");
		assertThat(this.document.get("tags")).extracting((tag) -> tag.get("name").asString())
			.containsExactlyInAnyOrder("billing", "storefront", "operator");
		assertThat(this.document.get("paths").propertyNames()).allMatch((path) -> path.startsWith("/v1/"))
			.contains("/v1/events", "/v1/services", "/v1/operations/{id}", "/v1/catalog/packages",
					"/v1/services/{serviceId}/login", "/v1/panel/hypervisors");
	}

	@Test
	void tagsEveryOperationByAudienceAndGivesEveryBodyAnExample() {
		List<String> untagged = new ArrayList<>();
		List<String> withoutExample = new ArrayList<>();
		List<String> unsecured = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : this.document.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				String name = method.getKey().toUpperCase() + " " + path.getKey();
				JsonNode operation = method.getValue();
				if (!operation.has("tags") || operation.get("tags").isEmpty() || !AUDIENCES
					.containsAll(operation.get("tags").valueStream().map(JsonNode::asString).toList())) {
					untagged.add(name);
				}
				if (!operation.has("security") || operation.get("security").isEmpty()) {
					unsecured.add(name);
				}
				if (operation.has("requestBody") && !hasExamples(operation.get("requestBody").get("content"))) {
					withoutExample.add(name + " request");
				}
				for (Map.Entry<String, JsonNode> response : operation.get("responses").properties()) {
					if (response.getValue().has("content") && !hasExamples(response.getValue().get("content"))) {
						withoutExample.add(name + " " + response.getKey());
					}
				}
			}
		}
		assertThat(untagged).as("operations without an audience tag").isEmpty();
		assertThat(unsecured).as("operations without security").isEmpty();
		assertThat(withoutExample).as("bodies without an example (add them to openapi/examples.json)").isEmpty();
	}

	@Test
	void documentsTheBodiesOfCommandsAndTheWebhook() {
		JsonNode create = this.document.get("paths").get("/v1/services").get("post");
		assertThat(create.get("requestBody")
			.get("content")
			.get("application/json")
			.get("example")
			.get("service")
			.get("id")
			.asString()).isNotBlank();
		assertThat(create.get("parameters").valueStream().map((p) -> p.get("name").asString()))
			.contains("Idempotency-Key");
		assertThat(create.get("responses").has("200")).as("a repeated Idempotency-Key").isTrue();
		JsonNode rulesets = command("post", "/v1/services/{serviceId}/firewall/rulesets").get("requestBody");
		JsonNode schema = rulesets.get("content").get("application/json").get("schema");
		assertThat(schema.get("required").valueStream().map(JsonNode::asString)).containsExactly("rulesets");
		assertThat(schema.get("properties").get("rulesets").get("items").get("type").asString()).isEqualTo("integer");
		assertThat(rulesets.get("description").asString()).contains("service.firewall_rulesets");
		JsonNode credit = command("post", "/v1/customers/{customerId}/credit/add").get("requestBody")
			.get("content")
			.get("application/json")
			.get("schema");
		assertThat(credit.get("properties").get("credit").get("required").valueStream().map(JsonNode::asString))
			.as("customer.id comes from the path")
			.containsExactly("tokens");
		JsonNode webhook = this.document.get("paths").get("/v1/events").get("post");
		assertThat(
				webhook.get("requestBody").get("content").get("application/json").get("example").get("type").asString())
			.isEqualTo("service.create");
		assertThat(webhook.get("responses").has("202")).isTrue();
	}

	@Test
	void listsEveryEndpointInTheReadmeUnderItsAudience() throws Exception {
		String section = part(Files.readString(Path.of("README.md")), "\n## HTTP API\n", "\n## ");
		List<String> missing = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : this.document.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				String endpoint = "`" + method.getKey().toUpperCase() + " " + path.getKey() + "`";
				// listed under one of its audiences ("### billing", ...), not elsewhere
				boolean listed = method.getValue()
					.get("tags")
					.valueStream()
					.anyMatch((tag) -> part(section, "\n### " + tag.asString() + "\n", "\n### ").contains(endpoint));
				if (!listed) {
					missing.add(endpoint + " " + method.getValue().get("tags"));
				}
			}
		}
		assertThat(missing).as("endpoints missing from their audience in the README's HTTP API section").isEmpty();
	}

	@Test
	void acceptsEveryCommandsRequestExampleAsItStands() {
		TestApi api = new TestApi(this.port, this.clock);
		String service = "svc-" + UUID.randomUUID();
		String customer = Long.toString(ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000));
		Map<String, String> ids = Map.of("serviceId", service, "customerId", customer, "blockId", "2");
		// the create makes the service and its customer known (the other commands need
		// them); its example names its ids in the body, so they are replaced
		ObjectNode create = (ObjectNode) command("post", "/v1/services").get("requestBody")
			.get("content")
			.get("application/json")
			.get("example")
			.deepCopy();
		((ObjectNode) create.get("customer")).put("id", customer);
		((ObjectNode) create.get("service")).put("id", service);
		assertAccepted(api, "POST", "/v1/services", command("post", "/v1/services"), create.toString());
		List<String> sent = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : this.document.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				JsonNode operation = method.getValue();
				boolean isCommand = operation.path("parameters")
					.valueStream()
					.anyMatch((parameter) -> parameter.get("name").asString().equals("Idempotency-Key"));
				if (!isCommand || path.getKey().equals("/v1/services") || method.getKey().equals("delete")) {
					continue;
				}
				String body = operation.has("requestBody")
						? operation.get("requestBody").get("content").get("application/json").get("example").toString()
						: null;
				assertAccepted(api, method.getKey().toUpperCase(), fill(path.getKey(), ids), operation, body);
				sent.add(method.getKey().toUpperCase() + " " + path.getKey());
			}
		}
		// last: it deletes the customer the others need
		assertAccepted(api, "DELETE", fill("/v1/customers/{customerId}", ids),
				command("delete", "/v1/customers/{customerId}"), null);
		// every event type is a REST command: these, the create and the delete; and the
		// bulk import, which has no event type of its own
		assertThat(sent).as("REST commands documented and sent")
			.hasSize(EventType.values().length - 2 + 1)
			.contains("POST /v1/services/{serviceId}/firewall/rulesets", "POST /v1/customers/{customerId}/credit/add",
					"POST /v1/ip-blocks/{blockId}/ranges", "PUT /v1/customers/{customerId}", "POST /v1/imports");
	}

	private JsonNode command(String method, String path) {
		return this.document.get("paths").get(path).get(method);
	}

	private static void assertAccepted(TestApi api, String method, String path, JsonNode operation, String body) {
		String tag = operation.get("tags").get(0).asString();
		String key = switch (tag) {
			case "billing" -> TestApi.BILLING_KEY;
			case "storefront" -> TestApi.STOREFRONT_KEY;
			default -> TestApi.OPERATOR_KEY;
		};
		TestApi.Answer answer = api.call(method, path, key, "doc-" + UUID.randomUUID(), body);
		assertThat(answer.status()).as(method + " " + path + " " + body + ": " + answer.body()).isEqualTo(202);
		JsonNode documented = operation.get("responses")
			.get("202")
			.get("content")
			.get("application/json")
			.get("example");
		assertThat(answer.json().propertyNames()).as(method + " " + path + " answers as documented")
			.containsExactlyInAnyOrderElementsOf(documented.propertyNames());
		assertThat(answer.headers().firstValue("Location")).contains("/v1/operations/" + answer.operationId());
	}

	private static String fill(String path, Map<String, String> ids) {
		String filled = path;
		for (Map.Entry<String, String> id : ids.entrySet()) {
			filled = filled.replace("{" + id.getKey() + "}", id.getValue());
		}
		assertThat(filled).as("a path parameter this test does not know").doesNotContain("{");
		return filled;
	}

	private static String part(String text, String start, String end) {
		int from = text.indexOf(start);
		assertThat(from).as(start.strip() + " in the README").isNotNegative();
		int to = text.indexOf(end, from + start.length());
		return text.substring(from, (to < 0) ? text.length() : to);
	}

	private static boolean hasExamples(JsonNode content) {
		if (content == null || content.isEmpty()) {
			return false;
		}
		for (JsonNode media : content) {
			boolean example = media.has("example") && !media.get("example").isNull();
			boolean examples = media.has("examples") && !media.get("examples").isEmpty();
			if (!example && !examples) {
				return false;
			}
		}
		return true;
	}

}
