package io.vfbridge.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vfbridge.VfbridgeApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ProductionSettingsTests {

	private static final String TOKEN = "vf-token-7c1e-do-not-print";

	private static final String WEBHOOK_SECRET = "whsec_c2VjcmV0LXRoYXQtbXVzdC1uZXZlci1iZS1wcmludGVk";

	private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	@Test
	void refusesToStartNamingEveryMissingSettingAtOnce() {
		ProductionSettingsException refusal = refusalOf();
		assertThat(refusal.problems()).hasSize(6);
		assertThat(refusal.problems().get(0)).startsWith("spring.datasource.url (SPRING_DATASOURCE_URL) is missing");
		assertThat(refusal.problems().get(1)).startsWith(
				"vfbridge.virtfusion.panels.default.base-url (VFBRIDGE_VIRTFUSION_PANELS_DEFAULT_BASEURL) is missing");
		assertThat(refusal.problems().get(2)).startsWith(
				"vfbridge.virtfusion.panels.default.token (VFBRIDGE_VIRTFUSION_PANELS_DEFAULT_TOKEN) is missing");
		assertThat(refusal.problems().get(3))
			.startsWith("vfbridge.billing.webhook-secrets (VFBRIDGE_BILLING_WEBHOOKSECRETS) is missing");
		assertThat(refusal.problems().get(4))
			.startsWith("vfbridge.security.encryption-key (VFBRIDGE_SECURITY_ENCRYPTIONKEY) is missing");
		assertThat(refusal.problems().get(5)).startsWith("vfbridge.security.api-keys").contains("is empty");
		assertThat(refusal.getMessage()).contains("6 setting(s) missing or invalid");
	}

	@Test
	void namesOnlyWhatIsMissingAndNeverRepeatsAValue() {
		ProductionSettingsException refusal = refusalOf("--vfbridge.virtfusion.panels.default.token=" + TOKEN,
				"--vfbridge.billing.webhook-secrets=" + WEBHOOK_SECRET,
				"--vfbridge.security.encryption-key=not-base64-" + TOKEN,
				"--spring.datasource.password=" + WEBHOOK_SECRET);
		assertThat(refusal.problems()).hasSize(4);
		assertThat(refusal.problems().get(0)).startsWith("spring.datasource.url");
		assertThat(refusal.problems().get(1)).startsWith("vfbridge.virtfusion.panels.default.base-url");
		assertThat(refusal.problems().get(2)).startsWith("vfbridge.security.encryption-key").contains("is invalid");
		assertThat(refusal.problems().get(3)).startsWith("vfbridge.security.api-keys");
		assertThat(refusal.getMessage()).doesNotContain(TOKEN).doesNotContain(WEBHOOK_SECRET.substring(6));
	}

	@Test
	void checksThePanelNamedAsTheDefault() {
		ProductionSettingsException refusal = refusalOf("--vfbridge.virtfusion.default-panel=eu-west",
				"--vfbridge.virtfusion.panels.eu-west.base-url=https://cp.example.com/api/v1");
		assertThat(refusal.problems()).anySatisfy((problem) -> assertThat(problem).startsWith(
				"vfbridge.virtfusion.panels.eu-west.token (VFBRIDGE_VIRTFUSION_PANELS_EUWEST_TOKEN) is missing"));
		assertThat(refusal.problems()).noneMatch((problem) -> problem.contains("base-url"));
	}

	@Test
	void acceptsACompleteProductionConfiguration() {
		assertThat(ProductionSettings.problems(binder(complete()))).isEmpty();
	}

	@Test
	void refusesTheBuiltInSimulatorAndTheEmbeddedDatabase() {
		Map<String, String> settings = complete();
		settings.put("vfbridge.simulator.enabled", "true");
		settings.put("vfbridge.local.embedded-database.enabled", "true");
		List<String> problems = ProductionSettings.problems(binder(settings));
		assertThat(problems).hasSize(2);
		assertThat(problems.get(0)).startsWith("vfbridge.simulator.enabled (VFBRIDGE_SIMULATOR_ENABLED) must be false");
		assertThat(problems.get(1)).startsWith("vfbridge.local.embedded-database.enabled");
	}

	@Test
	void refusesAnEmptyApiKeySet() {
		Map<String, String> settings = complete();
		settings.remove("vfbridge.security.api-keys.billing.sha256");
		settings.remove("vfbridge.security.api-keys.billing.roles");
		assertThat(ProductionSettings.problems(binder(settings))).containsExactly(
				"vfbridge.security.api-keys (VFBRIDGE_SECURITY_APIKEYS_<NAME>_SHA256 and _ROLES) is empty: without an "
						+ "API key nobody can read an operation, send a command or operate vfbridge");
	}

	@Test
	void refusesHttpVirtFusionAndCallbackUrlsUnlessAllowed() {
		Map<String, String> settings = complete();
		settings.put("vfbridge.virtfusion.panels.default.base-url", "http://cp.example.com/api/v1");
		settings.put("vfbridge.virtfusion.panels.eu-west.base-url", "HTTP://cp2.example.com/api/v1");
		settings.put("vfbridge.virtfusion.panels.eu-west.token", TOKEN);
		settings.put("vfbridge.billing.callback-url", "http://billing.example.com/vfbridge");
		settings.put("vfbridge.usage.callback-url", "http://billing.example.com/usage");
		List<String> problems = ProductionSettings.problems(binder(settings));
		assertThat(problems).hasSize(4);
		assertThat(problems.get(0)).startsWith("vfbridge.virtfusion.panels.default.base-url uses http://")
			.contains("vfbridge.security.allow-insecure-http=true");
		assertThat(problems.get(1)).startsWith("vfbridge.virtfusion.panels.eu-west.base-url uses http://");
		assertThat(problems.get(2))
			.startsWith("vfbridge.billing.callback-url (VFBRIDGE_BILLING_CALLBACKURL) uses http://");
		assertThat(problems.get(3)).startsWith("vfbridge.usage.callback-url (VFBRIDGE_USAGE_CALLBACKURL) uses http://");
		settings.put("vfbridge.security.allow-insecure-http", "true");
		assertThat(ProductionSettings.problems(binder(settings))).isEmpty();
	}

	@Test
	void refusesEveryExampleSecretShippedInTheRepositoryWithoutRepeatingIt() throws Exception {
		String compose = Files.readString(Path.of("docker-compose.yml"));
		Map<String, String> defaults = new HashMap<>();
		Matcher variable = Pattern.compile("([A-Z0-9_]+):\\s*(?:>-\\s*)?\\$\\{[A-Z0-9_]+:-([^}]+)\\}").matcher(compose);
		while (variable.find()) {
			defaults.put(variable.group(1), variable.group(2).trim());
		}
		Properties credentials = new Properties();
		try (var reader = Files.newBufferedReader(Path.of("docker/example-credentials.properties"))) {
			credentials.load(reader);
		}
		assertThat(ProductionSettings.isExample(credentials.getProperty("webhook-secret"))).isTrue();
		assertThat(ProductionSettings.EXAMPLE_SECRET_HASHES).contains(sha256(credentials.getProperty("api-key")));
		for (String profile : List.of("application.yaml", "application-simulator.yaml")) {
			Matcher token = Pattern.compile("\\n    token: (\\S+)")
				.matcher(Files.readString(Path.of("src/main/resources", profile)));
			assertThat(token.find()).as(profile).isTrue();
			assertThat(ProductionSettings.isExample(token.group(1))).as(profile).isTrue();
		}
		Map<String, String> settings = complete();
		settings.put("spring.datasource.password", defaults.get("SPRING_DATASOURCE_PASSWORD"));
		settings.put("vfbridge.virtfusion.panels.default.token",
				defaults.get("VFBRIDGE_VIRTFUSION_PANELS_DEFAULT_TOKEN"));
		settings.put("vfbridge.billing.webhook-secrets[0]", defaults.get("VFBRIDGE_BILLING_WEBHOOKSECRETS"));
		settings.put("vfbridge.billing.callback-secret", credentials.getProperty("webhook-secret"));
		settings.put("vfbridge.security.encryption-key", defaults.get("VFBRIDGE_SECURITY_ENCRYPTIONKEY"));
		settings.put("vfbridge.security.api-keys.billing.sha256",
				defaults.get("VFBRIDGE_SECURITY_APIKEYS_OPERATOR_SHA256"));
		List<String> problems = ProductionSettings.problems(binder(settings));
		assertThat(problems).hasSize(6);
		assertThat(problems.get(0)).startsWith("vfbridge.billing.webhook-secrets (VFBRIDGE_BILLING_WEBHOOKSECRETS) "
				+ "holds an example value shipped with vfbridge");
		assertThat(problems.get(1)).startsWith(
				"vfbridge.billing.callback-secret (VFBRIDGE_BILLING_CALLBACKSECRET) " + "holds an example value");
		assertThat(problems.get(2)).startsWith(
				"vfbridge.security.encryption-key (VFBRIDGE_SECURITY_ENCRYPTIONKEY) " + "holds an example value");
		assertThat(problems.get(3)).startsWith("vfbridge.virtfusion.panels.default.token holds an example value");
		assertThat(problems.get(4))
			.startsWith("vfbridge.security.api-keys.billing.sha256 is the hash of the example operator key");
		assertThat(problems.get(5))
			.startsWith("spring.datasource.password (SPRING_DATASOURCE_PASSWORD) holds an " + "example value");
		for (String secret : List.of("spring.datasource.password", "vfbridge.virtfusion.panels.default.token",
				"vfbridge.billing.webhook-secrets[0]", "vfbridge.security.encryption-key",
				"vfbridge.security.api-keys.billing.sha256")) {
			assertThat(String.join("\n", problems)).doesNotContain(settings.get(secret));
		}
		settings.put("vfbridge.security.allow-example-secrets", "true");
		assertThat(ProductionSettings.problems(binder(settings))).isEmpty();
	}

	@Test
	void acceptsEncryptionKeysInsteadOfOneKeyAndChecksEachOfThem() {
		Map<String, String> settings = complete();
		settings.remove("vfbridge.security.encryption-key");
		settings.put("vfbridge.security.encryption-keys[0]", KEY);
		settings.put("vfbridge.security.encryption-keys[1]", "QW5vdGhlciBrZXkgb2YgMzIgYnl0ZXMsIGZvciBBRVM=");
		assertThat(ProductionSettings.problems(binder(settings))).isEmpty();
		settings.put("vfbridge.security.encryption-keys[1]", "c2hvcnQ=");
		assertThat(ProductionSettings.problems(binder(settings))).singleElement()
			.satisfies((problem) -> assertThat(problem).contains("is invalid"));
	}

	@Test
	void reportsTheRefusalAsAStartUpFailureWithAnAction() {
		ProductionSettingsException refusal = new ProductionSettingsException(List.of("a is missing"));
		FailureAnalysis analysis = new ProductionSettingsFailureAnalyzer()
			.analyze(new IllegalStateException("wrapped", refusal));
		assertThat(analysis.getDescription()).contains("refuses to start").contains("  - a is missing");
		assertThat(analysis.getAction()).contains("environment");
	}

	private static ProductionSettingsException refusalOf(String... args) {
		Throwable failure = catchThrowable(
				() -> new SpringApplicationBuilder(VfbridgeApplication.class).profiles("prod")
					.web(WebApplicationType.NONE)
					.logStartupInfo(false)
					.run(args)
					.close());
		assertThat(failure).isInstanceOf(ProductionSettingsException.class);
		return (ProductionSettingsException) failure;
	}

	private static Map<String, String> complete() {
		Map<String, String> settings = new HashMap<>();
		settings.put("spring.datasource.url", "jdbc:postgresql://postgres:5432/vfbridge");
		settings.put("vfbridge.virtfusion.panels.default.base-url", "https://cp.example.com/api/v1");
		settings.put("vfbridge.virtfusion.panels.default.token", TOKEN);
		settings.put("vfbridge.billing.webhook-secrets[0]", WEBHOOK_SECRET);
		settings.put("vfbridge.security.encryption-key", KEY);
		settings.put("vfbridge.security.api-keys.billing.sha256",
				"2f9a1cdb1b7c2c1d0bd0c2b1a6a3b7e3e0d5c4f6a8b9c0d1e2f3a4b5c6d7e8f9");
		settings.put("vfbridge.security.api-keys.billing.roles", "billing");
		return settings;
	}

	private static String sha256(String value) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes()));
	}

	private static Binder binder(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings));
	}

}
