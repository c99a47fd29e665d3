package io.vfbridge.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The job queue at a glance, for operators: depth by status, throughput, oldest wait. */
@Component
public class QueueOverview {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	QueueOverview(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The queue now.
	 * @param window how far back finished jobs count towards throughput
	 */
	@Transactional(readOnly = true)
	public Summary summary(Duration window) {
		Instant now = this.clock.instant();
		Map<String, Long> byStatus = zeroes();
		this.jdbc.query("select status, count(*) from job group by status",
				(RowCallbackHandler) (rs) -> byStatus.put(rs.getString(1), rs.getLong(2)));
		Map<String, Long> finished = zeroes();
		finished.remove(JobStatus.QUEUED.value());
		finished.remove(JobStatus.RUNNING.value());
		this.jdbc.query("select status, count(*) from job where finished_at >= ? group by status",
				(RowCallbackHandler) (rs) -> finished.put(rs.getString(1), rs.getLong(2)),
				Timestamp.from(now.minus(window)));
		Timestamp oldest = this.jdbc.queryForObject(
				"select min(next_run_at) from job where status = 'queued' and next_run_at <= ?", Timestamp.class,
				Timestamp.from(now));
		Long oldestSeconds = (oldest != null) ? Duration.between(oldest.toInstant(), now).toSeconds() : null;
		return new Summary(now, byStatus, window.toSeconds(), finished, oldestSeconds);
	}

	private static Map<String, Long> zeroes() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (JobStatus status : JobStatus.values()) {
			counts.put(status.value(), 0L);
		}
		return counts;
	}

	/**
	 * The queue at one moment.
	 *
	 * @param at when it was read
	 * @param byStatus jobs per status (all of them, finished ones until retention removes
	 * them)
	 * @param windowSeconds the throughput window
	 * @param finishedInWindow jobs that reached each final status within the window
	 * @param oldestDueSeconds how long the longest-waiting due job has waited, or null
	 * when none is due
	 */
	public record Summary(Instant at, Map<String, Long> byStatus, long windowSeconds,
			Map<String, Long> finishedInWindow, Long oldestDueSeconds) {
	}

}
