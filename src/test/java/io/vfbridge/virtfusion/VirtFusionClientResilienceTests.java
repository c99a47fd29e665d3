package io.vfbridge.virtfusion;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Timer;
import io.vfbridge.virtfusion.VirtFusionApiException.Failure;
import io.vfbridge.virtfusion.model.CreateServerRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Retry, circuit breaker, rate limiter and bulkhead around the client's calls. */
@ExtendWith(OutputCaptureExtension.class)
class VirtFusionClientResilienceTests extends WireMockClientSupport {

	private static final String CONNECT = api("/connect");

	private static final String SERVERS = api("/servers");

	@Test
	void honoursRetryAfterOn429AndThenSucceeds() {
		wireMock.stubFor(get(CONNECT).inScenario("limited")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
			.willSetStateTo("open"));
		wireMock.stubFor(
				get(CONNECT).inScenario("limited").whenScenarioStateIs("open").willReturn(aResponse().withBody("[]")));
		long started = System.nanoTime();
		this.client.testConnection();
		Duration waited = Duration.ofNanos(System.nanoTime() - started);
		// the configured backoff is 10 ms: only Retry-After explains a wait of a second
		assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		wireMock.verify(2, getRequestedFor(urlPathEqualTo(CONNECT)));
	}

	@Test
	void leavesALongRetryAfterToTheCaller() {
		wireMock.stubFor(get(CONNECT).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
		VirtFusionApiException ex = catchThrowableOfType(VirtFusionApiException.class, this.client::testConnection);
		assertThat(ex.status()).isEqualTo(429);
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.retryAfter()).contains(Duration.ofSeconds(120));
		wireMock.verify(1, getRequestedFor(urlPathEqualTo(CONNECT)));
	}

	@Test
	void retriesWhenTheConnectionIsRefusedBecauseNothingWasSent() throws IOException {
		VirtFusionClient refused = client(new VirtFusionProperties.Panel("http://127.0.0.1:" + closedPort() + "/api/v1",
				TOKEN, Duration.ofSeconds(1), Duration.ofSeconds(1), 2000, retry(3), breaker(100, 100),
				new VirtFusionProperties.RateLimit(1000, Duration.ofSeconds(1), Duration.ofSeconds(1)),
				new VirtFusionProperties.Bulkhead(4, Duration.ofSeconds(1)), interactive()));
		VirtFusionApiException ex = catchThrowableOfType(VirtFusionApiException.class, refused::testConnection);
		assertThat(ex.status()).isZero();
		assertThat(ex.failure()).isEqualTo(Failure.CONNECTION_FAILED);
		assertThat(ex.mayHaveReachedVirtFusion()).isFalse();
		assertThat(attempts("testConnection", "connection_failed")).isEqualTo(3);
	}

