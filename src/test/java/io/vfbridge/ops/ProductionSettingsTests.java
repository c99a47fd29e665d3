package io.vfbridge.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
		assertThat(refusal.problems()).hasSize(5);
		assertThat(refusal.problems().get(0)).startsWith("spring.datasource.url (SPRING_DATASOURCE_URL) is missing");
		assertThat(refusal.problems().get(1)).startsWith(
				"vfbridge.virtfusion.panels.default.base-url (VFBRIDGE_VIRTFUSION_PANELS_DEFAULT_BASEURL) is missing");
		assertThat(refusal.problems().get(2)).startsWith(
				"vfbridge.virtfusion.panels.default.token (VFBRIDGE_VIRTFUSION_PANELS_DEFAULT_TOKEN) is missing");
		assertThat(refusal.problems().get(3))
			.startsWith("vfbridge.billing.webhook-secrets (VFBRIDGE_BILLING_WEBHOOKSECRETS) is missing");
		assertThat(refusal.problems().get(4))
			.startsWith("vfbridge.security.encryption-key (VFBRIDGE_SECURITY_ENCRYPTIONKEY) is missing");
		assertThat(refusal.getMessage()).contains("5 setting(s) missing or invalid");
	}

	@Test
	void namesOnlyWhatIsMissingAndNeverRepeatsAValue() {
		ProductionSettingsException refusal = refusalOf("--vfbridge.virtfusion.panels.default.token=" + TOKEN,
				"--vfbridge.billing.webhook-secrets=" + WEBHOOK_SECRET,
				"--vfbridge.security.encryption-key=not-base64-" + TOKEN,
				"--spring.datasource.password=" + WEBHOOK_SECRET);
		assertThat(refusal.problems()).hasSize(3);
		assertThat(refusal.problems().get(0)).startsWith("spring.datasource.url");
		assertThat(refusal.problems().get(1)).startsWith("vfbridge.virtfusion.panels.default.base-url");
		assertThat(refusal.problems().get(2)).startsWith("vfbridge.security.encryption-key").contains("is invalid");
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
		return settings;
	}

	private static Binder binder(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings));
	}

}
