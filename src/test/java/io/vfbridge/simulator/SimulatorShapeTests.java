package io.vfbridge.simulator;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorShapeTests extends SimulatorIntegration {

	@Test
	void answers401WithAnEmptyBodyWithoutTheBearerToken() {
		SimulatorClient.Answer missing = this.sim.send(this.sim.build("GET", "/api/v1/connect", null, null));
		SimulatorClient.Answer wrong = this.sim.send(this.sim.build("POST", "/api/v1/users", "{}", "not-the-token"));

		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.body()).isEmpty();
		assertThat(missing.headers().firstValue("Content-Type")).isEmpty();
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.body()).isEmpty();
		assertThat(this.sim.stats().get("users").get("total").asInt()).isZero();
	}

	@Test
	void answersConnectWithABareEmptyArray() {
		SimulatorClient.Answer answer = this.sim.get("/connect");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("[]");
	}

	@Test
	void paginatesLikeLaravel() {
		int userId = this.sim.createUser(1001);
		for (int i = 0; i < 3; i++) {
			this.sim.createServer(userId, 1, 1);
		}

		JsonNode page = this.sim.get("/servers?results=2&page=2").json();

		assertThat(page.propertyNames()).containsExactly("current_page", "data", "first_page_url", "from", "last_page",
				"last_page_url", "links", "next_page_url", "path", "per_page", "prev_page_url", "to", "total");
		assertThat(page.get("current_page").asInt()).isEqualTo(2);
		assertThat(page.get("data")).hasSize(1);
		assertThat(page.get("from").asInt()).isEqualTo(3);
		assertThat(page.get("to").asInt()).isEqualTo(3);
		assertThat(page.get("last_page").asInt()).isEqualTo(2);
		assertThat(page.get("per_page").asInt()).isEqualTo(2);
		assertThat(page.get("total").asInt()).isEqualTo(3);
		assertThat(page.get("path").asString()).endsWith("/api/v1/servers");
		assertThat(page.get("prev_page_url").asString()).endsWith("/api/v1/servers?page=1");
		assertThat(page.get("next_page_url").isNull()).isTrue();
		List<String> labels = new ArrayList<>();
		page.get("links").forEach((link) -> labels.add(link.get("label").asString()));
		assertThat(labels).containsExactly("&laquo; Previous", "1", "2", "Next &raquo;");
		assertThat(page.get("links").get(2).get("active").asBoolean()).isTrue();
	}

	@Test
	void answersAnEmptyPageWithNullBounds() {
		JsonNode page = this.sim.get("/servers?page=5").json();

		assertThat(page.get("data")).isEmpty();
		assertThat(page.get("from").isNull()).isTrue();
		assertThat(page.get("to").isNull()).isTrue();
		assertThat(page.get("last_page").asInt()).isEqualTo(1);
		assertThat(page.get("per_page").asInt()).isEqualTo(20);
	}

	@Test
	void rejectsPageSizesOutsideOneToTwoHundred() {
		assertThat(this.sim.get("/servers?results=201").status()).isEqualTo(422);
		assertThat(this.sim.get("/compute/hypervisors?results=0").json().get("errors").get(0).asString())
			.isEqualTo("The results field must be between 1 and 200.");
		assertThat(this.sim.get("/connectivity/ipblocks?results=200").status()).isEqualTo(200);
	}

	@Test
	void wrapsObjectsAndPlainListsInData() {
		JsonNode packages = this.sim.get("/packages").json();
		JsonNode pkg = this.sim.get("/packages/2").json();
		SimulatorClient.Answer unknown = this.sim.get("/packages/99");

		assertThat(packages.propertyNames()).containsExactly("data");
		assertThat(packages.get("data")).hasSize(4);
		assertThat(pkg.get("data").get("name").asString()).isEqualTo("VPS Medium");
		assertThat(pkg.get("data").get("memory").asInt()).isEqualTo(4096);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("msg").asString()).isEqualTo("package not found");
		assertThat(this.sim.get("/packages/abc").status()).isEqualTo(404);
	}

	@Test
	void sendsVirtFusionsOddlyTypedFields() {
		JsonNode currencies = this.sim.get("/selfService/currencies").data();
		JsonNode hypervisor = this.sim.get("/compute/hypervisors").json().get("data").get(0);
		JsonNode resources = this.sim.get("/compute/hypervisors/groups/1/resources").json().get("data").get(0);

		assertThat(currencies.get(0).get("code").asString()).isEqualTo("USD");
		assertThat(currencies.get(0).get("value").isString()).isTrue();
		assertThat(currencies.get(0).get("value").asString()).isEqualTo("0.0100000000");
		assertThat(hypervisor.get("commissioned").isInt()).isTrue();
		assertThat(resources.get("hypervisor").get("commissioned").isBoolean()).isTrue();
		assertThat(resources.get("resources").get("servers").get("percent").isNull()).isTrue();
	}

	@Test
	void ignoresUnknownFieldsAndRejectsWrongTypes() {
		SimulatorClient.Answer tolerated = this.sim.post("/users",
				"{\"name\": \"Ann\", \"email\": \"ann@example.com\", \"favouriteColour\": \"teal\"}");
		SimulatorClient.Answer wrongTypes = this.sim.post("/users",
				"{\"name\": 5, \"email\": \"bob@example.com\", \"extRelationId\": \"twelve\", \"selfService\": 7}");
		SimulatorClient.Answer malformed = this.sim.post("/users", "{\"name\": ");

		assertThat(tolerated.status()).isEqualTo(201);
		assertThat(wrongTypes.status()).isEqualTo(422);
		assertThat(wrongTypes.json().get("errors").toString()).contains("The name field must be a string.",
				"The ext relation id field must be an integer.", "The self service field must be between 0 and 3.");
		assertThat(malformed.status()).isEqualTo(422);
		assertThat(malformed.json().get("errors").toString()).contains("The name field is required.");
	}

	@Test
	void acceptsNumericStringsWhereLaravelDoes() {
		SimulatorClient.Answer answer = this.sim.post("/users",
				"{\"name\": \"Ann\", \"email\": \"ann@example.com\", \"extRelationId\": \"42\"}");

		assertThat(answer.status()).isEqualTo(201);
		assertThat(answer.data().get("extRelationId").asInt()).isEqualTo(42);
	}

	@Test
	void answersUnknownRoutesWith404() {
		SimulatorClient.Answer answer = this.sim.get("/servers/1/nonsense/route");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.json().get("message").asString()).contains("could not be found");
	}

	@Test
	void servesTheHarnessWithoutAToken() {
		assertThat(this.sim.admin("GET", "/stats", null).status()).isEqualTo(200);
		assertThat(this.sim.admin("GET", "/faults", null).status()).isEqualTo(200);
	}

}
