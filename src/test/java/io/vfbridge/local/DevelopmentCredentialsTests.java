package io.vfbridge.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DevelopmentCredentialsTests {

	@TempDir
	Path folder;

	@Test
	void generatesCredentialsOnceReadableByTheOwnerOnlyAndKeepsThem() throws Exception {
		Path file = this.folder.resolve(".vfbridge/dev-credentials.properties");
		Properties first = DevelopmentCredentials.loadOrCreate(file);
		Properties again = DevelopmentCredentials.loadOrCreate(file);
		assertThat(first.getProperty("webhook-secret")).startsWith("whsec_").hasSizeGreaterThan(40);
		assertThat(first.getProperty("api-key")).startsWith("vfb_dev_");
		assertThat(again).isEqualTo(first);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void staysOutOfTheWayWhenAnythingIsConfigured() {
		MockEnvironment configured = new MockEnvironment().withProperty("vfbridge.billing.webhook-secrets[0]",
				"whsec_x");
		new DevelopmentCredentials().postProcessEnvironment(configured, new SpringApplication());
		assertThat(configured.containsProperty(DevelopmentCredentials.ACTIVE)).isFalse();
		MockEnvironment production = new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:postgresql://db/x");
		new DevelopmentCredentials().postProcessEnvironment(production, new SpringApplication());
		assertThat(production.containsProperty("vfbridge.security.api-keys.local-developer.sha256")).isFalse();
	}

}
