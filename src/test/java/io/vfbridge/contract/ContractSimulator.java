package io.vfbridge.contract;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.vfbridge.simulator.StandaloneSimulator;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionClients;
import io.vfbridge.virtfusion.VirtFusionProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The standalone simulator (no database, API at {@code /api/v1}) on a random port, on the
 * real clock with a time scale of 600 (a simulated build of two minutes takes 200 ms, a
 * queue item of ten seconds 17 ms) and an offset tests may move forward; and real
 * {@link VirtFusionClient}s pointed at it over HTTP. The contract classes share this one
 * application context.
 */
@SpringBootTest(classes = StandaloneSimulator.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "vfbridge.simulator.time-scale=600")
@ActiveProfiles("simulator")
@Import(ContractSimulator.Time.class)
abstract class ContractSimulator {

	static final String TOKEN = "sim-token";

	@LocalServerPort
	int port;

	@Autowired
	ShiftableClock clock;

	SimulatorHarness harness() {
		return new SimulatorHarness(this.port);
	}

	/**
	 * A client of panel {@code sim} at this simulator, recording into {@code meters}: the
	 * default retry rule with short backoffs, a circuit breaker that does not open within
	 * a test class, and no effective local rate limit.
	 */
	VirtFusionClient client(MeterRegistry meters, String token, Duration responseTimeout, int maxAttempts) {
		VirtFusionProperties.Panel panel = new VirtFusionProperties.Panel(harness().apiBaseUrl(), token,
				Duration.ofSeconds(2), responseTimeout, 2000,
				new VirtFusionProperties.Retry(maxAttempts, Duration.ofMillis(20), 2.0, Duration.ofMillis(100), 0.0,
						Duration.ofSeconds(3)),
				new VirtFusionProperties.CircuitBreaker(100, 1000, 1000, Duration.ofSeconds(1), 1),
				new VirtFusionProperties.RateLimit(10_000, Duration.ofSeconds(1), Duration.ofSeconds(5)),
				new VirtFusionProperties.Bulkhead(8, Duration.ofSeconds(5)), new VirtFusionProperties.Interactive(
						10_000, Duration.ofSeconds(1), Duration.ofSeconds(5), 8, Duration.ofSeconds(5)));
		VirtFusionProperties properties = new VirtFusionProperties("sim", Map.of("sim", panel));
		return new VirtFusionClients(properties, meters, Clock.systemUTC(), (url) -> url).client("sim");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Time {

		@Bean
		ShiftableClock contractClock() {
			return new ShiftableClock();
		}

	}

}
