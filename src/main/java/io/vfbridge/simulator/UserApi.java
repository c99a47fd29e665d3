package io.vfbridge.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Users, their login tokens and SSH keys (sections 9, 10 and 1.7 of the reference).
 */
final class UserApi {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private static final Pattern OPENSSH_KEY = Pattern
		.compile("^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-\\S+) [A-Za-z0-9+/]+={0,3}( .*)?$");

	private static final Duration TOKEN_TTL = Duration.ofSeconds(60);

	private final Panel panel;

	UserApi(Panel panel) {
		this.panel = panel;
	}

	ServerResponse create(ServerRequest request) {
		Input input = Input.of(request);
		String name = input.requiredString("name", 255);
		String email = input.requiredString("email", 255);
		input.check(email.isEmpty() || EMAIL.matcher(email).matches(),
				"The email field must be a valid email address.");
		Integer extRelationId = input.optionalInt("extRelationId");
		String relStr = input.optionalString("relStr", 255);
		Integer selfService = input.optionalInt("selfService", 0, 3);
		boolean hourlyCredit = input.optionalBool("selfServiceHourlyCredit", false);
		List<Integer> hourlyProfiles = input.optionalIntList("selfServiceHourlyGroupProfiles");
		List<Integer> resourceProfiles = input.optionalIntList("selfServiceResourceGroupProfiles");
		Integer hourlyPack = input.optionalInt("selfServiceHourlyResourcePack");
		input.optionalBool("sendMail");
		input.validate();
		return this.panel.call((state) -> {
			checkProfiles(state, input, hourlyProfiles, resourceProfiles, hourlyPack);
			if (extRelationId != null && state.extRelationIdTaken(extRelationId)) {
				input.check(false, "The ext relation id has already been taken.");
			}
			if (relStr != null && state.relStrTaken(relStr)) {
				input.check(false, "The rel str has already been taken.");
			}
			input.validate();
			if (state.userByEmail(email) != null) {
				throw ApiError.conflict("A user with this email address already exists.");
			}
			SimUser user = new SimUser(state.nextId("user"), extRelationId, relStr, name, email, state.now());
			user.configureSelfService((selfService != null) ? selfService : 0, hourlyCredit, state.now());
			user.replaceHourlyGroupProfiles((hourlyProfiles != null) ? hourlyProfiles : List.of(), state.now());
			user.replaceResourceGroupProfiles((resourceProfiles != null) ? resourceProfiles : List.of(), state.now());
			user.useHourlyResourcePack(hourlyPack, state.now());
			state.addUser(user);
			Map<String, Object> doc = user(user);
			// The generated panel password is shown once, on create.
			doc.put("password", PanelState.randomSecret(12));
			return Reply.json(201, Json.data(doc));
		});
	}

