package io.vfbridge.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorUserTests extends SimulatorIntegration {

	private static final String PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVzZXJAc2ltdWxhdG9yIGtleSBmb3IgdGVzdHM= ann@laptop";

	@Test
	void createsAUserAndShowsItsPasswordOnlyOnce() {
		SimulatorClient.Answer created = this.sim.post("/users",
				"{\"name\": \"Ann Example\", \"email\": \"ann@example.com\", \"extRelationId\": 1001, \"sendMail\": false}");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.data().get("password").asString()).isNotBlank();
		assertThat(created.data().get("admin").asBoolean()).isFalse();
		JsonNode found = this.sim.get("/users/1001/byExtRelation").data();
		assertThat(found.get("id").asInt()).isEqualTo(created.data().get("id").asInt());
		assertThat(found.get("email").asString()).isEqualTo("ann@example.com");
		assertThat(found.has("password")).isFalse();
	}

	@Test
	void rejectsADuplicateEmailWith409() {
		this.sim.createUser(1001);

		SimulatorClient.Answer duplicate = this.sim.post("/users",
				"{\"name\": \"Other\", \"email\": \"Customer1001@Example.com\", \"extRelationId\": 1002}");

		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().get("msg").asString()).contains("email");
		assertThat(this.sim.stats().get("users").get("total").asInt()).isEqualTo(1);
	}

	@Test
	void rejectsATakenExtRelationIdWith422() {
		this.sim.createUser(1001);

		SimulatorClient.Answer duplicate = this.sim.post("/users",
				"{\"name\": \"Other\", \"email\": \"other@example.com\", \"extRelationId\": 1001}");

		assertThat(duplicate.status()).isEqualTo(422);
	}

	@Test
	void answers404WithMsgForAnUnknownExtRelationId() {
		SimulatorClient.Answer answer = this.sim.get("/users/4242/byExtRelation");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.json().get("msg").asString()).isEqualTo("ext_relation_id not found");
		assertThat(this.sim.get("/users/not-a-number/byExtRelation").status()).isEqualTo(404);
	}

	@Test
	void findsUsersByRelStrOnlyWhenAskedTo() {
		this.sim.post("/users", "{\"name\": \"Ann\", \"email\": \"ann@example.com\", \"relStr\": \"shop-ann\"}");

		assertThat(this.sim.get("/users/shop-ann/byExtRelation?relStr=true").status()).isEqualTo(200);
		assertThat(this.sim.get("/users/shop-ann/byExtRelation").status()).isEqualTo(404);
		assertThat(this.sim.post("/users/shop-ann/authenticationTokens?relStr=true", null).status()).isEqualTo(200);
		assertThat(this.sim.post("/selfService/credit/byUserExtRelationId/shop-ann?relStr=true", "{\"tokens\": 5}")
			.status()).isEqualTo(201);
	}

	@Test
	void generatesLoginTokensKeyedOneAndTwo() {
		this.sim.createUser(1001);

		JsonNode authentication = this.sim.post("/users/1001/authenticationTokens", null).data().get("authentication");

		String first = authentication.get("tokens").get("1").asString();
		String second = authentication.get("tokens").get("2").asString();
		assertThat(authentication.get("endpoint").asString()).isEqualTo("/token_authenticate");
		assertThat(authentication.get("endpoint_complete").asString())
			.isEqualTo("/token_authenticate/?1=" + first + "&2=" + second);
		assertThat(authentication.get("expiry").get("ttl").asInt()).isEqualTo(60);
	}

	@Test
	void generatesServerLoginTokensOnlyForTheUsersOwnServer() {
		int ann = this.sim.createUser(1001);
		int bob = this.sim.createUser(1002);
		int annServer = this.sim.createServer(ann, 1, 1);
		int bobServer = this.sim.createServer(bob, 1, 1);

		assertThat(this.sim.post("/users/1001/serverAuthenticationTokens/" + annServer, null).status()).isEqualTo(200);
		assertThat(this.sim.post("/users/1001/serverAuthenticationTokens/" + bobServer, null).status()).isEqualTo(404);
	}

	@Test
	void modifiesAUserAndAnswersWithTheChangedFields() {
		this.sim.createUser(1001);
		this.sim.createUser(1002);

		SimulatorClient.Answer modified = this.sim.put("/users/1001/byExtRelation",
				"{\"name\": \"Renamed\", \"selfService\": 1, \"enabled\": false}");
		SimulatorClient.Answer taken = this.sim.put("/users/1001/byExtRelation",
				"{\"email\": \"customer1002@example.com\"}");

		assertThat(modified.status()).isEqualTo(201);
		assertThat(modified.data().propertyNames()).containsExactly("name", "email", "selfService", "enabled");
		assertThat(modified.data().get("enabled").asBoolean()).isFalse();
		assertThat(this.sim.get("/users/1001/byExtRelation").data().get("suspended").asBoolean()).isTrue();
		assertThat(taken.status()).isEqualTo(422);
	}

	@Test
	void resetsAUsersPanelPassword() {
		this.sim.createUser(1001);

		SimulatorClient.Answer reset = this.sim.post("/users/1001/byExtRelation/resetPassword", null);

		assertThat(reset.status()).isEqualTo(201);
		assertThat(reset.data().get("email").asString()).isEqualTo("customer1001@example.com");
		assertThat(reset.data().get("password").asString()).isNotBlank();
	}

	@Test
	void refusesToDeleteAUserWhoStillOwnsServers() {
		int userId = this.sim.createUser(1001);
		int serverId = this.sim.createServer(userId, 1, 1);

		assertThat(this.sim.delete("/users/1001/byExtRelation").status()).isEqualTo(409);
		this.sim.delete("/servers/" + serverId + "?delay=0");
		assertThat(this.sim.delete("/users/1001/byExtRelation").status()).isEqualTo(204);
		assertThat(this.sim.get("/users/1001/byExtRelation").status()).isEqualTo(404);
	}

	@Test
	void storesListsAndDeletesSshKeys() {
		int userId = this.sim.createUser(1001);

		SimulatorClient.Answer added = this.sim.post("/ssh_keys",
				"{\"userId\": %d, \"name\": \"laptop\", \"publicKey\": \"%s\"}".formatted(userId, PUBLIC_KEY));

		assertThat(added.status()).isEqualTo(201);
		assertThat(added.data().propertyNames()).containsExactly("id", "name", "type", "createdAt");
		int keyId = added.data().get("id").asInt();
		assertThat(this.sim.get("/ssh_keys/user/" + userId).data().get(0).get("publicKey").asString())
			.isEqualTo(PUBLIC_KEY);
		assertThat(this.sim.get("/ssh_keys/" + keyId).data().get("name").asString()).isEqualTo("laptop");
		int serverId = this.sim.createServer(userId, 1, 1);
		SimulatorClient.Answer build = this.sim.post("/servers/" + serverId + "/build",
				"{\"operatingSystemId\": 1, \"sshKeys\": [%d]}".formatted(keyId));
		assertThat(build.data().get("sshKeys").get(0).get("id").asInt()).isEqualTo(keyId);
		assertThat(this.sim.delete("/ssh_keys/" + keyId).status()).isEqualTo(204);
		assertThat(this.sim.get("/ssh_keys/" + keyId).status()).isEqualTo(404);
	}

	@Test
	void rejectsMalformedKeysAndUnknownOwners() {
		int userId = this.sim.createUser(1001);

		SimulatorClient.Answer malformed = this.sim.post("/ssh_keys",
				"{\"userId\": %d, \"name\": \"bad\", \"publicKey\": \"not a key\"}".formatted(userId));
		SimulatorClient.Answer noOwner = this.sim.post("/ssh_keys",
				"{\"userId\": 999, \"name\": \"orphan\", \"publicKey\": \"%s\"}".formatted(PUBLIC_KEY));

		assertThat(malformed.status()).isEqualTo(422);
		assertThat(noOwner.status()).isEqualTo(422);
		assertThat(noOwner.json().get("errors").get(0).asString()).isEqualTo("The selected user id is invalid.");
	}

}
