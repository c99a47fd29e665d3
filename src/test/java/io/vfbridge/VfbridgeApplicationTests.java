package io.vfbridge;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VfbridgeApplicationTests {

	@Test
	void startsTheStandaloneSimulatorOnlyForTheSimulatorProfile() {
		assertThat(VfbridgeApplication.isStandaloneSimulator(new String[] { "--spring.profiles.active=simulator" }))
			.isTrue();
		assertThat(
				VfbridgeApplication.isStandaloneSimulator(new String[] { "--spring.profiles.active=prod,simulator" }))
			.isTrue();
		assertThat(VfbridgeApplication.isStandaloneSimulator(new String[] { "--spring.profiles.active=production" }))
			.isFalse();
		assertThat(VfbridgeApplication.isStandaloneSimulator(new String[] { "--server.port=8080" })).isFalse();
	}

}
