package io.vfbridge.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.vfbridge.provisioning.JobStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Job counts by status and the age of the oldest queued job, read with two queries and
 * reused for {@code vfbridge.ops.metrics.queue-cache-ttl}, so scrapes and health checks
 * do not load the database.
 */
@Component
class QueueStatistics {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration ttl;

	private volatile Snapshot cached;

	QueueStatistics(JdbcTemplate jdbc, Clock clock, OpsProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.ttl = properties.metrics().queueCacheTtl();
	}

	/**
	 * The latest snapshot, read again when older than the TTL.
	 * @throws org.springframework.dao.DataAccessException if the database cannot be read
	 */
	Snapshot snapshot() {
		Instant now = this.clock.instant();
		Snapshot current = this.cached;
		if (current != null && current.takenAt().plus(this.ttl).isAfter(now)) {
			return current;
		}
		synchronized (this) {
			current = this.cached;
			if (current != null && current.takenAt().plus(this.ttl).isAfter(now)) {
				return current;
			}
			Map<JobStatus, Long> counts = new HashMap<>();
			for (JobStatus status : JobStatus.values()) {
				counts.put(status, 0L);
			}
			RowCallbackHandler count = (row) -> counts.put(JobStatus.of(row.getString(1)), row.getLong(2));
			this.jdbc.query("select status, count(*) from job group by status", count);
			Timestamp oldest = this.jdbc.queryForObject("select min(created_at) from job where status = 'queued'",
					Timestamp.class);
			Duration age = (oldest != null) ? Duration.between(oldest.toInstant(), now) : Duration.ZERO;
			this.cached = new Snapshot(Map.copyOf(counts), age.isNegative() ? Duration.ZERO : age, now);
			return this.cached;
		}
	}

	/** Forgets the cached snapshot (tests, and after an operator action). */
	void refresh() {
		this.cached = null;
	}

	/**
	 * Job counts at one moment.
	 *
	 * @param counts jobs by status (every status present)
	 * @param oldestQueuedAge how long the oldest queued job has waited, zero when none
	 * @param takenAt when it was read
	 */
	record Snapshot(Map<JobStatus, Long> counts, Duration oldestQueuedAge, Instant takenAt) {

		long count(JobStatus status) {
			return this.counts.getOrDefault(status, 0L);
		}

	}

}
