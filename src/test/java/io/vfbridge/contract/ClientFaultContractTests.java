package io.vfbridge.contract;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vfbridge.virtfusion.VirtFusionApiException;
import io.vfbridge.virtfusion.VirtFusionApiException.Failure;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.model.CreateServerRequest;
import io.vfbridge.virtfusion.model.CreateUserRequest;
import io.vfbridge.virtfusion.model.ExtRelationId;
import io.vfbridge.virtfusion.model.ServerPackage;
import io.vfbridge.virtfusion.model.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The simulator's fault kinds as the real client sees them over HTTP: which failures it
 * retries (GET: 503, 429 after {@code Retry-After}, a dropped connection, a timeout) and
 * which it must not repeat ({@code POST /servers}: the call may have been applied), what
 * the exception says, and how many calls reached the panel ({@code _admin/stats}).
 *
 * <p>
 * <b>Reactor Netty and dropped connections.</b> The JDK {@code HttpClient} silently
 * repeats a GET once when a connection closes before any answer (see
 * {@code docs/simulator.md}). Reactor Netty 1.3 (the client's transport) does not repeat
 * by method: its {@code HttpClientConnect} retries a request once, whatever the method,
 * only when the connection is reset <em>before the request headers were sent</em> (a
 * pooled connection the server had already closed), and never once they were ("The
 * connection observed an error, the request cannot be retried as the headers/body were
 * sent"). The simulator drops a connection only after reading the whole request, so every
 * attempt the simulator counts is one attempt of the client's own Resilience4j retry:
 * {@link #doesNotLetTheTransportRepeatAGetOnADroppedConnection} proves it with a
 * single-attempt client (one call in the counters, no second one).
 */
class ClientFaultContractTests extends ContractSimulator {

	private static final String GET_PACKAGE = "GET /packages/{packageId}";

	private static final String CREATE_SERVER = "POST /servers";

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(1);

	private SimulatorHarness sim;

	private SimpleMeterRegistry meters;

	private VirtFusionClient client;

	@BeforeEach
	void startFromTheSeedWithAFreshClient() {
		this.clock.reset();
		this.sim = harness();
		this.sim.reset();
		this.meters = new SimpleMeterRegistry();
		this.client = client(this.meters, TOKEN, RESPONSE_TIMEOUT, 3);
	}

	@Test
	void succeedsWhenLatencyStaysWithinTheTimeout() {
		this.sim.addFaults("""
				{"method": "GET", "path": "/packages/{id}", "kind": "latency", "latency": 400}""");

		long started = System.nanoTime();
		ServerPackage small = this.client.getPackage(1);

		assertThat(small.name()).isEqualTo("VPS Small");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat(attempts("getPackage")).containsExactly(Map.entry("200 success", 1L));
		assertThat(this.sim.calls(GET_PACKAGE, 200)).isEqualTo(1);
	}

	@Test
	void retriesA503OnAGetUntilItSucceeds() {
		this.sim.addFaults("""
				{"method": "GET", "path": "/packages/{id}", "kind": "error", "status": 503, "count": 2}""");

		ServerPackage small = this.client.getPackage(1);

		assertThat(small.name()).isEqualTo("VPS Small");
		assertThat(this.sim.calls(GET_PACKAGE, 503)).isEqualTo(2);
		assertThat(this.sim.calls(GET_PACKAGE, 200)).isEqualTo(1);
		assertThat(attempts("getPackage")).containsExactly(Map.entry("200 success", 1L),
				Map.entry("503 server_error", 2L));
	}

	@Test
	void givesUpAfterThreeAttemptsOfAGetThatKeepsFailing() {
		this.sim.addFaults("""
				{"method": "GET", "path": "/packages/{id}", "kind": "error", "status": 503, "count": 3,
				 "msg": "maintenance"}""");

		VirtFusionApiException failure = catchThrowableOfType(VirtFusionApiException.class,
				() -> this.client.getPackage(1));

		assertThat(failure.status()).isEqualTo(503);
		assertThat(failure.error()).isEqualTo("maintenance");
		assertThat(failure.isRetryable()).isTrue();
		assertThat(this.sim.calls(GET_PACKAGE)).isEqualTo(3);
		assertThat(this.sim.calls(GET_PACKAGE, 503)).isEqualTo(3);
	}

	@Test
	void doesNotRetryA503OnCreate() {
		User owner = newUser();
		this.sim.addFaults("""
				{"method": "POST", "path": "/servers", "kind": "error", "status": 503, "count": 1}""");

		VirtFusionApiException failure = catchThrowableOfType(VirtFusionApiException.class, () -> create(owner));

		assertThat(failure.status()).isEqualTo(503);
		assertThat(failure.isRetryable()).as("for the job queue, later").isTrue();
		assertThat(this.sim.calls(CREATE_SERVER)).as("exactly one call").isEqualTo(1);
		assertThat(this.sim.calls(CREATE_SERVER, 503)).isEqualTo(1);
		assertThat(this.sim.stats().path("servers").path("total").asInt()).isZero();
	}

	@Test
	void retriesA429OnAGetAfterTheRetryAfterDelay() {
		this.sim.addFaults("""
				{"method": "GET", "path": "/packages/{id}", "kind": "rate-limit", "retryAfter": "1s", "count": 1}""");

		long started = System.nanoTime();
		ServerPackage small = this.client.getPackage(1);

		assertThat(small.name()).isEqualTo("VPS Small");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for Retry-After")
			.isGreaterThanOrEqualTo(Duration.ofMillis(950));
		assertThat(this.sim.calls(GET_PACKAGE, 429)).isEqualTo(1);
		assertThat(this.sim.calls(GET_PACKAGE, 200)).isEqualTo(1);
	}

	@Test
	void carriesRetryAfterOnA429ItDoesNotRetry() {
		User owner = newUser();
		this.sim.addFaults(
				"""
						[{"method": "POST", "path": "/servers", "kind": "rate-limit", "retryAfter": "2s", "count": 1},
						 {"method": "GET", "path": "/packages/{id}", "kind": "rate-limit", "retryAfter": "20s", "count": 1}]""");

		VirtFusionApiException create = catchThrowableOfType(VirtFusionApiException.class, () -> create(owner));
		VirtFusionApiException read = catchThrowableOfType(VirtFusionApiException.class,
				() -> this.client.getPackage(1));

		assertThat(create.status()).isEqualTo(429);
		assertThat(create.retryAfter()).contains(Duration.ofSeconds(2));
		assertThat(create.isRetryable()).isTrue();
		assertThat(this.sim.calls(CREATE_SERVER)).isEqualTo(1);
		assertThat(read.retryAfter()).as("longer than the client's maxRetryAfter: left to the job queue")
			.contains(Duration.ofSeconds(20));
		assertThat(this.sim.calls(GET_PACKAGE)).isEqualTo(1);
	}

	@Test
	void retriesAGetWhoseConnectionWasReset() {
		this.sim.addFaults("""
				{"method": "GET", "path": "/packages/{id}", "kind": "reset", "count": 1}""");

		ServerPackage small = this.client.getPackage(1);

		assertThat(small.name()).isEqualTo("VPS Small");
		assertThat(this.sim.calls(GET_PACKAGE, 0)).isEqualTo(1);
		assertThat(this.sim.calls(GET_PACKAGE, 200)).isEqualTo(1);
		assertThat(attempts("getPackage")).containsExactly(Map.entry("0 connection_lost", 1L),
				Map.entry("200 success", 1L));
	}

	@Test
	void doesNotLetTheTransportRepeatAGetOnADroppedConnection() {
		VirtFusionClient singleAttempt = client(new SimpleMeterRegistry(), TOKEN, RESPONSE_TIMEOUT, 1);
		this.sim.addFaults("""
				{"method": "GET", "path": "/packages/{id}", "kind": "reset", "count": 1}""");

		VirtFusionApiException failure = catchThrowableOfType(VirtFusionApiException.class,
				() -> singleAttempt.getPackage(1));

		assertThat(failure.status()).isZero();
		assertThat(failure.failure()).isEqualTo(Failure.CONNECTION_LOST);
		assertThat(this.sim.calls(GET_PACKAGE)).as("Reactor Netty sent it once, and did not repeat it").isEqualTo(1);
		assertThat(this.sim.calls(GET_PACKAGE, 0)).isEqualTo(1);
		assertThat(singleAttempt.getPackage(1).name()).as("the next call gets a fresh connection")
			.isEqualTo("VPS Small");
	}

	@Test
	void doesNotRetryACreateWhoseConnectionWasReset() {
		User owner = newUser();
		this.sim.addFaults("""
				{"method": "POST", "path": "/servers", "kind": "reset", "count": 1}""");

		VirtFusionApiException failure = catchThrowableOfType(VirtFusionApiException.class, () -> create(owner));

		assertThat(failure.status()).isZero();
		assertThat(failure.failure()).isEqualTo(Failure.CONNECTION_LOST);
		assertThat(failure.mayHaveReachedVirtFusion()).isTrue();
		assertThat(this.sim.calls(CREATE_SERVER)).isEqualTo(1);
		assertThat(this.sim.calls(CREATE_SERVER, 0)).isEqualTo(1);
		assertThat(this.sim.stats().path("servers").path("total").asInt()).as("a reset acts on nothing").isZero();
	}

	@Test
	void timesOutAHeldGetAndRetriesIt() {
		this.sim.addFaults("""
				{"method": "GET", "path": "/packages/{id}", "kind": "timeout", "hold": "3s", "count": 1}""");

		ServerPackage small = this.client.getPackage(1);

		assertThat(small.name()).isEqualTo("VPS Small");
		assertThat(attempts("getPackage")).containsExactly(Map.entry("0 timeout", 1L), Map.entry("200 success", 1L));
		// the simulator counts the held call when it lets go of it
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sim.calls(GET_PACKAGE, 0) == 1);
		assertThat(this.sim.calls(GET_PACKAGE, 200)).isEqualTo(1);
	}

	@Test
	void timesOutAHeldCreateWithoutRetryingIt() {
		User owner = newUser();
		this.sim.addFaults("""
				{"method": "POST", "path": "/servers", "kind": "timeout", "hold": "3s", "count": 1}""");

		long started = System.nanoTime();
		VirtFusionApiException failure = catchThrowableOfType(VirtFusionApiException.class, () -> create(owner));
		Duration waited = Duration.ofNanos(System.nanoTime() - started);

		assertThat(failure.status()).isZero();
		assertThat(failure.failure()).isEqualTo(Failure.TIMEOUT);
		assertThat(failure.mayHaveReachedVirtFusion()).isTrue();
		assertThat(waited).as("the client's own timeout, not the simulator's hold")
			.isBetween(RESPONSE_TIMEOUT, Duration.ofMillis(2500));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sim.calls(CREATE_SERVER, 0) == 1);
		assertThat(this.sim.calls(CREATE_SERVER)).as("no second attempt").isEqualTo(1);
		assertThat(attempts("createServer")).containsExactly(Map.entry("0 timeout", 1L));
		assertThat(this.sim.stats().path("servers").path("total").asInt()).isZero();
	}

	@Test
	void leavesTheServerCreatedWhenItsAnswerIsLost() {
		User owner = newUser();
		this.sim.addFaults("""
				{"method": "POST", "path": "/servers", "kind": "lost-response", "count": 1}""");

		VirtFusionApiException failure = catchThrowableOfType(VirtFusionApiException.class, () -> create(owner));

		assertThat(failure.status()).isZero();
		assertThat(failure.failure()).isEqualTo(Failure.CONNECTION_LOST);
		assertThat(failure.mayHaveReachedVirtFusion()).isTrue();
		assertThat(this.sim.calls(CREATE_SERVER)).isEqualTo(1);
		assertThat(this.sim.calls(CREATE_SERVER, 0)).isEqualTo(1);
		assertThat(this.sim.stats().path("servers").path("byOwner").path(String.valueOf(owner.id())).asInt())
			.as("the create was applied")
			.isEqualTo(1);
		assertThat(this.sim.stats()
			.path("servers")
			.path("byOwnerExtRelationId")
			.path(String.valueOf(owner.extRelationId()))
			.asInt()).isEqualTo(1);
		assertThat(this.client.listUserServers(owner.id())).as("what a caller adopts after a lost answer").hasSize(1);
	}

	private User newUser() {
		return this.client.createUser(
				CreateUserRequest.builder("Faulty", "faulty@example.com").externalId(ExtRelationId.of(4242)).build());
	}

	private void create(User owner) {
		this.client.createServer(CreateServerRequest.builder(1, owner.id(), 1).build(), false);
	}

	/**
	 * The client's attempts of one operation, as {@code "<status> <outcome>"} to count,
	 * from its {@code vfbridge.virtfusion.calls} timer.
	 */
	private Map<String, Long> attempts(String clientMethod) {
		Map<String, Long> attempts = new TreeMap<>();
		List<Timer> timers = List
			.copyOf(this.meters.find(VirtFusionClient.CALLS_METRIC).tag("operation", clientMethod).timers());
		for (Timer timer : timers) {
			attempts.merge(timer.getId().getTag("status") + " " + timer.getId().getTag("outcome"), timer.count(),
					Long::sum);
		}
		return attempts;
	}

}
