package io.vfbridge.provisioning;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes the workers when a job becomes claimable (enqueued, finished, sent round again):
 * the dispatchers of this instance at once, in memory, and those of other instances with
 * a {@code NOTIFY} on {@link JobQueue#CHANNEL}.
 * <p>
 * The {@code NOTIFY} is never part of the transaction that stored the job: PostgreSQL
 * takes a database-wide lock when a notifying transaction commits, so a {@code NOTIFY} in
 * every intake transaction would make all intake commits wait for one another. The
 * wake-up is signalled after the commit instead, and one sender thread turns any number
 * of signals into at most one {@code NOTIFY} per {@code vfbridge.jobs.notify-coalesce},
 * each in a statement of its own on an autocommit connection. A lost {@code NOTIFY} (the
 * sender could not reach the database) costs other instances at most their poll interval.
 * The NOTIFY carries this instance's {@link #id()}, so that its own listener, whose
 * dispatchers were woken already, can ignore it.
 */
@Component
class JobWakeups implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobWakeups.class);

	private final DataSource dataSource;

	private final Duration coalesce;

	private final String id = UUID.randomUUID().toString();

	private final List<Runnable> dispatchers = new CopyOnWriteArrayList<>();

	/** One permit while a NOTIFY is owed to the other instances. */
	private final Semaphore owed = new Semaphore(0);

	private volatile boolean running;

	private Thread sender;

	JobWakeups(DataSource dataSource, JobsProperties properties) {
		this.dataSource = dataSource;
		this.coalesce = properties.notifyCoalesce();
	}

	/**
	 * Wakes the workers once the current transaction commits (nothing if it rolls back),
	 * or at once when no transaction is active (the statement that stored the job has
	 * then already committed).
	 */
	void afterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					now();
				}
			});
		}
		else {
			now();
		}
	}

	/** Wakes this instance's dispatchers and owes the other instances a NOTIFY. */
	void now() {
		for (Runnable dispatcher : this.dispatchers) {
			dispatcher.run();
		}
		if (this.owed.availablePermits() == 0) {
			this.owed.release();
		}
	}

	/** The payload of this instance's NOTIFYs. */
	String id() {
		return this.id;
	}

	/** Adds a dispatcher of this instance to wake in memory. */
	void register(Runnable dispatcher) {
		this.dispatchers.add(dispatcher);
	}

	/** Removes a dispatcher added with {@link #register}. */
	void unregister(Runnable dispatcher) {
		this.dispatchers.remove(dispatcher);
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.sender = new Thread(this::send, "vfbridge-job-notifier");
		this.sender.setDaemon(true);
		this.sender.start();
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.owed.release();
		try {
			this.sender.join(Duration.ofSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Starts before and stops after the web server and the job engine, so that every job
	 * they store is announced.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private void send() {
		while (this.running) {
			try {
				if (!this.owed.tryAcquire(1, TimeUnit.SECONDS)) {
					continue;
				}
				this.owed.drainPermits();
				notifyOtherInstances();
				// signals arriving from now on are answered by one NOTIFY after the pause
				Thread.sleep(this.coalesce.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		if (this.owed.tryAcquire()) {
			notifyOtherInstances();
		}
	}

	private void notifyOtherInstances() {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			try (PreparedStatement statement = connection.prepareStatement("select pg_notify(?, ?)")) {
				statement.setString(1, JobQueue.CHANNEL);
				statement.setString(2, this.id);
				statement.execute();
			}
		}
		catch (SQLException | RuntimeException ex) {
			// the other instances poll: they find the job within their poll interval
			log.debug("Could not notify the other instances of a claimable job: {}", ex.getMessage());
		}
	}

}