	ServerResponse retrieve(ServerRequest request) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		input.validate();
		return Reply.data(this.panel.call((state) -> user(state.userByExt(input.path("extRelationId"), relStr))));
	}

	ServerResponse modify(ServerRequest request) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		String name = input.optionalString("name", 255);
		input.check(!input.has("name") || name == null || !name.isBlank(), "The name field is required.");
		String email = input.optionalString("email", 255);
		input.check(email == null || EMAIL.matcher(email).matches(), "The email field must be a valid email address.");
		Integer selfService = input.optionalInt("selfService", 0, 3);
		Boolean hourlyCredit = input.optionalBool("selfServiceHourlyCredit");
		List<Integer> hourlyProfiles = input.optionalIntList("selfServiceHourlyGroupProfiles");
		List<Integer> resourceProfiles = input.optionalIntList("selfServiceResourceGroupProfiles");
		Integer hourlyPack = input.optionalInt("selfServiceHourlyResourcePack");
		Boolean enabled = input.optionalBool("enabled");
		return this.panel.call((state) -> {
			SimUser user = state.userByExt(input.path("extRelationId"), relStr);
			checkProfiles(state, input, hourlyProfiles, resourceProfiles, hourlyPack);
			if (email != null) {
				SimUser holder = state.userByEmail(email);
				input.check(holder == null || holder == user, "The email has already been taken.");
			}
			input.validate();
			if (name != null) {
				user.rename(name, state.now());
			}
			if (email != null) {
				state.changeEmail(user, email);
			}
			if (selfService != null || hourlyCredit != null) {
				user.configureSelfService((selfService != null) ? selfService : user.selfService(),
						(hourlyCredit != null) ? hourlyCredit : user.hourlyCredit(), state.now());
			}
			if (hourlyProfiles != null) {
				user.replaceHourlyGroupProfiles(hourlyProfiles, state.now());
			}
			if (resourceProfiles != null) {
				user.replaceResourceGroupProfiles(resourceProfiles, state.now());
			}
			if (hourlyPack != null) {
				user.useHourlyResourcePack(hourlyPack, state.now());
			}
			if (enabled != null) {
				user.enable(enabled, state.now());
			}
			return Reply.json(201, Json.data(Json.obj("name", user.name(), "email", user.email(), "selfService",
					user.selfService(), "enabled", user.enabled())));
		});
	}

	ServerResponse delete(ServerRequest request) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		input.validate();
		this.panel.run((state) -> {
			SimUser user = state.userByExt(input.path("extRelationId"), relStr);
			if (!state.serversOf(user.id()).isEmpty()) {
				// SkyPANEL reports 409 for a user who still owns servers [inferred].
				throw ApiError.conflict("The user still owns servers.");
			}
			state.removeUser(user);
		});
		return Reply.empty(204);
	}

	ServerResponse resetPassword(ServerRequest request) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		input.validate();
		return this.panel.call((state) -> {
			SimUser user = state.userByExt(input.path("extRelationId"), relStr);
			return Reply.json(201, Json.data(Json.obj("email", user.email(), "password", PanelState.randomSecret(12))));
		});
	}

	ServerResponse loginTokens(ServerRequest request) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		input.validate();
		return Reply.data(this.panel.call((state) -> {
			state.userByExt(input.path("extRelationId"), relStr);
			return authentication(state);
		}));
	}

	ServerResponse serverLoginTokens(ServerRequest request) {
		Input input = Input.of(request);
		boolean relStr = input.queryBool("relStr", false);
		int serverId = ServerApi.serverId(input);
		input.validate();
		return Reply.data(this.panel.call((state) -> {
			SimUser user = state.userByExt(input.path("extRelationId"), relStr);
			if (state.server(serverId).ownerId() != user.id()) {
				throw ApiError.notFound(PanelState.SERVER_NOT_FOUND);
			}
			return authentication(state);
		}));
	}

	private static Map<String, Object> authentication(PanelState state) {
		String first = PanelState.randomSecret(40);
		String second = PanelState.randomSecret(40);
		return Json.obj("authentication",
				Json.obj("tokens", Json.obj("1", first, "2", second), "endpoint", "/token_authenticate",
						"endpoint_complete", "/token_authenticate/?1=" + first + "&2=" + second, "expiry",
						Json.obj("ttl", TOKEN_TTL.toSeconds(), "expires", Json.iso(state.now().plus(TOKEN_TTL)))));
	}

	ServerResponse addSshKey(ServerRequest request) {
		Input input = Input.of(request);
		int userId = input.requiredInt("userId");
		String name = input.requiredString("name", 255);
		String publicKey = input.requiredString("publicKey").trim();
		input.check(publicKey.isEmpty() || OPENSSH_KEY.matcher(publicKey).matches(),
				"The public key must be a valid OpenSSH public key.");
		input.validate();
		return this.panel.call((state) -> {
			if (state.findUser(userId) == null) {
				input.invalidSelection("userId");
			}
			input.validate();
			SshKey key = new SshKey(state.nextId("sshKey"), userId, name, publicKey, "OpenSSH", state.now());
			state.sshKeys().put(key.id(), key);
			return Reply.json(201, Json.data(Json.obj("id", key.id(), "name", key.name(), "type", key.type(),
					"createdAt", Json.iso(key.created()))));
		});
	}

	ServerResponse deleteSshKey(ServerRequest request) {
		int id = Input.of(request).pathId("keyId", "ssh key not found");
		this.panel.run((state) -> state.sshKeys().remove(state.sshKey(id).id()));
		return Reply.empty(204);
	}

	ServerResponse sshKey(ServerRequest request) {
		int id = Input.of(request).pathId("keyId", "ssh key not found");
		return Reply.data(this.panel.call((state) -> sshKey(state.sshKey(id))));
	}

	ServerResponse userSshKeys(ServerRequest request) {
		int userId = Input.of(request).pathId("userId", PanelState.USER_NOT_FOUND);
		return Reply.data(this.panel.call((state) -> {
			state.user(userId);
			return state.sshKeys()
				.values()
				.stream()
				.filter((key) -> key.userId() == userId)
				.map((key) -> (Object) sshKey(key))
				.toList();
		}));
	}

	private static Map<String, Object> sshKey(SshKey key) {
		return Json.obj("id", key.id(), "name", key.name(), "publicKey", key.publicKey(), "type", key.type(), "enabled",
				true, "created", Json.iso(key.created()), "updated", Json.iso(key.created()));
	}

	static Map<String, Object> user(SimUser user) {
		return Json.obj("id", user.id(), "admin", false, "extRelationId", user.extRelationId(), "selfService",
				user.selfService(), "selfServiceHourlyGroupProfiles", user.hourlyGroupProfiles(),
				"selfServiceResourceGroupProfiles", user.resourceGroupProfiles(), "selfServiceHourlyResourcePack",
				user.hourlyResourcePack(), "name", user.name(), "email", user.email(), "timezone", "UTC", "suspended",
				!user.enabled(), "twoFactorAuth", false, "created", Json.iso(user.created()), "updated",
				Json.iso(user.updated()));
	}

	private static void checkProfiles(PanelState state, Input input, @Nullable List<Integer> hourlyProfiles,
			@Nullable List<Integer> resourceProfiles, @Nullable Integer hourlyPack) {
		if (hourlyProfiles != null && !SelfServiceApi.known(state.seed().hourlyGroupProfiles(), hourlyProfiles)) {
			input.invalidSelection("selfServiceHourlyGroupProfiles");
		}
		if (resourceProfiles != null && !SelfServiceApi.known(state.seed().resourceGroupProfiles(), resourceProfiles)) {
			input.invalidSelection("selfServiceResourceGroupProfiles");
		}
		if (hourlyPack != null
				&& state.seed().resourcePacks().stream().noneMatch((pack) -> pack.id() == hourlyPack.intValue())) {
			input.invalidSelection("selfServiceHourlyResourcePack");
		}
	}

}
