package io.vfbridge.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
		JsonNode webhook = this.document.get("paths").get("/v1/events").get("post");
		assertThat(
				webhook.get("requestBody").get("content").get("application/json").get("example").get("type").asString())
			.isEqualTo("service.create");
		assertThat(webhook.get("responses").has("202")).isTrue();
	}

	@Test
	void listsEveryEndpointInTheReadme() throws Exception {
		String readme = Files.readString(Path.of("README.md"));
		String section = readme.substring(readme.indexOf("## HTTP API"));
		List<String> missing = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : this.document.get("paths").properties()) {
			for (String method : path.getValue().propertyNames()) {
				String endpoint = "`" + method.toUpperCase() + " " + path.getKey() + "`";
				if (!section.contains(endpoint)) {
					missing.add(endpoint);
				}
			}
		}
		assertThat(missing).as("endpoints missing from the README's HTTP API section").isEmpty();
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
