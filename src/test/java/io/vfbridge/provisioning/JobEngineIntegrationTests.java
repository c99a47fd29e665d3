package io.vfbridge.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.vfbridge.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The queue's promises: in order per key, parallel across keys, once, and never lost. */
@IntegrationTest
@Import(JobTestSupport.Handlers.class)
class JobEngineIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	JobTestSupport jobs;

	@Autowired
	JobEngine engine;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobsProperties properties;

	@Autowired
	JobQueue queue;

	@Autowired
	JobCompletion completion;

	@Autowired
	CheckpointStore checkpoints;

	@Autowired
	List<JobHandler> handlers;

	@Autowired
	DataSource dataSource;

	@Autowired
	JsonMapper json;

	@Autowired
	Clock clock;

	@Autowired
	JobWakeups wakeups;

	@Test
	void runsJobsOfOneKeyInOrderAndOfDifferentKeysInParallel() {
		String a = key("a");
		String b = key("b");
		UUID first = this.jobs.enqueue(a, 600);
		UUID second = this.jobs.enqueue(a, 0);
		UUID other = this.jobs.enqueue(b, 600);
		awaitStatus("succeeded", first, second, other);
		ScriptedHandler.Run firstRun = ScriptedHandler.runsOf(first).get(0);
		ScriptedHandler.Run secondRun = ScriptedHandler.runsOf(second).get(0);
		ScriptedHandler.Run otherRun = ScriptedHandler.runsOf(other).get(0);
		assertThat(secondRun.startedNanos()).as("second waits for first").isGreaterThan(firstRun.endedNanos());
		assertThat(otherRun.startedNanos()).as("other key overlaps").isLessThan(firstRun.endedNanos());
	}

	@Test
	void makesALaterJobWaitWhileAnEarlierOneIsRetrying() {
		String key = key("retrying");
		UUID first = this.jobs.enqueue(key, 0, "retry", "retry", "succeed");
		UUID second = this.jobs.enqueue(key, 0);
		awaitStatus("succeeded", first, second);
		List<ScriptedHandler.Run> firstRuns = ScriptedHandler.runsOf(first);
		assertThat(firstRuns).hasSize(3);
		assertThat(ScriptedHandler.runsOf(second).get(0).startedNanos()).isGreaterThan(firstRuns.get(2).endedNanos());
		assertThat(this.jobs.attempts(first)).isEqualTo(3);
	}

	@Test
	void letsTheNextJobRunAfterAPermanentFailureOrAQuestion() {
		String key = key("terminal");
		UUID failed = this.jobs.enqueue(key, 0, "fail");
		UUID attention = this.jobs.enqueue(key, 0, "attention");
		UUID last = this.jobs.enqueue(key, 0);
		awaitStatus("succeeded", last);
		assertThat(this.jobs.status(failed)).isEqualTo("failed");
		assertThat(this.jobs.status(attention)).isEqualTo("needs_attention");
		assertThat(this.jdbc.queryForObject("select last_error from job where id = ?", String.class, failed))
			.isEqualTo("scripted permanent failure");
	}

	@Test
	void retriesAJobThatThrowsAndRecordsTheError() {
		UUID job = this.jobs.enqueue(key("throws"), 0, "throw", "succeed");
		awaitStatus("succeeded", job);
		assertThat(this.jobs.attempts(job)).isEqualTo(2);
	}

	@Test
	void neverRunsAJobTwiceWithTwoWorkerPoolsOnOneDatabase() throws Exception {
		JobEngine second = new JobEngine(this.properties, this.queue, this.completion, this.checkpoints, this.handlers,
				this.dataSource, this.json, this.clock, JobTracing.none(), this.wakeups);
		second.start();
		try {
			List<UUID> all = new ArrayList<>();
			Map<String, List<UUID>> byKey = new java.util.LinkedHashMap<>();
			for (int k = 0; k < 20; k++) {
				String key = key("pool" + k);
				for (int i = 0; i < 10; i++) {
					UUID id = this.jobs.enqueue(key, 5);
					all.add(id);
					byKey.computeIfAbsent(key, (x) -> new ArrayList<>()).add(id);
				}
			}
			awaitStatus("succeeded", all.toArray(UUID[]::new));
			for (UUID id : all) {
				assertThat(ScriptedHandler.runsOf(id)).as("runs of %s", id).hasSize(1);
			}
			for (List<UUID> ordered : byKey.values()) {
				List<Long> starts = ordered.stream()
					.map((id) -> ScriptedHandler.runsOf(id).get(0).startedNanos())
					.toList();
				assertThat(starts).isSorted();
			}
			Map<Boolean, Long> byPool = all.stream()
				.map((id) -> this.jdbc.queryForObject("select attempts from job where id = ?", Integer.class, id))
				.collect(Collectors.partitioningBy((attempts) -> attempts == 1, Collectors.counting()));
			assertThat(byPool.get(true)).isEqualTo(all.size());
		}
		finally {
			second.stop();
		}
	}

	@Test
	void takesOverAJobWhoseWorkerDiedOnceItsLeaseExpires() {
		String key = key("orphan");
		UUID orphan = UUID.randomUUID();
		UUID alive = UUID.randomUUID();
		Instant now = this.clock.instant();
		insertRunning(orphan, key, "crashed-worker", now.minusSeconds(1));
		insertRunning(alive, key("alive"), "busy-worker", now.plus(Duration.ofMinutes(10)));
		this.engine.wakeUp();
		awaitStatus("succeeded", orphan);
		assertThat(ScriptedHandler.runsOf(orphan)).hasSize(1);
		assertThat(this.jdbc.queryForMap("select attempts, failures from job where id = ?", orphan))
			.containsEntry("attempts", 2)
			.containsEntry("failures", 1);
		assertThat(ScriptedHandler.runsOf(alive)).as("a live lease is respected").isEmpty();
		assertThat(this.jobs.status(alive)).isEqualTo("running");
		this.jdbc.update("delete from job where id = ?", alive);
	}

	@Test
	void finishesRunningJobsOnGracefulShutdownAndHandsBackThoseThatTakeTooLong() {
		JobsProperties quick = new JobsProperties(true, 2, Duration.ofMillis(200), Duration.ofSeconds(30),
				Duration.ofSeconds(1), Duration.ofMillis(800), this.properties.retry(), this.properties.retention(),
				this.properties.maxQueuedPerService(), this.properties.notifyCoalesce());
		// the test's own engine must not take these jobs: give them a key it waits on
		JobEngine stopping = new JobEngine(quick, this.queue, this.completion, this.checkpoints, this.handlers,
				this.dataSource, this.json, this.clock, JobTracing.none(), this.wakeups);
		this.engine.stop();
		try {
			stopping.start();
			UUID shortJob = this.jobs.enqueue(key("short"), 300);
			UUID longJob = this.jobs.enqueue(key("long"), 3_000);
			await().atMost(PATIENCE).until(() -> stopping.inFlight() == 2);
			stopping.stop();
			assertThat(this.jobs.status(shortJob)).isEqualTo("succeeded");
			assertThat(this.jobs.status(longJob)).as("handed back").isEqualTo("queued");
			assertThat(this.jdbc.queryForObject("select lease_owner from job where id = ?", String.class, longJob))
				.isNull();
			// handed back, not failed: claimable at once by another instance, no attempt
			// used up
			assertThat(this.jdbc.queryForMap("select attempts, failures from job where id = ?", longJob))
				.containsEntry("attempts", 0)
				.containsEntry("failures", 0);
			assertThat(this.jdbc.queryForObject("select next_run_at from job where id = ?", Timestamp.class, longJob)
				.toInstant()).isBeforeOrEqualTo(this.clock.instant());
		}
		finally {
			this.engine.start();
		}
	}

	@Test
	void neverServerPreparesTheClaimSoItIsPlannedForItsValuesEveryTime() throws Exception {
		// a prepared claim may switch to a generic plan after five runs; that plan took
		// 100-400 ms per claim with a thousand jobs queued (bench/e2e) and idled the
		// workers
		try (java.sql.Connection connection = this.dataSource.getConnection()) {
			JobQueue queue = new JobQueue(
					new JdbcTemplate(
							new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true)),
					JobTracing.none(), this.wakeups);
			Instant now = this.clock.instant();
			for (int i = 0; i < 10; i++) {
				assertThat(queue.claim("probe", 0, now, now.plusSeconds(1))).isEmpty();
			}
			try (java.sql.Statement statement = connection.createStatement();
					java.sql.ResultSet prepared = statement.executeQuery(
							"select count(*) from pg_prepared_statements where statement like '%lease_owner = $1%'")) {
				prepared.next();
				assertThat(prepared.getInt(1)).isZero();
			}
		}
	}

	private void insertRunning(UUID id, String key, String owner, Instant leaseExpires) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.update("""
				insert into job (id, ordering_key, type, payload, status, attempts, next_run_at, lease_owner,
				                 lease_expires_at, service_id, created_at, updated_at)
				values (?, ?, ?, ?::jsonb, 'running', 1, ?, ?, ?, ?, ?, ?)
				""", id, key, ScriptedHandler.TYPE, "{\"key\":\"" + key + "\"}", now, owner,
				Timestamp.from(leaseExpires), key, now, now);
	}

	private void awaitStatus(String status, UUID... ids) {
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			for (UUID id : ids) {
				assertThat(this.jobs.status(id)).as("status of %s", id).isEqualTo(status);
			}
		});
	}

	private static String key(String name) {
		return "test:" + name + ":" + UUID.randomUUID();
	}

}
