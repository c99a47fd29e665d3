package io.vfbridge.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Saves a running job's checkpoint at once, in a statement of its own (committed before
 * the handler makes the call it guards), fenced like every outcome: only the worker
 * holding the lease can write.
 */
@Component
class CheckpointStore {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	CheckpointStore(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Saves the checkpoint.
	 * @throws LeaseLostException if {@code owner} no longer holds the running job
	 */
	public void save(UUID jobId, String owner, String checkpoint) {
		int saved = this.jdbc.update("""
				update job set checkpoint = ?::jsonb, updated_at = ?
				where id = ? and lease_owner = ? and status = 'running'
				""", checkpoint, Timestamp.from(this.clock.instant()), jobId, owner);
		if (saved == 0) {
			throw new LeaseLostException(jobId, owner, null);
		}
	}

}