	@Test
	void opensTheCircuitAfterFailuresAndClosesItWhenVirtFusionRecovers() {
		VirtFusionClient guarded = client(panel(Duration.ofSeconds(1), retry(1), breaker(4, 4),
				new VirtFusionProperties.RateLimit(1000, Duration.ofSeconds(1), Duration.ofSeconds(1))));
		wireMock.stubFor(get(CONNECT).willReturn(aResponse().withStatus(500)));
		for (int i = 0; i < 4; i++) {
			catchThrowableOfType(VirtFusionApiException.class, guarded::testConnection);
		}
		assertThat(guarded.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

		VirtFusionApiException rejected = catchThrowableOfType(VirtFusionApiException.class, guarded::testConnection);
		assertThat(rejected.failure()).isEqualTo(Failure.CIRCUIT_OPEN);
		assertThat(rejected.mayHaveReachedVirtFusion()).isFalse();
		wireMock.verify(4, getRequestedFor(urlPathEqualTo(CONNECT)));

		wireMock.stubFor(get(CONNECT).willReturn(aResponse().withBody("[]")));
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
			guarded.testConnection();
			return true;
		});
		assertThat(guarded.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void doesNotCountClientErrorsAgainstTheCircuit() {
		VirtFusionClient guarded = client(panel(Duration.ofSeconds(1), retry(1), breaker(4, 4),
				new VirtFusionProperties.RateLimit(1000, Duration.ofSeconds(1), Duration.ofSeconds(1))));
		wireMock.stubFor(get(CONNECT).willReturn(aResponse().withStatus(422).withBody("{\"errors\":[\"no\"]}")));
		for (int i = 0; i < 8; i++) {
			catchThrowableOfType(VirtFusionApiException.class, guarded::testConnection);
		}
		assertThat(guarded.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void holdsTheConfiguredRateAndRefusesCallsBeyondIt() {
		VirtFusionClient limited = client(panel(Duration.ofSeconds(1), retry(1), breaker(100, 100),
				new VirtFusionProperties.RateLimit(3, Duration.ofHours(1), Duration.ZERO)));
		wireMock.stubFor(get(CONNECT).willReturn(aResponse().withBody("[]")));
		int refused = 0;
		for (int i = 0; i < 5; i++) {
			try {
				limited.testConnection();
			}
			catch (VirtFusionApiException ex) {
				assertThat(ex.failure()).isEqualTo(Failure.RATE_LIMITED);
				refused++;
			}
		}
		assertThat(refused).isEqualTo(2);
		wireMock.verify(3, getRequestedFor(urlPathEqualTo(CONNECT)));
	}

	@Test
	void makesCallersWaitForTheNextPeriodInsteadOfFailing() {
		VirtFusionClient limited = client(panel(Duration.ofSeconds(1), retry(1), breaker(100, 100),
				new VirtFusionProperties.RateLimit(2, Duration.ofMillis(250), Duration.ofSeconds(5))));
		wireMock.stubFor(get(CONNECT).willReturn(aResponse().withBody("[]")));
		long started = System.nanoTime();
		for (int i = 0; i < 6; i++) {
			limited.testConnection();
		}
		// 6 calls at 2 per 250 ms need at least two more periods after the first
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
		wireMock.verify(6, getRequestedFor(urlPathEqualTo(CONNECT)));
	}

	@Test
	void keepsTheWorkersBudgetWhenInteractiveReadsExhaustTheirs() {
		wireMock.stubFor(get(CONNECT).willReturn(aResponse().withBody("[]")));
		VirtFusionProperties.Panel settings = new VirtFusionProperties.Panel(wireMock.baseUrl() + "/api/v1", TOKEN,
				Duration.ofSeconds(1), Duration.ofSeconds(1), 2000, retry(1), breaker(100, 100),
				new VirtFusionProperties.RateLimit(2, Duration.ofMinutes(10), Duration.ZERO),
				new VirtFusionProperties.Bulkhead(4, Duration.ofSeconds(1)), new VirtFusionProperties.Interactive(2,
						Duration.ofMinutes(10), Duration.ZERO, 4, Duration.ofSeconds(1)));
		VirtFusionClients clients = new VirtFusionClients(
				new VirtFusionProperties("test", java.util.Map.of("test", settings)), this.meters,
				java.time.Clock.systemUTC(), (url) -> url);
		VirtFusionClient storefront = clients.interactiveClient("test");
		VirtFusionClient worker = clients.client("test");
		storefront.testConnection();
		storefront.testConnection();
		VirtFusionApiException limited = catchThrowableOfType(VirtFusionApiException.class, storefront::testConnection);
		assertThat(limited.failure()).isEqualTo(Failure.RATE_LIMITED);
		worker.testConnection();
		worker.testConnection();
		assertThat(catchThrowableOfType(VirtFusionApiException.class, worker::testConnection).failure())
			.isEqualTo(Failure.RATE_LIMITED);
		wireMock.verify(4, getRequestedFor(urlPathEqualTo(CONNECT)));
	}

	@Test
	void keepsTheInteractiveBudgetWhenTheWorkersFillTheirBulkhead() throws Exception {
		wireMock.stubFor(get(CONNECT).willReturn(aResponse().withFixedDelay(800).withBody("[]")));
		VirtFusionProperties.Panel settings = new VirtFusionProperties.Panel(wireMock.baseUrl() + "/api/v1", TOKEN,
				Duration.ofSeconds(1), Duration.ofSeconds(3), 2000, retry(1), breaker(100, 100),
				new VirtFusionProperties.RateLimit(1000, Duration.ofSeconds(1), Duration.ZERO),
				new VirtFusionProperties.Bulkhead(1, Duration.ZERO),
				new VirtFusionProperties.Interactive(1000, Duration.ofSeconds(1), Duration.ZERO, 1, Duration.ZERO));
		VirtFusionClients clients = new VirtFusionClients(
				new VirtFusionProperties("test", java.util.Map.of("test", settings)), this.meters,
				java.time.Clock.systemUTC(), (url) -> url);
		VirtFusionClient worker = clients.client("test");
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<?> busy = pool.submit(worker::testConnection);
			await().until(() -> wireMock.getAllServeEvents().size() == 1);
			assertThat(catchThrowableOfType(VirtFusionApiException.class, worker::testConnection).failure())
				.isEqualTo(Failure.BULKHEAD_FULL);
			clients.interactiveClient("test").testConnection();
			busy.get();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void limitsConcurrentCallsWithTheBulkhead() throws Exception {
		VirtFusionClient narrow = client(new VirtFusionProperties.Panel(wireMock.baseUrl() + "/api/v1", TOKEN,
				Duration.ofSeconds(1), Duration.ofSeconds(3), 2000, retry(1), breaker(100, 100),
				new VirtFusionProperties.RateLimit(1000, Duration.ofSeconds(1), Duration.ofSeconds(1)),
				new VirtFusionProperties.Bulkhead(2, Duration.ZERO), interactive()));
		wireMock.stubFor(get(CONNECT).willReturn(aResponse().withFixedDelay(800).withBody("[]")));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Failure>> results = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				Callable<Failure> call = () -> {
					try {
						narrow.testConnection();
						return null;
					}
					catch (VirtFusionApiException ex) {
						return ex.failure();
					}
				};
				results.add(pool.submit(call));
			}
			List<Failure> failures = new ArrayList<>();
			for (Future<Failure> result : results) {
				failures.add(result.get());
			}
			assertThat(failures).filteredOn(Failure.BULKHEAD_FULL::equals).hasSize(2);
			assertThat(failures).filteredOn((failure) -> failure == null).hasSize(2);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void neverRepeatsACreateServerThatMayHaveReachedVirtFusion() {
		wireMock.stubFor(post(SERVERS)
			.willReturn(aResponse().withFixedDelay(1_500).withStatus(201).withBody("{\"data\":{\"id\":1}}")));
		VirtFusionApiException timeout = catchThrowableOfType(VirtFusionApiException.class, this::createServer);
		assertThat(timeout.failure()).isEqualTo(Failure.TIMEOUT);
		assertThat(timeout.mayHaveReachedVirtFusion()).isTrue();
		assertThat(timeout.isRetryable()).as("the job queue decides, after checking VirtFusion").isTrue();
		wireMock.verify(1, postRequestedFor(urlPathEqualTo(SERVERS)));

		wireMock.resetAll();
		wireMock.stubFor(post(SERVERS).willReturn(aResponse().withStatus(503)));
		assertThat(catchThrowableOfType(VirtFusionApiException.class, this::createServer).status()).isEqualTo(503);
		wireMock.verify(1, postRequestedFor(urlPathEqualTo(SERVERS)));

		wireMock.resetAll();
		wireMock.stubFor(post(SERVERS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThat(catchThrowableOfType(VirtFusionApiException.class, this::createServer).failure())
			.isEqualTo(Failure.CONNECTION_LOST);
		wireMock.verify(1, postRequestedFor(urlPathEqualTo(SERVERS)));
	}

	@Test
	void retriesACreateServerWhoseConnectionCouldNotBeOpened() throws IOException {
		VirtFusionClient refused = client(new VirtFusionProperties.Panel("http://127.0.0.1:" + closedPort() + "/api/v1",
				TOKEN, Duration.ofSeconds(1), Duration.ofSeconds(1), 2000, retry(3), breaker(100, 100),
				new VirtFusionProperties.RateLimit(1000, Duration.ofSeconds(1), Duration.ofSeconds(1)),
				new VirtFusionProperties.Bulkhead(4, Duration.ofSeconds(1)), interactive()));
		VirtFusionApiException ex = catchThrowableOfType(VirtFusionApiException.class,
				() -> refused.createServer(CreateServerRequest.builder(1, 2, 3).build(), false));
		assertThat(ex.failure()).isEqualTo(Failure.CONNECTION_FAILED);
		assertThat(attempts("createServer", "connection_failed")).isEqualTo(3);
	}

	@Test
	void logsOneDebugLinePerAttemptWithoutTokenOrBody(CapturedOutput output) {
		Logger logger = (Logger) LoggerFactory.getLogger(VirtFusionClient.class);
		Level before = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			wireMock.stubFor(post(SERVERS).willReturn(aResponse().withStatus(201)
				.withBody("{\"data\":{\"id\":7,\"settings\":{\"decryptedPassword\":\"s3cret-root-pw\"}}}")));
			createServer();
		}
		finally {
			logger.setLevel(before);
		}
		assertThat(output).contains("operation=createServer", "status=201", "attempt=1", "outcome=success");
		assertThat(output).doesNotContain(TOKEN, "s3cret-root-pw", "packageId");
	}

	private void createServer() {
		this.client.createServer(CreateServerRequest.builder(1, 2, 3).build(), false);
	}

	private long attempts(String operation, String outcome) {
		Timer timer = this.meters.find(VirtFusionClient.CALLS_METRIC)
			.tags("operation", operation, "outcome", outcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
