package io.vfbridge.virtfusion;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.vfbridge.virtfusion.model.CreateUserRequest;
import io.vfbridge.virtfusion.model.ExtRelationId;
import io.vfbridge.virtfusion.model.LoginTokens;
import io.vfbridge.virtfusion.model.ModifyUserRequest;
import io.vfbridge.virtfusion.model.NewSshKey;
import io.vfbridge.virtfusion.model.SshKey;
import io.vfbridge.virtfusion.model.User;
import io.vfbridge.virtfusion.model.UserCredentials;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The user operations (by external relation id) and the SSH key operations (by internal
 * user id).
 */
class VirtFusionClientUserOperationsTests extends OperationTestSupport {

	private static final String USER = """
			{"id": 3, "admin": false, "extRelationId": 1, "selfService": 3,
			 "selfServiceHourlyGroupProfiles": [], "selfServiceResourceGroupProfiles": [4, 5],
			 "selfServiceHourlyResourcePack": null, "name": "jon Doe", "email": "jon@doe.com",
			 "timezone": "Europe/London", "suspended": false, "twoFactorAuth": 0,
			 "created": "2025-01-20T12:48:20.000000Z", "updated": "2025-01-20T13:00:38.000000Z"}
			""";

	private static final String TOKENS = """
			{"data": {"authentication": {
			  "tokens": {"1": "zYpEXpWEeXR4LfogW3xI", "2": "RGzuQDFt0KsWgPozaTZD"},
			  "endpoint": "/token_authenticate",
			  "endpoint_complete": "/token_authenticate/?1=zYpEXpWEeXR4LfogW3xI&2=RGzuQDFt0KsWgPozaTZD",
			  "expiry": {"ttl": 60, "expires": "2025-01-20T12:49:52.170943Z"}}}}
			""";

	private static final String KEY = """
			{"id": 1, "name": "My SSH Key", "publicKey": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk",
			 "type": "OpenSSH", "enabled": true, "created": "2024-03-13T20:28:32+00:00",
			 "updated": "2024-03-13T20:28:32+00:00"}
			""";

	@Test
	@CoversOperation(VirtFusionOperation.DELETE_USER)
	void deletesUserByExtRelationId() {
		wireMock.stubFor(delete(api("/users/1/byExtRelation")).willReturn(empty(204)));

		this.client.deleteUser(ExtRelationId.of(1));

		verifyOnlyRequest(deleteRequestedFor(urlEqualTo(api("/users/1/byExtRelation"))).withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.CREATE_LOGIN_TOKENS)
	void createsLoginTokensForRelStrUserKeyedOneAndTwo() {
		wireMock.stubFor(post(urlPathEqualTo(api("/users/abc/authenticationTokens"))).willReturn(okJson(TOKENS)));

		LoginTokens tokens = this.client.createLoginTokens(ExtRelationId.ofRelStr("abc"));

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/users/abc/authenticationTokens?relStr=true")))
			.withRequestBody(absent()));
		assertThat(tokens.tokens()).containsEntry("1", "zYpEXpWEeXR4LfogW3xI")
			.containsEntry("2", "RGzuQDFt0KsWgPozaTZD");
		assertThat(tokens.endpoint()).isEqualTo("/token_authenticate");
		assertThat(tokens.expiry().ttl()).isEqualTo(60);
		assertThat(tokens.loginUrl(URI.create("https://cp.example.com/api/v1")))
			.hasToString("https://cp.example.com/token_authenticate/?1=zYpEXpWEeXR4LfogW3xI&2=RGzuQDFt0KsWgPozaTZD");
		assertThat(tokens.toString()).doesNotContain("zYpEXpWEeXR4LfogW3xI").doesNotContain("RGzuQDFt0KsWgPozaTZD");
	}

