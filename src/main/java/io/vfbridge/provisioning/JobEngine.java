package io.vfbridge.provisioning;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.vfbridge.virtfusion.VirtFusionApiException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Runs queued jobs: a dispatcher claims due jobs for free worker threads, a heartbeat
 * extends the leases of running jobs, and the dispatcher is woken when a job becomes
 * claimable: in memory when this instance enqueued or finished it ({@link JobWakeups}),
 * by a listener (LISTEN) when another instance did, with polling as the fallback. A
 * graceful stop claims nothing more, waits for running jobs and hands back those that do
 * not finish in time. Any number of instances may share one database.
 */
@Component
class JobEngine implements SmartLifecycle, JobWorkers {

	private static final Logger log = LoggerFactory.getLogger(JobEngine.class);

	private static final Duration LOCAL_REFUSAL_WAIT = Duration.ofSeconds(2);

	private final JobsProperties properties;

	private final JobQueue queue;

	private final JobCompletion completion;

	private final CheckpointStore checkpoints;

	private final Map<String, JobHandler> handlers;

	private final DataSource dataSource;

	private final JsonMapper json;

	private final Clock clock;

	private final JobTracing tracing;

	private final String owner;

	private final Map<UUID, ClaimedJob> inFlight = new ConcurrentHashMap<>();

	private final Semaphore wake = new Semaphore(0);

	private final JobWakeups wakeups;

	private final Runnable wakeUp = this::wakeUp;

	private volatile boolean running;

	private volatile boolean listening;

	/**
	 * Set when a graceful stop gives up waiting: jobs interrupted from then on are handed
	 * back, not counted as failed.
	 */
	private volatile boolean handingBack;

	private ExecutorService workers;

	private ScheduledExecutorService heartbeat;

	private Thread dispatcher;

	private Thread listener;

	JobEngine(JobsProperties properties, JobQueue queue, JobCompletion completion, CheckpointStore checkpoints,
			List<JobHandler> handlers, DataSource dataSource, JsonMapper json, Clock clock, JobTracing tracing,
			JobWakeups wakeups) {
		this.properties = properties;
		this.wakeups = wakeups;
		this.queue = queue;
		this.completion = completion;
		this.checkpoints = checkpoints;
		this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
		this.dataSource = dataSource;
		this.json = json;
		this.clock = clock;
		this.tracing = tracing;
		this.owner = ownerName();
	}

