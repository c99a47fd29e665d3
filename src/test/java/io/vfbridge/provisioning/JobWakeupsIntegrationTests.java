package io.vfbridge.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.NotifyRecorder;
import io.vfbridge.testsupport.TestApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers are woken without a NOTIFY inside any transaction: this instance's at once in
 * memory, other instances' by a NOTIFY sent on its own after the commit. The poll
 * interval is long here, so only a wake-up can explain a prompt start.
 */
@IntegrationTest(properties = "vfbridge.jobs.poll-interval=30s")
@Import({ NotifyRecorder.class, JobTestSupport.Handlers.class })
class JobWakeupsIntegrationTests {

	private static final Duration PROMPTLY = Duration.ofSeconds(5);

	@LocalServerPort
	int port;

	@Autowired
	NotifyRecorder notifies;

	@Autowired
	JobTestSupport jobs;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	@Autowired
	JobEngine engine;

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
	PeriodicJobs periodic;

	@Autowired
	Operations operations;

	@Test
	void sendsNoNotifyInsideATransactionOnAnyPathThatMakesAJobClaimable() {
		this.notifies.clear();
		TestApi api = new TestApi(this.port, this.clock);
		// intake (autocommit statement), handler jobs and their completion
		// (transactions),
		// a periodic run, an operator's cancel
		UUID accepted = api
			.webhook(TestApi.envelope("service.suspend",
					"{\"service\":{\"id\":\"svc-wake-" + UUID.randomUUID() + "\"}}"))
			.operationId();
		String key = "test:wake:" + UUID.randomUUID();
		UUID first = this.jobs.enqueue(key, 0, "succeed");
		UUID second = this.jobs.enqueue(key, 0, "succeed");
		UUID periodicRun = this.periodic.enqueueNow("test-periodic-" + UUID.randomUUID(), this.clock.instant());
		String blocked = "test:wake:" + UUID.randomUUID();
		UUID slow = this.jobs.enqueue(blocked, 1_000, "succeed");
		UUID cancelled = this.jobs.enqueue(blocked, 0, "succeed");
		this.operations.cancel(cancelled, "test");
		await().atMost(PROMPTLY).until(() -> isStarted(accepted) && isFinished(second) && isFinished(periodicRun));
		assertThat(this.jobs.status(first)).isEqualTo("succeeded");
		await().atMost(PROMPTLY).until(() -> isFinished(slow));

		assertThat(this.notifies.inTransactions()).as("NOTIFYs sent inside a transaction or with other work").isEmpty();
		assertThat(this.notifies.sent()).as("NOTIFYs for the other instances").isNotEmpty();
	}

	@Test
	void startsAnAcceptedEventsJobWithinMillisecondsOnAnIdleInstance() throws Exception {
		TestApi api = new TestApi(this.port, this.clock);
		List<UUID> accepted = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			accepted.add(api.webhook(TestApi.envelope("service.suspend",
					"{\"service\":{\"id\":\"svc-pickup-" + UUID.randomUUID() + "\"}}"))
				.operationId());
			Thread.sleep(50);
		}
		await().atMost(PROMPTLY).until(() -> accepted.stream().allMatch(this::isStarted));
		List<Double> millis = accepted.stream()
			.map((id) -> this.jdbc.queryForObject(
					"select extract(epoch from started_at - created_at) * 1000 from job where id = ?", Double.class,
					id))
			.sorted()
			.toList();
		double p50 = millis.get(millis.size() / 2);
		System.out.printf("pickup (202 -> job start) of %d jobs: p50 %.1f ms, max %.1f ms%n", millis.size(), p50,
				millis.get(millis.size() - 1));
		// the poll interval is 30 s: anything near it means the wake-up was lost
		assertThat(p50).isLessThan(500);
		assertThat(millis.get(millis.size() - 1)).isLessThan(5_000);
	}

	@Test
	void wakesAnotherInstanceThroughNotifyAlone() {
		// an engine of its own wake-ups: only a NOTIFY from this instance can wake it
		// before its 30 s poll
		JobEngine other = new JobEngine(this.properties, this.queue, this.completion, this.checkpoints, this.handlers,
				this.dataSource, this.json, this.clock, JobTracing.none(),
				new JobWakeups(this.dataSource, this.properties));
		this.engine.stop();
		try {
			other.start();
			await().atMost(PROMPTLY).until(other::isListening);
			for (int i = 0; i < 3; i++) {
				UUID job = this.jobs.enqueue("test:other:" + UUID.randomUUID(), 0, "succeed");
				await().atMost(PROMPTLY).until(() -> "succeeded".equals(this.jobs.status(job)));
			}
		}
		finally {
			other.stop();
			this.engine.start();
		}
	}

	private boolean isFinished(UUID job) {
		String status = this.jobs.status(job);
		return !"queued".equals(status) && !"running".equals(status);
	}

	private boolean isStarted(UUID job) {
		return this.jdbc.queryForObject("select started_at is not null from job where id = ?", Boolean.class, job);
	}

}
