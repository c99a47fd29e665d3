package io.vfbridge.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.vfbridge.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Periodic work runs once per slot across instances; finished jobs are forgotten in time.
 */
@IntegrationTest
@Import(JobTestSupport.Handlers.class)
class PeriodicJobsIntegrationTests {

	@Autowired
	PeriodicJobs periodic;

	@Autowired
	JobRetention retention;

	@Autowired
	JobsProperties properties;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	@Test
	void enqueuesOneJobPerSlotHoweverManyInstancesAsk() throws Exception {
		Duration period = Duration.ofMinutes(5);
		// at a slot's start, so "a minute later" is always the same slot
		Instant now = Instant
			.ofEpochMilli(Math.floorDiv(this.clock.instant().minus(period).toEpochMilli(), period.toMillis())
					* period.toMillis());
		ExecutorService instances = Executors.newFixedThreadPool(4);
		try {
			List<Callable<UUID>> asks = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				asks.add(() -> this.periodic.enqueueForSlot(ScriptedHandler.TYPE, period, now));
			}
			List<UUID> enqueued = new ArrayList<>();
			for (Future<UUID> ask : instances.invokeAll(asks)) {
				if (ask.get() != null) {
					enqueued.add(ask.get());
				}
			}
			assertThat(enqueued).hasSize(1);
		}
		finally {
			instances.shutdownNow();
		}
		assertThat(this.periodic.enqueueForSlot(ScriptedHandler.TYPE, period, now.plusSeconds(60)))
			.as("same slot, later")
			.isNull();
		UUID next = this.periodic.enqueueForSlot(ScriptedHandler.TYPE, period, now.plus(period));
		long slotMillis = Math.floorDiv(now.plus(period).toEpochMilli(), period.toMillis()) * period.toMillis();
		assertThat(next).as("next slot").isNotNull();
		assertThat(this.jdbc.queryForObject("select count(*) from job where ordering_key = ?", Long.class,
				PeriodicJobs.orderingKey(ScriptedHandler.TYPE)))
			.isEqualTo(2);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "succeeded"
				.equals(this.jdbc.queryForObject("select status from job where id = ?", String.class, next)));
		assertThat(this.jdbc.queryForObject("select payload->>'slot' from job where id = ?", String.class, next))
			.isEqualTo(Instant.ofEpochMilli(slotMillis).toString());
	}

	@Test
	void runsAnOperatorTriggerEveryTimeItIsAsked() {
		UUID first = this.periodic.enqueueNow(ScriptedHandler.TYPE, this.clock.instant());
		UUID second = this.periodic.enqueueNow(ScriptedHandler.TYPE, this.clock.instant());
		assertThat(first).isNotEqualTo(second);
		assertThat(this.jdbc.queryForObject("select count(*) from job where id in (?, ?)", Long.class, first, second))
			.isEqualTo(2);
	}

	@Test
	void deletesOnlyOldFinishedJobsThatNoEventOrOperatorStillNeeds() {
		Instant old = this.clock.instant().minus(this.properties.retention()).minus(Duration.ofHours(1));
		UUID oldSucceeded = finishedJob("succeeded", old);
		UUID oldFailed = finishedJob("failed", old);
		UUID oldDead = finishedJob("dead", old);
		UUID oldAttention = finishedJob("needs_attention", old);
		UUID recent = finishedJob("succeeded", this.clock.instant().minus(Duration.ofHours(1)));
		UUID withEvent = finishedJob("succeeded", old);
		this.jdbc.update(
				"""
						insert into inbound_event (id, channel, idempotency_key, request_hash, type, payload, received_at, job_id,
						    submitted_by)
						values (?, 'rest', ?, '\\x00', 'service.suspend', '{}', now(), ?, 'billing')
						""",
				UUID.randomUUID(), "retention-" + UUID.randomUUID(), withEvent);

		this.retention.purge();

		assertThat(exists(oldSucceeded)).isFalse();
		assertThat(exists(oldFailed)).isFalse();
		assertThat(exists(oldDead)).as("dead waits for an operator").isTrue();
		assertThat(exists(oldAttention)).as("needs_attention waits for an operator").isTrue();
		assertThat(exists(recent)).isTrue();
		assertThat(exists(withEvent)).as("an event still points to it").isTrue();
	}

	private UUID finishedJob(String status, Instant finishedAt) {
		UUID id = UUID.randomUUID();
		Timestamp at = Timestamp.from(finishedAt);
		this.jdbc.update(
				"""
						insert into job (id, ordering_key, type, payload, status, next_run_at, created_at, updated_at, finished_at)
						values (?, ?, 'test.retention', '{}', ?, ?, ?, ?, ?)
						""",
				id, "retention:" + id, status, at, at, at, at);
		return id;
	}

	private boolean exists(UUID job) {
		return this.jdbc.queryForObject("select count(*) from job where id = ?", Long.class, job) == 1;
	}

}