	@Test
	@CoversOperation(VirtFusionOperation.CREATE_SERVER_LOGIN_TOKENS)
	void createsLoginTokensLandingOnServer() {
		wireMock.stubFor(post(api("/users/1/serverAuthenticationTokens/9")).willReturn(okJson(TOKENS)));

		LoginTokens tokens = this.client.createServerLoginTokens(ExtRelationId.of(1), 9);

		verifyOnlyRequest(
				postRequestedFor(urlEqualTo(api("/users/1/serverAuthenticationTokens/9"))).withRequestBody(absent()));
		assertThat(tokens.endpointComplete()).startsWith("/token_authenticate/?1=");
		assertThat(tokens.loginUrl(URI.create("https://cp.example.com")).getHost()).isEqualTo("cp.example.com");
	}

	@Test
	@CoversOperation(VirtFusionOperation.MODIFY_USER)
	void modifiesUserAndReadsTheChangedFields() {
		wireMock.stubFor(put(api("/users/1/byExtRelation")).willReturn(json(201, """
				{"data": {"name": "jon Doe", "email": "jon@doe.com", "selfService": 3, "enabled": true}}
				""")));

		User user = this.client.modifyUser(ExtRelationId.of(1),
				ModifyUserRequest.builder()
					.name("jon Doe")
					.selfService(3)
					.selfServiceResourceGroupProfiles(List.of(4L, 5L))
					.enabled(true)
					.build());

		verifyOnlyRequest(putRequestedFor(urlEqualTo(api("/users/1/byExtRelation"))).withRequestBody(equalToJson("""
				{"name": "jon Doe", "selfService": 3, "selfServiceResourceGroupProfiles": [4, 5], "enabled": true}
				""")));
		assertThat(user.name()).isEqualTo("jon Doe");
		assertThat(user.selfService()).isEqualTo(3);
		assertThat(user.enabled()).isTrue();
		assertThat(user.id()).isNull();
	}

	@Test
	@CoversOperation(VirtFusionOperation.RESET_USER_PASSWORD)
	void resetsUserPasswordAndMasksIt() {
		wireMock.stubFor(post(api("/users/1/byExtRelation/resetPassword")).willReturn(
				json(201, "{\"data\": {\"email\": \"jon@doe.com\", \"password\": \"zD2VqFKO554tdfWKOmGhw\"}}")));

		UserCredentials credentials = this.client.resetUserPassword(ExtRelationId.of(1));

		verifyOnlyRequest(
				postRequestedFor(urlEqualTo(api("/users/1/byExtRelation/resetPassword"))).withRequestBody(absent()));
		assertThat(credentials.email()).isEqualTo("jon@doe.com");
		assertThat(credentials.password()).isEqualTo("zD2VqFKO554tdfWKOmGhw");
		assertThat(credentials.toString()).doesNotContain("zD2VqFKO554tdfWKOmGhw");
	}

	@Test
	@CoversOperation(VirtFusionOperation.FIND_USER_BY_EXT_RELATION_ID)
	void findsUserByExtRelationId() {
		wireMock.stubFor(get(api("/users/1/byExtRelation")).willReturn(okJson("{\"data\": " + USER + "}")));

		Optional<User> user = this.client.findUserByExtRelationId(ExtRelationId.of(1));

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/users/1/byExtRelation"))));
		assertThat(user).hasValueSatisfying((found) -> {
			assertThat(found.id()).isEqualTo(3L);
			assertThat(found.extRelationId()).isEqualTo(1L);
			assertThat(found.selfServiceResourceGroupProfiles()).containsExactly(4L, 5L);
			assertThat(found.selfServiceHourlyResourcePack()).isNull();
			assertThat(found.twoFactorAuth()).isFalse();
			assertThat(found.password()).isNull();
		});
	}

	@Test
	void findsNoUserWhenExtRelationIdIsUnknown() {
		wireMock.stubFor(get(urlPathEqualTo(api("/users/acme%20ltd/byExtRelation")))
			.willReturn(json(404, "{\"msg\": \"ext_relation_id not found\"}")));

		Optional<User> user = this.client.findUserByExtRelationId(ExtRelationId.ofRelStr("acme ltd"));

		assertThat(user).isEmpty();
		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/users/acme%20ltd/byExtRelation?relStr=true"))));
	}

