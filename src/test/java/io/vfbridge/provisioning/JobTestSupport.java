package io.vfbridge.provisioning;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Enqueues scripted jobs and reads their state. */
final class JobTestSupport {

	private final JobQueue queue;

	private final TransactionTemplate transactions;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	JobTestSupport(JobQueue queue, TransactionTemplate transactions, JdbcTemplate jdbc, Clock clock) {
		this.queue = queue;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Enqueues a scripted job under the ordering key. */
	UUID enqueue(String key, long sleepMs, String... script) {
		UUID id = UUID.randomUUID();
		String payload = JsonMapper.builder()
			.build()
			.createObjectNode()
			.put("key", key)
			.put("sleepMs", sleepMs)
			.set("script", JsonMapper.builder().build().valueToTree(List.of(script)))
			.toString();
		this.transactions.executeWithoutResult((status) -> this.queue
			.enqueue(new NewJob(id, key, ScriptedHandler.TYPE, payload, null, key, null, null), this.clock.instant()));
		return id;
	}

	String status(UUID job) {
		return this.jdbc.queryForObject("select status from job where id = ?", String.class, job);
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	int attempts(UUID job) {
		return this.jdbc.queryForObject("select attempts from job where id = ?", Integer.class, job);
	}

	/** Registers the scripted handler. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		ScriptedHandler scriptedHandler() {
			return new ScriptedHandler();
		}

		@Bean
		JobTestSupport jobTestSupport(JobQueue queue, TransactionTemplate transactions, JdbcTemplate jdbc,
				Clock clock) {
			return new JobTestSupport(queue, transactions, jdbc, clock);
		}

	}

}
