package io.vfbridge.simulator;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import io.vfbridge.testsupport.MutableClock;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/**
 * The simulator as the standalone profile runs it (no database, API at {@code /api/v1})
 * on a random port, with a clock that only moves when a test says so. All subclasses
 * share one application context; each test starts from the seed.
 */
@SpringBootTest(classes = StandaloneSimulator.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
@Import(SimulatorIntegration.FrozenClock.class)
abstract class SimulatorIntegration {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	SimulatorClient sim;

	@BeforeEach
	void startFromTheSeed() {
		this.sim = new SimulatorClient(this.port);
		this.sim.reset();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FrozenClock {

		@Bean
		@Primary
		MutableClock simulatorTestClock() {
			return new MutableClock(Instant.parse("2025-01-20T14:00:00Z"));
		}

	}

}
