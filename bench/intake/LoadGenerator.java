import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load generator for {@code POST /v1/events} (signed Standard Webhooks).
 *
 * <p>
 * Single file, no dependencies, Java 17+: {@code java bench/intake/LoadGenerator.java
 * --url http://127.0.0.1:8080/v1/events --connections 32 --warmup 60 --seconds 30}. The
 * secret is read from the environment variable {@code BENCH_WEBHOOK_SECRET}
 * ({@code whsec_<base64>}), so it never shows in {@code ps}.
 *
 * <p>
 * Each of N platform threads runs its own loop: build a body, sign it, send it, wait for
 * the answer, repeat (closed loop; with {@code --rate} requests are instead due on a fixed
 * schedule and latency counts from when they were due). All threads share one
 * {@link HttpClient} (HTTP/1.1, so each thread's request has a keep-alive connection of
 * its own) whose selector thread also completes the responses ({@code executor
 * Runnable::run}): that costs about a third of the CPU of a client per thread with the
 * default executor, which matters when the generator shares 2 cores with the service and
 * PostgreSQL. The warm-up phase is not recorded (only its status codes are counted, for
 * the durability check); in the measurement phase every latency goes into a preallocated
 * per-thread {@code long[]} (bounded by {@code --max-requests}). Percentiles come from
 * sorting the merged array. The result is printed as {@code key=value} lines for
 * {@code run.sh}.
 *
 * <p>
 * It also measures itself: its own process CPU over the measurement phase, the machine's
 * CPU from {@code /proc/stat} and, when {@code --app-pid} is given, the CPU of the
 * service and of all {@code postgres} processes, so one can see whether the generator
 * (rather than the service) limits the result, and whether something else was running.
 */
public final class LoadGenerator {

	/** What counts as slow in the per-second timeline: the goal's 25 ms. */
	static final long SLOW = 25_000_000L;

	/** Not a status: the request failed (I/O error, timeout). */
	private static final int ERROR = 0;

	public static void main(String[] args) throws Exception {
		Map<String, String> options = parse(args);
		URI url = URI.create(options.getOrDefault("url", "http://127.0.0.1:8080/v1/events"));
		int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
		int warmupSeconds = Integer.parseInt(options.getOrDefault("warmup", "60"));
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
		long maxRequests = Long.parseLong(options.getOrDefault("max-requests", "5000000"));
		int timeoutSeconds = Integer.parseInt(options.getOrDefault("timeout", "30"));
		long appPid = Long.parseLong(options.getOrDefault("app-pid", "0"));
		boolean sharedClient = !options.getOrDefault("client", "shared").equals("per-thread");
		direct = !options.getOrDefault("executor", "direct").equals("default");
		double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
		String secret = System.getenv("BENCH_WEBHOOK_SECRET");
		if (secret == null || !secret.startsWith("whsec_")) {
			System.err.println("set BENCH_WEBHOOK_SECRET=whsec_<base64>");
			System.exit(2);
		}
		byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
		String runId = Long.toString(System.currentTimeMillis(), 36);

		long start = System.nanoTime();
		long startMillis = System.currentTimeMillis();
		long measureFrom = start + warmupSeconds * 1_000_000_000L;
		long measureUntil = measureFrom + seconds * 1_000_000_000L;
		// open loop: each connection sends on a fixed schedule, rate / connections per second
		long interval = (rate > 0) ? (long) (connections * 1e9 / rate) : 0;
		int perThread = (int) Math.min(Integer.MAX_VALUE - 8, (maxRequests + connections - 1) / connections);

		Worker[] workers = new Worker[connections];
		CountDownLatch done = new CountDownLatch(connections);
		HttpClient shared = sharedClient ? newClient() : null;
		for (int i = 0; i < connections; i++) {
			workers[i] = new Worker(i, (shared != null) ? shared : newClient(), url, key, runId, perThread,
					measureFrom, measureUntil, Duration.ofSeconds(timeoutSeconds), done, start,
					i * interval / connections, interval);
		}
		for (Worker worker : workers) {
			Thread thread = new Thread(worker, "load-" + worker.index);
			thread.setDaemon(true);
			thread.start();
		}
		System.err.printf(Locale.ROOT, "generator: %d connections, %s, warm-up %d s, measurement %d s, %s%n",
				connections, (rate > 0) ? "open loop at " + rate + " requests/s" : "closed loop", warmupSeconds,
				seconds, url);

		// sample CPU at the phase boundary (the warm-up is not measured)
		sleepUntil(measureFrom);
		Cpu before = Cpu.sample(appPid);
		System.err.println("generator: measurement starts");
		sleepUntil(measureUntil);
		Cpu after = Cpu.sample(appPid);
		System.err.println("generator: measurement ends, finishing the requests in flight");
		// every worker finishes the request it has in flight; bounded by the request
		// timeout
		done.await();
		long finished = System.nanoTime();

		long[] all = new long[Arrays.stream(workers).mapToInt(w -> w.recorded).sum()];
		int[] warmupStatus = new int[600];
		int[] measureStatus = new int[600];
		int offset = 0;
		long lastEnd = measureUntil;
		int[] slow = new int[workers[0].slow.length];
		boolean capped = false;
		for (Worker worker : workers) {
			System.arraycopy(worker.latencies, 0, all, offset, worker.recorded);
			offset += worker.recorded;
			for (int s = 0; s < 600; s++) {
				warmupStatus[s] += worker.warmupStatus[s];
				measureStatus[s] += worker.measureStatus[s];
			}
			lastEnd = Math.max(lastEnd, worker.lastEnd);
			for (int t = 0; t < slow.length; t++) {
				slow[t] += worker.slow[t];
			}
			capped |= worker.capped;
		}
		Arrays.sort(all);
		double window = (lastEnd - measureFrom) / 1e9;
		long measured202 = measureStatus[202];
		long measuredOk = count(measureStatus, 200, 299);
		long measuredErrors = all.length - measuredOk;

		Map<String, Object> out = new LinkedHashMap<>();
		out.put("connections", connections);
		out.put("mode", (rate > 0) ? "open" : "closed");
		out.put("rate", (rate > 0) ? String.format(Locale.ROOT, "%.1f", rate) : "max");
		out.put("measure_start_epoch_ms", startMillis + warmupSeconds * 1000L);
		out.put("measure_end_epoch_ms", startMillis + (warmupSeconds + seconds) * 1000L);
		out.put("warmup_seconds", warmupSeconds);
		out.put("measure_seconds", String.format(Locale.ROOT, "%.3f", window));
		out.put("requests", all.length);
		out.put("acks", measured202);
		out.put("acks_per_second", String.format(Locale.ROOT, "%.1f", measured202 / window));
		out.put("errors", measuredErrors);
		out.put("io_errors", measureStatus[ERROR]);
		out.put("status_measure", statuses(measureStatus));
		out.put("status_warmup", statuses(warmupStatus));
		out.put("warmup_202", warmupStatus[202]);
		out.put("total_202", warmupStatus[202] + measured202);
		out.put("total_requests", count(warmupStatus, 0, 599) + all.length);
		out.put("capped", capped);
		out.put("latency_min_ms", ms(all.length > 0 ? all[0] : 0));
		out.put("latency_mean_ms", ms(all.length > 0 ? (long) Arrays.stream(all).average().orElse(0) : 0));
		out.put("latency_p50_ms", ms(percentile(all, 50)));
		out.put("latency_p90_ms", ms(percentile(all, 90)));
		out.put("latency_p99_ms", ms(percentile(all, 99)));
		out.put("latency_p999_ms", ms(percentile(all, 99.9)));
		out.put("latency_max_ms", ms(all.length > 0 ? all[all.length - 1] : 0));
		// clustered counts mean stalls (GC, checkpoints, neighbours); an even spread means
		// queueing
		out.put("slow_per_second", Arrays.stream(slow).mapToObj(Integer::toString).collect(Collectors.joining(",")));
		double wall = (after.wallNanos - before.wallNanos) / 1e9;
		out.put("gen_java", System.getProperty("java.vm.name") + " " + Runtime.version());
		out.put("gen_cpu_cores", cores(after.selfNanos - before.selfNanos, wall));
		out.put("gen_cpu_us_per_request",
				String.format(Locale.ROOT, "%.1f", (after.selfNanos - before.selfNanos) / 1e3 / Math.max(1, all.length)));
		int cpus = Runtime.getRuntime().availableProcessors();
		double busyPercent = after.busyPercentSince(before);
		out.put("machine_cpus", cpus);
		out.put("machine_cpu_busy_pct", String.format(Locale.ROOT, "%.1f", busyPercent));
		if (appPid > 0) {
			long gen = after.selfNanos - before.selfNanos;
			long app = after.appNanos - before.appNanos;
			long postgres = after.postgresNanos - before.postgresNanos;
			out.put("app_cpu_cores", cores(app, wall));
			out.put("app_cpu_us_per_request",
					String.format(Locale.ROOT, "%.1f", app / 1e3 / Math.max(1, all.length)));
			out.put("postgres_cpu_cores", cores(postgres, wall));
			out.put("postgres_cpu_us_per_request",
					String.format(Locale.ROOT, "%.1f", postgres / 1e3 / Math.max(1, all.length)));
			// whatever else ran (kernel work not charged to a process, other programs)
			out.put("other_cpu_cores", String.format(Locale.ROOT, "%.2f",
					busyPercent / 100 * cpus - (gen + app + postgres) / 1e9 / wall));
		}
		out.put("elapsed_seconds", String.format(Locale.ROOT, "%.1f", (finished - start) / 1e9));
		out.forEach((k, v) -> System.out.println(k + "=" + v));
	}

	/**
	 * One connection's loop: closed (send, wait for the answer, send the next) or, with an
	 * interval, open: requests are due on a fixed schedule and latency is counted from when
	 * a request was due, so a slow answer that delays the next ones is charged to them too
	 * (no coordinated omission).
	 */
	static final class Worker implements Runnable {

		final int index;

		final long[] latencies;

		final int[] warmupStatus = new int[600];

		final int[] measureStatus = new int[600];

		/** Per second of the measurement: requests slower than {@link #SLOW}. */
		final int[] slow;

		int recorded;

		long lastEnd;

		boolean capped;

		private final URI url;

		private final Mac mac;

		private final String idPrefix;

		private final long measureFrom;

		private final long measureUntil;

		private final Duration timeout;

		private final CountDownLatch done;

		private final HttpClient client;

		/** Open loop: the time between two requests of this connection (0: closed loop). */
		private final long interval;

		/** Open loop: where in the interval this connection's requests fall. */
		private final long offset;

		/** Open loop: when the next request is due. */
		private long next;

		Worker(int index, HttpClient client, URI url, byte[] key, String runId, int capacity, long measureFrom,
				long measureUntil, Duration timeout, CountDownLatch done, long start, long offset, long interval)
				throws Exception {
			this.offset = offset;
			this.next = start + offset;
			this.interval = interval;
			this.index = index;
			this.url = url;
			this.latencies = new long[capacity];
			this.slow = new int[(int) ((measureUntil - measureFrom) / 1_000_000_000L) + 1];
			// touch the array so its pages are not faulted in during the measurement
			Arrays.fill(this.latencies, 0L);
			this.mac = Mac.getInstance("HmacSHA256");
			this.mac.init(new SecretKeySpec(key, "HmacSHA256"));
			this.idPrefix = "msg_bench_" + runId + "_" + index + "_";
			this.measureFrom = measureFrom;
			this.measureUntil = measureUntil;
			this.timeout = timeout;
			this.done = done;
			this.client = client;
		}

		@Override
		public void run() {
			try {
				loop();
			}
			finally {
				this.done.countDown();
			}
		}

		private void loop() {
			long seq = 0;
			while (true) {
				long begin;
				if (this.interval > 0) {
					begin = this.next;
					this.next += this.interval;
					if (begin < this.measureFrom && System.nanoTime() >= this.measureFrom) {
						// a backlog left by the warm-up (a cold service) is not carried into
						// the measurement: its schedule starts afresh
						begin = this.measureFrom + this.offset;
						this.next = begin + this.interval;
					}
					long wait;
					while ((wait = begin - System.nanoTime()) > 0) {
						LockSupport.parkNanos(wait);
					}
				}
				else {
					begin = System.nanoTime();
				}
				if (begin >= this.measureUntil) {
					return;
				}
				boolean measuring = begin >= this.measureFrom;
				if (measuring && this.recorded == this.latencies.length) {
					this.capped = true;
					return;
				}
				HttpRequest request = request(seq++);
				int status = send(request);
				long end = System.nanoTime();
				// a request counts in the phase it was started in
				if (measuring) {
					this.latencies[this.recorded++] = end - begin;
					if (end - begin > SLOW) {
						this.slow[(int) Math.min(this.slow.length - 1, (begin - this.measureFrom) / 1_000_000_000L)]++;
					}
					this.measureStatus[status]++;
					this.lastEnd = end;
				}
				else {
					this.warmupStatus[status]++;
				}
			}
		}

		private int send(HttpRequest request) {
			try {
				HttpResponse<Void> response = this.client.send(request, HttpResponse.BodyHandlers.discarding());
				int status = response.statusCode();
				return (status > 0 && status < 600) ? status : ERROR;
			}
			catch (HttpTimeoutException ex) {
				return ERROR;
			}
			catch (IOException ex) {
				return ERROR;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return ERROR;
			}
		}

		private HttpRequest request(long seq) {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			int n = random.nextInt(1, 1_000_001);
			String type = random.nextBoolean() ? "service.create" : "service.suspend";
			String body = "{\"type\":\"" + type + "\",\"timestamp\":\""
					+ Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"data\":{\"customer\":{\"id\":\"c" + n
					+ "\",\"email\":\"c" + n + "@example.com\",\"name\":\"Customer " + n + "\"},\"service\":{\"id\":\"s"
					+ n + "\",\"packageId\":1,\"hypervisorGroupId\":1,\"osTemplateId\":1,\"hostname\":\"s" + n
					+ ".example.com\"}}}";
			String id = this.idPrefix + seq;
			String timestamp = Long.toString(System.currentTimeMillis() / 1000);
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			this.mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			String signature = "v1," + Base64.getEncoder().encodeToString(this.mac.doFinal(bytes));
			return HttpRequest.newBuilder(this.url)
				.timeout(this.timeout)
				.header("Content-Type", "application/json")
				.header("webhook-id", id)
				.header("webhook-timestamp", timestamp)
				.header("webhook-signature", signature)
				.POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
				.build();
		}

	}

	/** CPU counters at one instant. */
	record Cpu(long wallNanos, long selfNanos, long appNanos, long postgresNanos, long busyTicks, long totalTicks) {

		static Cpu sample(long appPid) {
			long self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
			long app = (appPid > 0) ? processNanos(appPid) : 0;
			long postgres = (appPid > 0) ? allPostgresNanos() : 0;
			long busy = 0;
			long total = 0;
			try {
				String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
				for (int i = 1; i < fields.length && i <= 8; i++) {
					long value = Long.parseLong(fields[i]);
					total += value;
					if (i != 4 && i != 5) { // idle, iowait
						busy += value;
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				// not Linux: no machine figures
			}
			return new Cpu(System.nanoTime(), self, app, postgres, busy, total);
		}

		double busyPercentSince(Cpu before) {
			long total = this.totalTicks - before.totalTicks;
			return (total > 0) ? 100.0 * (this.busyTicks - before.busyTicks) / total : Double.NaN;
		}

		/** utime + stime of a process, from /proc/pid/stat (clock ticks of 10 ms). */
		static long processNanos(long pid) {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				// fields[0] is field 3 (state); utime is field 14, stime field 15
				return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
			}
			catch (IOException | RuntimeException ex) {
				return 0;
			}
		}

		/** The CPU of every process named postgres (the server and its backends). */
		static long allPostgresNanos() {
			long sum = 0;
			try (var dirs = Files.list(Path.of("/proc"))) {
				List<Path> pids = new ArrayList<>();
				dirs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(pids::add);
				for (Path dir : pids) {
					try {
						String stat = Files.readString(dir.resolve("stat"));
						if (stat.contains("(postgres)")) {
							sum += processNanos(Long.parseLong(dir.getFileName().toString()));
						}
					}
					catch (IOException | RuntimeException ex) {
						// gone
					}
				}
			}
			catch (IOException ex) {
				return 0;
			}
			return sum;
		}

	}

	/**
	 * An HTTP/1.1 client. With one per thread every connection has its own selector thread;
	 * a shared client multiplexes all connections on one.
	 */
	private static HttpClient newClient() {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5));
		if (direct) {
			builder.executor(Runnable::run);
		}
		return builder.build();
	}

	private static boolean direct;

	private static long count(int[] status, int from, int to) {
		long sum = 0;
		for (int s = from; s <= to; s++) {
			sum += status[s];
		}
		return sum;
	}

	private static String statuses(int[] status) {
		StringBuilder out = new StringBuilder();
		for (int s = 0; s < status.length; s++) {
			if (status[s] > 0) {
				out.append(out.isEmpty() ? "" : ",").append((s == ERROR) ? "io_error" : Integer.toString(s)).append(':')
					.append(status[s]);
			}
		}
		return out.isEmpty() ? "none" : out.toString();
	}

	private static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static String ms(long nanos) {
		return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
	}

	private static String cores(long nanos, double wallSeconds) {
		return String.format(Locale.ROOT, "%.2f", nanos / 1e9 / wallSeconds);
	}

	private static void sleepUntil(long deadline) throws InterruptedException {
		long left;
		while ((left = deadline - System.nanoTime()) > 0) {
			Thread.sleep(Math.max(1, Math.min(1000, left / 1_000_000)));
		}
	}

	private static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				System.err.println("usage: LoadGenerator --url U --connections N --warmup S --seconds S "
						+ "[--rate R] [--max-requests N] [--timeout S] [--app-pid PID] [--client shared|per-thread] "
						+ "[--executor direct|default]");
				System.exit(2);
			}
			options.put(args[i].substring(2), args[++i]);
		}
		return options;
	}

}
