package io.vfbridge.ops;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vfbridge.virtfusion.VirtFusionCall;
import io.vfbridge.virtfusion.VirtFusionCallListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The audit of VirtFusion calls. The calling thread only takes a note (the job's
 * operation and service from the logging context, the raw bodies) and queues it; one
 * background thread redacts, truncates and writes the notes in batches. A full buffer
 * drops a note (counted in {@code vfbridge.audit.dropped}) rather than slow a job. On a
 * normal shutdown the buffer is written out after the job engine has stopped.
 */
@Component
class VirtFusionCallAudit implements VirtFusionCallListener, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(VirtFusionCallAudit.class);

	private static final int DELETE_BATCH = 5_000;

	private static final String INSERT = """
			insert into virtfusion_call_audit (called_at, panel, operation, method, path, status, outcome,
			    duration_ms, attempt, operation_id, service_id, request_body, response_body)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private final JdbcTemplate jdbc;

	private final OpsProperties.Audit properties;

	private final Clock clock;

	private final BlockingQueue<Note> buffer;

	private final Counter dropped;

	private volatile boolean running;

	private Thread writer;

	VirtFusionCallAudit(JdbcTemplate jdbc, OpsProperties properties, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.properties = properties.audit();
		this.clock = clock;
		this.buffer = new ArrayBlockingQueue<>(this.properties.bufferSize());
		this.dropped = Counter.builder(Metrics.AUDIT_DROPPED)
			.description("Audit records of VirtFusion calls dropped: buffer full or database away")
			.register(meters);
	}

	@Override
	public void called(VirtFusionCall call) {
		if (!this.properties.enabled()) {
			return;
		}
		if (!this.buffer.offer(new Note(call, MDC.get("operationId"), MDC.get("serviceId")))) {
			this.dropped.increment();
		}
	}

	/** Writes everything buffered now; returns how many calls were written. */
	int flush() {
		int written = 0;
		List<Note> batch = new ArrayList<>();
		while (this.buffer.drainTo(batch, this.properties.batchSize()) > 0) {
			write(batch);
			written += batch.size();
			batch.clear();
		}
		return written;
	}

	private void write(List<Note> batch) {
		int limit = this.properties.maxBodyChars();
		try {
			this.jdbc.batchUpdate(INSERT, batch, batch.size(), (statement, note) -> {
				VirtFusionCall call = note.call();
				statement.setTimestamp(1, Timestamp.from(call.startedAt()));
				statement.setString(2, call.panel());
				statement.setString(3, call.operation().clientMethod());
				statement.setString(4, call.operation().method().name());
				statement.setString(5, call.path());
				statement.setInt(6, call.status());
				statement.setString(7, call.outcome());
				statement.setInt(8, (int) Math.min(Integer.MAX_VALUE, call.duration().toMillis()));
				statement.setInt(9, call.attempt());
				UUID operation = uuid(note.operationId());
				if (operation != null) {
					statement.setObject(10, operation);
				}
				else {
					statement.setNull(10, Types.OTHER);
				}
				statement.setString(11, note.serviceId());
				statement.setString(12, call.redactedRequestBody(limit));
				statement.setString(13, call.redactedResponseBody(limit));
			});
		}
		catch (RuntimeException ex) {
			// the database is away: these notes are lost, the jobs are not held up
			log.warn("Could not write {} audit records of VirtFusion calls: {}", batch.size(), ex.getMessage());
			this.dropped.increment(batch.size());
		}
	}

	private static UUID uuid(String value) {
		if (value == null) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Deletes calls older than the retention, in batches; returns how many. */
	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
	int purge() {
		Timestamp cutoff = Timestamp.from(this.clock.instant().minus(this.properties.retention()));
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.update("""
					delete from virtfusion_call_audit where id in (
					    select id from virtfusion_call_audit where called_at < ? limit ? for update skip locked)
					""", cutoff, DELETE_BATCH);
			total += deleted;
		}
		while (deleted == DELETE_BATCH);
		if (total > 0) {
			log.info("Deleted {} audit records of VirtFusion calls older than {}", total, this.properties.retention());
		}
		return total;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.writer = new Thread(this::writeLoop, "vfbridge-audit-writer");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		// no interrupt: it could break a batch the writer is sending; it notices within
		// its poll
		this.running = false;
		try {
			this.writer.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// whatever the writer had not taken yet
		flush();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops after the job engine (a lower phase stops later), so the calls of its last
	 * jobs are written.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	private void writeLoop() {
		List<Note> batch = new ArrayList<>();
		while (this.running) {
			try {
				Note first = this.buffer.poll(500, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.buffer.drainTo(batch, this.properties.batchSize() - 1);
				write(batch);
				batch.clear();
			}
			catch (InterruptedException ex) {
				if (!batch.isEmpty()) {
					write(batch);
				}
				return;
			}
		}
	}

	/** A call and the job it belongs to. */
	private record Note(VirtFusionCall call, String operationId, String serviceId) {
	}

}
