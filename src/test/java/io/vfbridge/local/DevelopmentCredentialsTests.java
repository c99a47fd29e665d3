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
	void createsTheFileAndItsFolderOwnerOnlyFromTheStartLeavingNothingElse() throws Exception {
		Path file = this.folder.resolve(".vfbridge/dev-credentials.properties");
		DevelopmentCredentials.loadOrCreate(file);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
			.isEqualTo("rwx------");
		try (var entries = Files.list(file.getParent())) {
			assertThat(entries).containsExactly(file);
		}
	}

	@Test
	void replacesAnIncompleteFileReadableByOthersWithAnOwnerOnlyOne() throws Exception {
		Path file = this.folder.resolve("dev-credentials.properties");
		Files.writeString(file, "webhook-secret=whsec_only\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		Properties created = DevelopmentCredentials.loadOrCreate(file);
		assertThat(created.getProperty("api-key")).startsWith("vfb_dev_");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(DevelopmentCredentials.loadOrCreate(file)).isEqualTo(created);
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
