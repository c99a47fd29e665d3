package io.vfbridge.ops;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

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
 * secret and an encryption key. Every missing or invalid item is named at once, with the
 * environment variable that sets it; a value is never repeated in the message. Also
 * refuses the built-in simulator and the embedded database, which are for local runs.
 */
class ProductionSettings implements EnvironmentPostProcessor, Ordered {

	/** The production profile. */
	static final String PROFILE = "prod";

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
		if (isBlank(key)) {
			problems.add("vfbridge.security.encryption-key (VFBRIDGE_SECURITY_ENCRYPTIONKEY) is missing: base64 of 32 "
					+ "random bytes (openssl rand -base64 32) that encrypts passwords awaiting delivery");
		}
		else if (!isAesKey(key)) {
			problems.add("vfbridge.security.encryption-key (VFBRIDGE_SECURITY_ENCRYPTIONKEY) is invalid: it must be "
					+ "base64 of exactly 32 bytes (openssl rand -base64 32)");
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
