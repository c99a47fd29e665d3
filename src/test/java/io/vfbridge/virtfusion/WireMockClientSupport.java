package io.vfbridge.virtfusion;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A WireMock server standing in for a VirtFusion panel, and clients pointed at it with
 * fast, test-sized resilience settings (no real waiting). One server per test class,
 * reset before each test.
 */
abstract class WireMockClientSupport {

	static final String TOKEN = "test-token-4f1c9e";

	static WireMockServer wireMock;

	SimpleMeterRegistry meters;

	VirtFusionClient client;

	@BeforeAll
	static void startWireMock() {
		wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		wireMock.start();
	}

	@AfterAll
	static void stopWireMock() {
		wireMock.stop();
	}

	@BeforeEach
	void resetWireMockAndClient() {
		wireMock.resetAll();
		this.meters = new SimpleMeterRegistry();
		this.client = client(panel());
	}

	/**
	 * Settings for a panel at the WireMock server: 3 attempts 10 ms apart, 1 s response
	 * timeout.
	 */
	static VirtFusionProperties.Panel panel() {
		return panel(Duration.ofSeconds(1), retry(3), breaker(100, 100),
				new VirtFusionProperties.RateLimit(1000, Duration.ofSeconds(1), Duration.ofSeconds(5)));
	}

	static VirtFusionProperties.Panel panel(Duration responseTimeout, VirtFusionProperties.Retry retry,
			VirtFusionProperties.CircuitBreaker breaker, VirtFusionProperties.RateLimit rateLimit) {
		return new VirtFusionProperties.Panel(wireMock.baseUrl() + "/api/v1", TOKEN, Duration.ofSeconds(1),
				responseTimeout, 2000, retry, breaker, rateLimit,
				new VirtFusionProperties.Bulkhead(8, Duration.ofSeconds(5)), interactive());
	}

	/** An interactive budget that never limits a test. */
	static VirtFusionProperties.Interactive interactive() {
		return new VirtFusionProperties.Interactive(1000, Duration.ofSeconds(1), Duration.ofSeconds(5), 8,
				Duration.ofSeconds(5));
	}

	static VirtFusionProperties.Retry retry(int maxAttempts) {
		return new VirtFusionProperties.Retry(maxAttempts, Duration.ofMillis(10), 2.0, Duration.ofMillis(50), 0.0,
				Duration.ofSeconds(2));
	}

	static VirtFusionProperties.CircuitBreaker breaker(int window, int minimumCalls) {
		return new VirtFusionProperties.CircuitBreaker(50, window, minimumCalls, Duration.ofMillis(300), 1);
	}

	/**
	 * A client of panel {@code test} with the given settings, recording into
	 * {@link #meters}.
	 */
	VirtFusionClient client(VirtFusionProperties.Panel settings) {
		VirtFusionProperties properties = new VirtFusionProperties("test", Map.of("test", settings));
		return new VirtFusionClients(properties, this.meters, Clock.systemUTC(), (url) -> url).client("test");
	}

	/** The path of an operation under the WireMock base, for request matching. */
	static String api(String path) {
		return "/api/v1" + path;
	}

}
