package io.vfbridge.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the production profile ({@code prod}) without what production must
 * name itself: a datasource, the default VirtFusion panel's URL and token, a webhook
 * secret, an encryption key and at least one API key. Every missing or invalid item is
 * named at once, with the environment variable that sets it; a value is never repeated in
 * the message. Also refuses the built-in simulator and the embedded database, which are
 * for local runs; the example secrets shipped in the repository (recognised by their
 * SHA-256) unless {@code vfbridge.security.allow-example-secrets=true}; and
 * {@code http://} VirtFusion or callback URLs unless
 * {@code vfbridge.security.allow-insecure-http=true}.
 */
class ProductionSettings implements EnvironmentPostProcessor, Ordered {

	/** The production profile. */
	static final String PROFILE = "prod";

	/**
	 * The SHA-256 (hex) of every example secret shipped in the repository: the
	 * docker-compose stack's webhook secret, encryption key, VirtFusion token, database
	 * password and operator key (docker-compose.yml,
	 * docker/example-credentials.properties), and the simulator tokens of the
	 * {@code simulator} profile and the local default run. ProductionSettingsTests reads
	 * those files and fails when a value there is missing here.
	 */
	static final Set<String> EXAMPLE_SECRET_HASHES = Set.of(
			"9d06e63674a900b43a194a258b247609913f66a61f13ba0bdf12c9be55273580",
			"cf1b1e10e32886818c80077ad07323bb76c018ff078b20d1b794a61781228ed3",
			"104e8e6201c042a8a7a48ba07c5f25ce50b301f427ecd3703785435457f00372",
			"da62a762b605bf757e0954eef4bdc2e6ba6342a1c04633ce8b4d40e08b921303",
			"0a0b508d229572f1e71639512213a58d8ca62a038ef4e983c04ebdcfdd84bb75",
			"8eb765c3cf21d5f12bbeb26eee84d6488fe1edbe744838f4eec9609f5f4a0784");

	private static final String EXAMPLE = " holds an example value shipped with vfbridge (docker-compose.yml, "
			+ "docker/example-credentials.properties, the simulator's token): generate your own";

	private static final String INSECURE = " uses http://: secrets and signed requests would cross the network in "
			+ "clear; use https://, or set vfbridge.security.allow-insecure-http=true "
			+ "(VFBRIDGE_SECURITY_ALLOWINSECUREHTTP) for a private network";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
			return;
		}
		List<String> problems = problems(Binder.get(environment));
		if (!problems.isEmpty()) {
			throw new ProductionSettingsException(problems);
		}
	}

	/** What is missing or wrong for production, one line per item; empty when ready. */
	static List<String> problems(Binder binder) {
		List<String> problems = new ArrayList<>();
		if (isBlank(string(binder, "spring.datasource.url"))) {
			problems.add("spring.datasource.url (SPRING_DATASOURCE_URL) is missing: the JDBC URL of the PostgreSQL "
					+ "database, e.g. jdbc:postgresql://postgres:5432/vfbridge (user and password in "
					+ "SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD)");
		}
		String panel = string(binder, "vfbridge.virtfusion.default-panel");
		panel = isBlank(panel) ? "default" : panel;
		if (!ConfigurationPropertyName.isValid("vfbridge.virtfusion.panels." + panel)) {
			problems.add("vfbridge.virtfusion.default-panel (VFBRIDGE_VIRTFUSION_DEFAULTPANEL) is not a valid panel "
					+ "name: use lower-case letters, digits and dashes");
		}
		else {
			String prefix = "vfbridge.virtfusion.panels." + panel;
			String variable = "VFBRIDGE_VIRTFUSION_PANELS_" + panel.replace("-", "").toUpperCase(Locale.ROOT);
			if (isBlank(string(binder, prefix + ".base-url"))) {
				problems.add(prefix + ".base-url (" + variable + "_BASEURL) is missing: the VirtFusion panel's API "
						+ "base URL, e.g. https://cp.example.com/api/v1");
			}
			if (isBlank(string(binder, prefix + ".token"))) {
				problems.add(prefix + ".token (" + variable + "_TOKEN) is missing: the VirtFusion API token "
						+ "(VirtFusion: Configuration → API)");
			}
		}
		List<String> secrets = binder.bind("vfbridge.billing.webhook-secrets", Bindable.listOf(String.class))
			.orElse(List.of());
		if (secrets.stream().allMatch(ProductionSettings::isBlank)) {
			problems.add("vfbridge.billing.webhook-secrets (VFBRIDGE_BILLING_WEBHOOKSECRETS) is missing: at least one "
					+ "whsec_<base64> secret shared with the billing system, comma-separated when rotating");
		}
		String key = string(binder, "vfbridge.security.encryption-key");
		List<String> keys = binder.bind("vfbridge.security.encryption-keys", Bindable.listOf(String.class))
			.orElse(List.of());
		if (isBlank(key) && keys.stream().allMatch(ProductionSettings::isBlank)) {
			problems.add("vfbridge.security.encryption-key (VFBRIDGE_SECURITY_ENCRYPTIONKEY) is missing: base64 of 32 "
					+ "random bytes (openssl rand -base64 32) that encrypts passwords awaiting delivery "
					+ "(or vfbridge.security.encryption-keys, the newest first, while rotating)");
		}
		else if ((!isBlank(key) && !isAesKey(key)) || keys.stream().anyMatch((each) -> !isAesKey(each))) {
			problems.add("vfbridge.security.encryption-key (VFBRIDGE_SECURITY_ENCRYPTIONKEY) is invalid: it must be "
					+ "base64 of exactly 32 bytes (openssl rand -base64 32), as must every "
					+ "vfbridge.security.encryption-keys entry");
		}
		Map<String, ApiKeyHash> apiKeys = binder
			.bind("vfbridge.security.api-keys", Bindable.mapOf(String.class, ApiKeyHash.class))
			.orElse(Map.of());
		if (apiKeys.isEmpty()) {
			problems.add("vfbridge.security.api-keys (VFBRIDGE_SECURITY_APIKEYS_<NAME>_SHA256 and _ROLES) is empty: "
					+ "without an API key nobody can read an operation, send a command or operate vfbridge");
		}
		Map<String, PanelUrl> panels = binder
			.bind("vfbridge.virtfusion.panels", Bindable.mapOf(String.class, PanelUrl.class))
			.orElse(Map.of());
		if (!binder.bind("vfbridge.security.allow-example-secrets", Boolean.class).orElse(false)) {
			exampleSecrets(binder, secrets, key, keys, apiKeys, panels, problems);
		}
		if (!binder.bind("vfbridge.security.allow-insecure-http", Boolean.class).orElse(false)) {
			new java.util.TreeMap<>(panels).forEach((name, each) -> {
				if (isHttp(each.baseUrl())) {
					problems.add("vfbridge.virtfusion.panels." + name + ".base-url" + INSECURE);
				}
			});
			if (isHttp(string(binder, "vfbridge.billing.callback-url"))) {
				problems.add("vfbridge.billing.callback-url (VFBRIDGE_BILLING_CALLBACKURL)" + INSECURE);
			}
			if (isHttp(string(binder, "vfbridge.usage.callback-url"))) {
				problems.add("vfbridge.usage.callback-url (VFBRIDGE_USAGE_CALLBACKURL)" + INSECURE);
			}
		}
		if (binder.bind("vfbridge.simulator.enabled", Boolean.class).orElse(false)) {
			problems.add("vfbridge.simulator.enabled (VFBRIDGE_SIMULATOR_ENABLED) must be false: the built-in "
					+ "simulator is a fake panel for local runs and tests");
		}
		if (binder.bind("vfbridge.local.embedded-database.enabled", Boolean.class).orElse(false)) {
			problems.add("vfbridge.local.embedded-database.enabled (VFBRIDGE_LOCAL_EMBEDDEDDATABASE_ENABLED) must be "
					+ "false: the embedded PostgreSQL runs with fsync off");
		}
		return problems;
	}

	private static void exampleSecrets(Binder binder, List<String> webhookSecrets, String key, List<String> keys,
			Map<String, ApiKeyHash> apiKeys, Map<String, PanelUrl> panels, List<String> problems) {
		if (webhookSecrets.stream().anyMatch(ProductionSettings::isExample)) {
			problems.add("vfbridge.billing.webhook-secrets (VFBRIDGE_BILLING_WEBHOOKSECRETS)" + EXAMPLE);
		}
		if (isExample(string(binder, "vfbridge.billing.callback-secret"))) {
			problems.add("vfbridge.billing.callback-secret (VFBRIDGE_BILLING_CALLBACKSECRET)" + EXAMPLE);
		}
		if (isExample(key) || keys.stream().anyMatch(ProductionSettings::isExample)) {
			problems.add("vfbridge.security.encryption-key (VFBRIDGE_SECURITY_ENCRYPTIONKEY)" + EXAMPLE);
		}
		new java.util.TreeMap<>(panels).forEach((name, panel) -> {
			if (isExample(panel.token())) {
				problems.add("vfbridge.virtfusion.panels." + name + ".token" + EXAMPLE);
			}
		});
		new java.util.TreeMap<>(apiKeys).forEach((name, apiKey) -> {
			// the configured value is already the key's SHA-256
			if (apiKey.sha256() != null && EXAMPLE_SECRET_HASHES.contains(apiKey.sha256().toLowerCase(Locale.ROOT))) {
				problems.add("vfbridge.security.api-keys." + name + ".sha256 is the hash of the example operator key"
						+ EXAMPLE.substring(EXAMPLE.indexOf(':')));
			}
		});
		if (isExample(string(binder, "spring.datasource.password"))) {
			problems.add("spring.datasource.password (SPRING_DATASOURCE_PASSWORD)" + EXAMPLE);
		}
	}

	/** Whether the value is one of the example secrets shipped in the repository. */
	static boolean isExample(String value) {
		if (isBlank(value)) {
			return false;
		}
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.trim().getBytes(StandardCharsets.UTF_8));
			return EXAMPLE_SECRET_HASHES.contains(HexFormat.of().formatHex(hash));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isHttp(String url) {
		return url != null && url.trim().regionMatches(true, 0, "http://", 0, 7);
	}

	/** The part of an API key this check reads. */
	record ApiKeyHash(String sha256) {
	}

	/** The parts of a panel this check reads. */
	record PanelUrl(String baseUrl, String token) {
	}

	private static String string(Binder binder, String name) {
		return binder.bind(name, String.class).orElse(null);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static boolean isAesKey(String base64) {
		try {
			return Base64.getDecoder().decode(base64.trim()).length == 32;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Before the local default's development credentials, which production never gets.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