	@Test
	@CoversOperation(VirtFusionOperation.CREATE_USER)
	void createsUserWithExtRelationIdAndMasksTheGeneratedPassword() {
		wireMock.stubFor(post(api("/users")).willReturn(
				json(201, "{\"data\": " + USER.replace("}", ", \"password\": \"0hPZSAmj8Tgq1noGoenx\"}") + "}")));

		User user = this.client.createUser(CreateUserRequest.builder("jon Doe", "jon@doe.com")
			.externalId(ExtRelationId.of(1))
			.selfService(3)
			.selfServiceHourlyCredit(true)
			.selfServiceHourlyResourcePack(1)
			.sendMail(false)
			.build());

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/users"))).withRequestBody(equalToJson("""
				{"name": "jon Doe", "email": "jon@doe.com", "extRelationId": 1, "selfService": 3,
				 "selfServiceHourlyCredit": true, "selfServiceHourlyResourcePack": 1, "sendMail": false}
				""")));
		assertThat(user.id()).isEqualTo(3L);
		assertThat(user.password()).isEqualTo("0hPZSAmj8Tgq1noGoenx");
		assertThat(user.toString()).doesNotContain("0hPZSAmj8Tgq1noGoenx");
	}

	@Test
	void createsUserWithRelStrInsteadOfExtRelationId() {
		wireMock.stubFor(post(api("/users")).willReturn(json(201, "{\"data\": " + USER + "}")));

		this.client.createUser(CreateUserRequest.builder("Acme", "ops@acme.example")
			.externalId(ExtRelationId.ofRelStr("acme-7"))
			.sendMail(true)
			.build());

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/users"))).withRequestBody(equalToJson("""
				{"name": "Acme", "email": "ops@acme.example", "relStr": "acme-7", "sendMail": true}
				""")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.ADD_SSH_KEY)
	void addsSshKeyToInternalUser() {
		wireMock.stubFor(post(api("/ssh_keys")).willReturn(json(201, """
				{"data": {"id": 2, "name": "Key 1", "type": "OpenSSH", "createdAt": "2025-01-20T12:16:23.000000Z"}}
				""")));

		SshKey key = this.client.addSshKey(new NewSshKey(1, "Key 1", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk"));

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/ssh_keys"))).withRequestBody(equalToJson("""
				{"userId": 1, "name": "Key 1", "publicKey": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk"}
				""")));
		assertThat(key.id()).isEqualTo(2L);
		assertThat(key.type()).isEqualTo("OpenSSH");
		assertThat(key.createdAt()).isEqualTo("2025-01-20T12:16:23.000000Z");
	}

	@Test
	@CoversOperation(VirtFusionOperation.DELETE_SSH_KEY)
	void deletesSshKey() {
		wireMock.stubFor(delete(api("/ssh_keys/2")).willReturn(empty(204)));

		this.client.deleteSshKey(2);

		verifyOnlyRequest(deleteRequestedFor(urlEqualTo(api("/ssh_keys/2"))).withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.LIST_USER_SSH_KEYS)
	void listsSshKeysOfInternalUser() {
		wireMock.stubFor(get(api("/ssh_keys/user/1")).willReturn(okJson("{\"data\": [" + KEY + "]}")));

		List<SshKey> keys = this.client.listUserSshKeys(1);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/ssh_keys/user/1"))));
		assertThat(keys).extracting(SshKey::id, SshKey::enabled).containsExactly(tuple(1L, true));
	}

	@Test
	@CoversOperation(VirtFusionOperation.GET_SSH_KEY)
	void getsSshKey() {
		wireMock.stubFor(get(api("/ssh_keys/1")).willReturn(okJson("{\"data\": " + KEY + "}")));

		SshKey key = this.client.getSshKey(1);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/ssh_keys/1"))));
		assertThat(key.name()).isEqualTo("My SSH Key");
		assertThat(key.publicKey()).startsWith("ssh-ed25519 ");
		assertThat(key.updated()).isEqualTo("2024-03-13T20:28:32+00:00");
	}

}
