package io.vfbridge.local;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in simulator is on in the local default run only, or when set explicitly. */
class LocalSimulatorTests {

	@Test
	void turnsTheSimulatorOnInTheLocalDefaultRun() {
		assertThat(enabledAfter(new MockEnvironment())).isEqualTo("true");
	}

	@Test
	void leavesTheSimulatorOffWithAConfiguredDatabaseOrWithoutTheEmbeddedOne() {
		assertThat(enabledAfter(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/x")))
			.isNull();
		assertThat(
				enabledAfter(new MockEnvironment().withProperty("vfbridge.local.embedded-database.enabled", "false")))
			.isNull();
	}

	@Test
	void keepsAnExplicitSetting() {
		assertThat(enabledAfter(new MockEnvironment().withProperty(LocalSimulator.ENABLED, "false")))
			.isEqualTo("false");
		assertThat(enabledAfter(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/x")
			.withProperty(LocalSimulator.ENABLED, "true"))).isEqualTo("true");
	}

	private static String enabledAfter(MockEnvironment environment) {
		new LocalSimulator().postProcessEnvironment(environment, new SpringApplication());
		return environment.getProperty(LocalSimulator.ENABLED);
	}

}
