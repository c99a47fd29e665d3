package io.vfbridge.provisioning;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.postgresql.PGStatement;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queue's SQL: enqueue (inside the caller's transaction), claim, heartbeat. Claiming
 * takes only jobs that have no earlier unfinished job with the same ordering key, with
 * {@code FOR UPDATE SKIP
 * LOCKED} so workers of any number of instances never take the same job.
 */
@Component
public class JobQueue {

	/** The channel workers LISTEN on; a NOTIFY wakes them at once. */
	static final String CHANNEL = "vfbridge_jobs";

	private static final String CLAIM = """
			update job set
			    status = 'running',
			    attempts = attempts + 1,
			    failures = failures + case when status = 'running' then 1 else 0 end,
			    last_error = case when status = 'running' then 'the worker running it was lost (lease expired)' else last_error end,
			    lease_owner = ?,
			    lease_expires_at = ?,
			    heartbeat_at = ?,
			    started_at = coalesce(started_at, ?),
			    updated_at = ?,
			    version = version + 1
			where id in (
			    select j.id from job j
			    where ((j.status = 'queued' and j.next_run_at <= ?) or (j.status = 'running' and j.lease_expires_at < ?))
			      and not exists (
			          select 1 from job e
			          where e.ordering_key = j.ordering_key and e.seq < j.seq and e.status in ('queued', 'running'))
			    order by j.next_run_at, j.seq
			    limit ?
			    for update skip locked)
			returning id, type, payload::text, checkpoint::text, attempts, failures, panel, service_id, customer_id, created_at,
			    trace_parent
			""";

	private static final RowMapper<ClaimedJob> CLAIMED = (rs, row) -> new ClaimedJob(rs.getObject(1, UUID.class),
			rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getString(7),
			rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(), rs.getString(11));

	private final JdbcTemplate jdbc;

	private final JobTracing tracing;

	private final JobWakeups wakeups;

	JobQueue(JdbcTemplate jdbc, JobTracing tracing, JobWakeups wakeups) {
		this.jdbc = jdbc;
		this.tracing = tracing;
		this.wakeups = wakeups;
	}

	/**
	 * Enqueues a job, due at once, and wakes the workers when the transaction commits.
	 * Must run inside the caller's transaction, so the job exists exactly when whatever
	 * caused it does.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueue(NewJob job, Instant now) {
		Timestamp at = Timestamp.from(now);
		this.jdbc.update("""
				insert into job (id, ordering_key, type, payload, status, next_run_at, panel, service_id, customer_id,
				                 parent_job_id, created_at, updated_at, trace_parent)
				values (?, ?, ?, ?::jsonb, 'queued', ?, ?, ?, ?, ?, ?, ?, ?)
				""", job.id(), job.orderingKey(), job.type(), job.payload(), at, job.panel(), job.serviceId(),
				job.customerId(), job.parentJobId(), at, at, this.tracing.currentTraceParent());
		notifyWorkers();
	}

	/**
	 * Enqueues a job unless a job with its id already exists, and wakes the workers when
	 * the caller's transaction commits. A deterministic id (derived from what the job is
	 * for) makes the enqueue idempotent across instances.
	 * @return whether this call enqueued the job
	 */
	public boolean enqueueIfAbsent(NewJob job, Instant now) {
		Timestamp at = Timestamp.from(now);
		int inserted = this.jdbc.update("""
				insert into job (id, ordering_key, type, payload, status, next_run_at, panel, service_id, customer_id,
				                 parent_job_id, created_at, updated_at, trace_parent)
				values (?, ?, ?, ?::jsonb, 'queued', ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (id) do nothing
				""", job.id(), job.orderingKey(), job.type(), job.payload(), at, job.panel(), job.serviceId(),
				job.customerId(), job.parentJobId(), at, at, this.tracing.currentTraceParent());
		if (inserted > 0) {
			notifyWorkers();
		}
		return inserted > 0;
	}

	/**
	 * Deletes succeeded and failed jobs finished before {@code cutoff} that no accepted
	 * billing event points to, at most {@code limit} of them; returns how many. Safe on
	 * every instance at once.
	 */
	int purgeFinished(Instant cutoff, int limit) {
		return this.jdbc.update(
				"""
						delete from job where id in (
						    select j.id from job j
						    where j.status in ('succeeded', 'failed') and j.finished_at < ?
						      and not exists (select 1 from inbound_event e where e.job_id = j.id)
						      and not exists (select 1 from job c where c.parent_job_id = j.id and c.status in ('queued', 'running'))
						    limit ? for update skip locked)
						""",
				Timestamp.from(cutoff), limit);
	}

