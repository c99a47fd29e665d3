package io.vfbridge.provisioning;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.MutableClock;
import io.vfbridge.testsupport.TestApi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backoff, Retry-After, dead and the operator's retry and cancel, on a clock the test
 * moves: a retry only happens once the clock has passed its time. The test profile's
 * policy: 200 ms doubling, no jitter, 5 attempts.
 */
@IntegrationTest
@Import({ JobTestSupport.Handlers.class, RetryPolicyIntegrationTests.Clocks.class })
class RetryPolicyIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	@Autowired
	JobTestSupport jobs;

	@Autowired
	JobEngine engine;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@LocalServerPort
	int port;

	@Test
	void backsOffExponentiallyOnlyOnTheClockAndThenParksTheJobAsDead() {
		UUID job = this.jobs.enqueue(key(), 0, "retry");
		Duration expected = Duration.ofMillis(200);
		for (int attempt = 1; attempt <= 4; attempt++) {
			int runs = attempt;
			await().atMost(PATIENCE)
				.until(() -> ScriptedHandler.runsOf(job).size() == runs && "queued".equals(this.jobs.status(job)));
			Instant ranAt = this.clock.instant();
			assertThat(nextRunAt(job)).isEqualTo(ranAt.plus(expected));
			// the clock has not moved: the job must not run again, however often the
			// engine looks
			this.engine.wakeUp();
			await().during(Duration.ofMillis(400))
				.atMost(Duration.ofSeconds(2))
				.until(() -> ScriptedHandler.runsOf(job).size() == runs);
			this.clock.advance(expected);
			this.engine.wakeUp();
			expected = expected.multipliedBy(2);
		}
		await().atMost(PATIENCE).until(() -> "dead".equals(this.jobs.status(job)));
		assertThat(ScriptedHandler.runsOf(job)).hasSize(5);
		assertThat(this.jdbc.queryForObject("select last_error from job where id = ?", String.class, job))
			.isEqualTo("gave up after 5 failed attempts: scripted failure 5");
	}

	@Test
	void waitsAtLeastAsLongAsVirtFusionAskedWithRetryAfter() {
		UUID job = this.jobs.enqueue(key(), 0, "retry-after", "succeed");
		await().atMost(PATIENCE)
			.until(() -> ScriptedHandler.runsOf(job).size() == 1 && "queued".equals(this.jobs.status(job)));
		assertThat(nextRunAt(job)).isEqualTo(this.clock.instant().plus(Duration.ofSeconds(30)));
		this.clock.advance(Duration.ofSeconds(30));
		this.engine.wakeUp();
		await().atMost(PATIENCE).until(() -> "succeeded".equals(this.jobs.status(job)));
	}

	@Test
	void keepsWaitingJobsOutOfTheFailureCountButNotPastTheMaximumAge() {
		UUID job = this.jobs.enqueue(key(), 0, "wait");
		await().atMost(PATIENCE)
			.until(() -> ScriptedHandler.runsOf(job).size() == 1 && "queued".equals(this.jobs.status(job)));
		this.clock.advance(Duration.ofMillis(100));
		this.engine.wakeUp();
		await().atMost(PATIENCE)
			.until(() -> ScriptedHandler.runsOf(job).size() == 2 && "queued".equals(this.jobs.status(job)));
		assertThat(this.jdbc.queryForObject("select failures from job where id = ?", Integer.class, job)).isZero();
		this.clock.advance(Duration.ofDays(3));
		this.engine.wakeUp();
		await().atMost(PATIENCE).until(() -> "dead".equals(this.jobs.status(job)));
		assertThat(this.jdbc.queryForObject("select last_error from job where id = ?", String.class, job))
			.isEqualTo("gave up waiting: scripted wait");
	}

	@Test
	void letsAnOperatorRetryADeadJobAndCancelAQueuedOne() {
		TestApi api = new TestApi(this.port, this.clock);
		String key = key();
		UUID dead = this.jobs.enqueue(key, 0, "fail", "succeed");
		await().atMost(PATIENCE).until(() -> "failed".equals(this.jobs.status(dead)));
		assertThat(api.call("POST", "/v1/operations/" + dead + "/retry", TestApi.BILLING_KEY, null, null).status())
			.isEqualTo(403);
		TestApi.Answer retried = api.call("POST", "/v1/operations/" + dead + "/retry", TestApi.OPERATOR_KEY, null,
				null);
		assertThat(retried.status()).isEqualTo(200);
		await().atMost(PATIENCE).until(() -> "succeeded".equals(this.jobs.status(dead)));
		assertThat(this.jdbc.queryForObject("select last_error from job where id = ?", String.class, dead)).isNull();
		TestApi.Answer again = api.call("POST", "/v1/operations/" + dead + "/retry", TestApi.OPERATOR_KEY, null, null);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("type").asString()).isEqualTo("urn:vfbridge:problem:operation-state-conflict");

		UUID waiting = this.jobs.enqueue(key, 0, "retry", "succeed");
		await().atMost(PATIENCE)
			.until(() -> ScriptedHandler.runsOf(waiting).size() == 1 && "queued".equals(this.jobs.status(waiting)));
		TestApi.Answer cancelled = api.call("POST", "/v1/operations/" + waiting + "/cancel", TestApi.OPERATOR_KEY, null,
				null);
		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.json().get("status").asString()).isEqualTo("failed");
		assertThat(cancelled.json().get("lastError").asString()).isEqualTo("cancelled by operator operator");
	}

	private Instant nextRunAt(UUID job) {
		return this.jdbc.queryForObject("select next_run_at from job where id = ?", Timestamp.class, job).toInstant();
	}

	private static String key() {
		return "test:retry:" + UUID.randomUUID();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			// whole milliseconds: PostgreSQL keeps microseconds, so a nanosecond clock
			// would not round-trip
			return new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
		}

	}

}