	private static String ownerName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			host = "unknown-host";
		}
		return host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
	}

	/** The name this instance's leases carry. */
	String owner() {
		return this.owner;
	}

	@Override
	public int inFlight() {
		return this.inFlight.size();
	}

	@Override
	public boolean isEnabled() {
		return this.properties.enabled();
	}

	@Override
	public boolean isDispatching() {
		Thread current = this.dispatcher;
		return this.running && current != null && current.isAlive();
	}

	/**
	 * Wakes the dispatcher of this instance ({@link JobWakeups} calls it in memory; other
	 * instances are woken through NOTIFY).
	 */
	void wakeUp() {
		this.wake.release();
	}

	/** Whether NOTIFYs of other instances reach this engine now. */
	boolean isListening() {
		return this.running && this.listening;
	}

	@Override
	public boolean isAutoStartup() {
		return this.properties.enabled();
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		AtomicInteger number = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(this.properties.workers(),
				(task) -> daemon(task, "vfbridge-job-" + number.incrementAndGet()));
		this.heartbeat = Executors.newSingleThreadScheduledExecutor((task) -> daemon(task, "vfbridge-job-heartbeat"));
		long every = this.properties.heartbeatInterval().toMillis();
		this.heartbeat.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
		this.dispatcher = daemon(this::dispatch, "vfbridge-job-dispatcher");
		this.listener = daemon(this::listen, "vfbridge-job-listener");
		this.dispatcher.start();
		this.listener.start();
		this.wakeups.register(this.wakeUp);
		log.info("Job engine started: {} workers, owner {}, handlers {}", this.properties.workers(), this.owner,
				this.handlers.keySet());
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.wakeups.unregister(this.wakeUp);
		this.wake.release();
		join(this.dispatcher);
		this.listener.interrupt();
		this.listening = false;
		this.workers.shutdown();
		try {
			if (!this.workers.awaitTermination(this.properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("{} jobs still running after {}; interrupting them and handing them back",
						this.inFlight.size(), this.properties.shutdownTimeout());
				this.handingBack = true;
				this.workers.shutdownNow();
				this.workers.awaitTermination(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (ClaimedJob job : this.inFlight.values()) {
			handBack(job);
		}
		this.heartbeat.shutdownNow();
		this.handingBack = false;
		log.info("Job engine stopped");
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void dispatch() {
		while (this.running) {
			// wake-ups so far are answered by the claim below; one arriving during it
			// keeps its permit, so
			// the wait after it returns at once (draining after the wait would lose it
			// and idle a worker)
			this.wake.drainPermits();
			int free = this.properties.workers() - this.inFlight.size();
			int claimed = 0;
			if (free > 0) {
				try {
					Instant now = this.clock.instant();
					List<ClaimedJob> jobs = this.queue.claim(this.owner, free, now,
							now.plus(this.properties.leaseDuration()));
					for (ClaimedJob job : jobs) {
						this.inFlight.put(job.id(), job);
						this.workers.execute(() -> run(job));
					}
					claimed = jobs.size();
				}
				catch (DataAccessException ex) {
					log.warn("Could not claim jobs: {}", ex.getMostSpecificCause().getMessage());
				}
				catch (java.util.concurrent.RejectedExecutionException ex) {
					return;
				}
			}
			if (claimed == 0 || claimed < free) {
				try {
					this.wake.tryAcquire(this.properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void run(ClaimedJob job) {
		// correlation fields of every line this job logs; named so that they clash with
		// no
		// field of the structured log formats (ECS has "service" and "event" objects)
		MDC.put("operationId", job.id().toString());
		MDC.put("jobType", job.type());
		putIfPresent("serviceId", job.serviceId());
		putIfPresent("customerId", job.customerId());
		putIfPresent("panel", job.panel());
		try {
			// the run continues the trace of whatever enqueued the job (its MDC carries
			// traceId and spanId)
			this.tracing.inSpan(job, () -> runAndComplete(job));
		}
		finally {
			this.inFlight.remove(job.id());
			this.wake.release();
			MDC.clear();
		}
	}

	private void runAndComplete(ClaimedJob job) {
		long started = System.nanoTime();
		JobOutcome outcome = attempt(job);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		JobStatus status = null;
		if (this.handingBack && !(outcome instanceof JobOutcome.Succeeded)) {
			// interrupted by a stop: another instance takes it over at once, with no
			// attempt used up (handlers are idempotent, so running it again is safe)
			handBack(job);
			return;
		}
		try {
			status = this.completion.complete(job, this.owner, outcome);
		}
		catch (LeaseLostException | OptimisticLockingFailureException ex) {
			log.warn("Discarding the outcome of job {}: its lease was lost ({})", job.id(), ex.getMessage());
		}
		catch (DataAccessException ex) {
			log.error("Could not record the outcome of job {}; it will run again after its lease expires", job.id(),
					ex);
		}
		log.info("Job {} ({}) attempt {}: {} in {} ms", job.id(), job.type(), job.attempts(), JobRan.nameOf(outcome),
				took.toMillis());
		this.completion.ran(new JobRan(job.type(), JobRan.nameOf(outcome), status, job.attempts(), took));
	}

	private void handBack(ClaimedJob job) {
		try {
			this.completion.release(job, this.owner);
		}
		catch (RuntimeException ex) {
			log.warn("Could not hand back job {}; it will be taken over when its lease expires", job.id(), ex);
		}
	}

	private JobOutcome attempt(ClaimedJob job) {
		JobHandler handler = this.handlers.get(job.type());
		if (handler == null) {
			return new JobOutcome.Failed("no handler for job type " + job.type());
		}
		try {
			JobOutcome outcome = handler.handle(new JobContext(job, this.json, this.checkpoints, this.owner));
			return (outcome != null) ? outcome : new JobOutcome.Failed("the handler returned no outcome");
		}
		catch (JobOutcomeException ex) {
			return ex.outcome();
		}
		catch (IllegalArgumentException ex) {
			// an unknown panel or a value VirtFusion cannot take: retrying will not
			// change it
			return new JobOutcome.Failed(ex.getMessage());
		}
		catch (VirtFusionApiException ex) {
			if (ex.isRefusedLocally()) {
				// VirtFusion is being spared (circuit open) or rationed: an outage must
				// not use up the job's
				// retry budget, only its maximum age
				return new JobOutcome.Waiting(ex.getMessage(), LOCAL_REFUSAL_WAIT);
			}
			return ex.isRetryable() ? new JobOutcome.RetryLater(ex.getMessage(), ex.retryAfter().orElse(null))
					: new JobOutcome.Failed(ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new JobOutcome.RetryLater("interrupted by shutdown", null);
		}
		catch (Exception ex) {
			log.warn("Job {} ({}) failed unexpectedly", job.id(), job.type(), ex);
			return new JobOutcome.RetryLater(ex.getClass().getSimpleName() + ": " + ex.getMessage(), null);
		}
	}

	private void heartbeat() {
		try {
			Instant now = this.clock.instant();
			this.queue.heartbeat(this.owner, this.inFlight.keySet(), now, now.plus(this.properties.leaseDuration()));
		}
		catch (RuntimeException ex) {
			log.warn("Could not extend job leases: {}", ex.getMessage());
		}
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + JobQueue.CHANNEL);
				}
				this.listening = true;
				PGConnection postgres = connection.unwrap(PGConnection.class);
				while (this.running && !Thread.currentThread().isInterrupted()) {
					PGNotification[] notifications = postgres
						.getNotifications((int) this.properties.pollInterval().toMillis());
					if (notifications != null && fromAnotherInstance(notifications)) {
						this.wake.release();
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				this.listening = false;
				if (this.running) {
					log.debug("Job listener lost its connection: {}", ex.getMessage());
					sleep(this.properties.pollInterval());
				}
			}
		}
	}

	/** Whether a notification came from another instance (this one woke itself). */
	private boolean fromAnotherInstance(PGNotification[] notifications) {
		for (PGNotification notification : notifications) {
			if (!this.wakeups.id().equals(notification.getParameter())) {
				return true;
			}
		}
		return false;
	}

	private static void putIfPresent(String key, String value) {
		if (value != null) {
			MDC.put(key, value);
		}
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	private static void join(Thread thread) {
		try {
			thread.join(Duration.ofSeconds(10).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