	/**
	 * Enqueues a job in the same statement as the caller's own insert, and only if that
	 * insert added a row: one round trip, atomic without a surrounding transaction, and
	 * it wakes the workers once it has committed. Intake uses it to store an event and
	 * its job together (the event's {@code on conflict do nothing} is the guard that
	 * keeps a repeat from enqueueing a second job).
	 * <p>
	 * The same statement caps the queue of the job's ordering key: the guard selects its
	 * row {@code from room}, a relation of one row while the key has fewer than
	 * {@code maxUnfinished} queued or running jobs and of none once it has that many
	 * (counted on the index of unfinished jobs by key, stopping at the cap), so a full
	 * key stores nothing. Concurrent statements may each see room for the last place: the
	 * cap is a bound against abuse, not an exact count.
	 * @param guardInsert an {@code insert ... select ... from room ...} statement without
	 * {@code returning}
	 * @param guardParameters its parameters
	 * @param maxUnfinished the most queued or running jobs the key may have
	 * @return what happened
	 */
	public Insertion enqueueIfInserted(String guardInsert, Object[] guardParameters, NewJob job, Instant now,
			int maxUnfinished) {
		Timestamp at = Timestamp.from(now);
		String sql = "with room as (select 1 where (select count(*) from (select 1 from job"
				+ " where ordering_key = ? and status in ('queued', 'running') limit ?) unfinished) < ?),"
				+ " guard as (" + guardInsert + " returning 1), queued as ("
				+ "insert into job (id, ordering_key, type, payload, status, next_run_at, panel, service_id, customer_id,"
				+ " parent_job_id, created_at, updated_at, trace_parent)"
				+ " select ?, ?, ?, ?::jsonb, 'queued', ?, ?, ?, ?, ?, ?, ?, ? from guard returning id)"
				+ " select (select count(*) from queued), (select count(*) from room)";
		Object[] room = { job.orderingKey(), maxUnfinished, maxUnfinished };
		Object[] own = { job.id(), job.orderingKey(), job.type(), job.payload(), at, job.panel(), job.serviceId(),
				job.customerId(), job.parentJobId(), at, at, this.tracing.currentTraceParent() };
		Object[] parameters = new Object[room.length + guardParameters.length + own.length];
		System.arraycopy(room, 0, parameters, 0, room.length);
		System.arraycopy(guardParameters, 0, parameters, room.length, guardParameters.length);
		System.arraycopy(own, 0, parameters, room.length + guardParameters.length, own.length);
		Insertion insertion = this.jdbc.query(sql, (rs) -> {
			rs.next();
			if (rs.getLong(1) > 0) {
				return Insertion.ENQUEUED;
			}
			return (rs.getLong(2) > 0) ? Insertion.GUARD_NOT_INSERTED : Insertion.KEY_FULL;
		}, parameters);
		if (insertion == Insertion.ENQUEUED) {
			notifyWorkers();
		}
		return insertion;
	}

	/** What {@link #enqueueIfInserted} did. */
	public enum Insertion {

		/** The guard's row and the job were stored. */
		ENQUEUED,

		/** The guard inserted nothing (its conflict clause), so neither was stored. */
		GUARD_NOT_INSERTED,

		/**
		 * The job's ordering key already had its most unfinished jobs: nothing stored.
		 */
		KEY_FULL

	}

	/**
	 * Wakes the workers of every instance when the current transaction commits (or at
	 * once outside one), never with a NOTIFY inside the transaction: see
	 * {@link JobWakeups}.
	 */
	void notifyWorkers() {
		this.wakeups.afterCommit();
	}

	/**
	 * Claims up to {@code limit} due jobs for {@code owner}, leased until
	 * {@code leaseUntil}.
	 * <p>
	 * The statement is planned for its actual values every time, never server-prepared:
	 * after five runs PostgreSQL may switch a prepared statement to a generic plan, and
	 * for this one (a time bound and a limit as parameters) that plan took 100-400 ms per
	 * claim against under 1 ms, once a thousand jobs were queued, leaving workers idle.
	 */
	List<ClaimedJob> claim(String owner, int limit, Instant now, Instant leaseUntil) {
		Timestamp at = Timestamp.from(now);
		ArgumentPreparedStatementSetter parameters = new ArgumentPreparedStatementSetter(
				new Object[] { owner, Timestamp.from(leaseUntil), at, at, at, at, at, limit });
		return this.jdbc.query(CLAIM, (statement) -> {
			statement.unwrap(PGStatement.class).setPrepareThreshold(0);
			parameters.setValues(statement);
		}, CLAIMED);
	}

	/** Extends the leases {@code owner} still holds; returns how many it still holds. */
	int heartbeat(String owner, Collection<UUID> jobs, Instant now, Instant leaseUntil) {
		if (jobs.isEmpty()) {
			return 0;
		}
		return this.jdbc.update("""
				update job set lease_expires_at = ?, heartbeat_at = ?
				where lease_owner = ? and status = 'running' and id = any(?)
				""", Timestamp.from(leaseUntil), Timestamp.from(now), owner, jobs.toArray(UUID[]::new));
	}

	/**
	 * Enqueues many jobs, due at once, in batches, and wakes the workers when the
	 * caller's transaction commits. Must run inside the caller's transaction (a bulk
	 * import stores its rows' jobs with its own, all or none).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueueAll(List<NewJob> jobs, Instant now) {
		Timestamp at = Timestamp.from(now);
		this.jdbc.batchUpdate("""
				insert into job (id, ordering_key, type, payload, status, next_run_at, panel, service_id, customer_id,
				                 parent_job_id, created_at, updated_at)
				values (?, ?, ?, ?::jsonb, 'queued', ?, ?, ?, ?, ?, ?, ?)
				""", jobs, 500, (statement, job) -> {
			Object[] values = { job.id(), job.orderingKey(), job.type(), job.payload(), at, job.panel(),
					job.serviceId(), job.customerId(), job.parentJobId(), at, at };
			for (int i = 0; i < values.length; i++) {
				statement.setObject(i + 1, values[i]);
			}
		});
		notifyWorkers();
	}

}
