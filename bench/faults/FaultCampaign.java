import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fault campaign (bench/faults/run.sh): real processes on loopback, one scenario at a
 * time, each a workload of signed billing events under one fault, then an audit of what
 * billing sent against the simulator's state and vfbridge's operations.
 *
 * <p>
 * Processes: the standalone simulator (kept for the whole campaign, reset before each
 * scenario), a loopback TCP proxy in front of it (this program; closing it makes
 * VirtFusion "down": connections refused), and per scenario one or two vfbridge jars on a
 * fresh database of the PostgreSQL at 127.0.0.1:5432 (dropped at the end). Everything
 * started is stopped on any exit; every wait is bounded.
 *
 * <p>
 * Run with {@code java bench/faults/FaultCampaign.java [scenario...]} from the repository
 * root; see bench/faults/README.md.
 */
public class FaultCampaign {

	static final String MODE = env("MODE", "ci");

	static final boolean FULL = MODE.equals("full");

	static final int PORT_BASE = Integer.parseInt(env("PORT_BASE", "26000"));

	static final int SIM_PORT = PORT_BASE + 90;

	static final int PROXY_PORT = PORT_BASE + 91;

	static final int APP_PORT = PORT_BASE + 80;

	static final int APP2_PORT = PORT_BASE + 81;

	/** Services per scenario. */
	static final int SERVICES = Integer.parseInt(env("SERVICES", FULL ? "150" : "40"));

	/** How long a timed fault lasts. */
	static final int FAULT_SECONDS = Integer.parseInt(env("FAULT_SECONDS", FULL ? "30" : "10"));

	/** How long VirtFusion stays down in the "down" scenario. */
	static final int DOWN_SECONDS = Integer.parseInt(env("DOWN_SECONDS", FULL ? "60" : "15"));

	static final int DRAIN_TIMEOUT_SECONDS = Integer.parseInt(env("DRAIN_TIMEOUT_SECONDS", FULL ? "600" : "180"));

	static final String JAVA = env("JAVA_HOME", "").isEmpty() ? "java" : env("JAVA_HOME", "") + "/bin/java";

	static final String JAR = Path.of(env("JAR", "target/vfbridge.jar")).toAbsolutePath().toString();

	static final Path OUT = Path.of(env("OUT_DIR", "bench/faults/out/"
			+ DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())));

	static final List<String> ALL = List.of("baseline", "duplicates", "lost-responses", "rate-limit", "errors-5xx", "slow",
			"down", "kill-9", "two-instances", "postgres-restart", "import");

	/** How long a vfbridge may take to become ready (a loaded machine starts slowly). */
	static final int READY_TIMEOUT_SECONDS = Integer.parseInt(env("READY_TIMEOUT_SECONDS", "180"));

	/** Rows of the bulk import in the "import" scenario. */
	static final int IMPORT_ROWS = Integer.parseInt(env("IMPORT_ROWS", "500"));

	/** The operator key the "import" scenario uploads with (only its SHA-256 goes to vfbridge). */
	static final String OPERATOR_KEY = "op-" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static final List<Process> PROCESSES = new CopyOnWriteArrayList<>();

	static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();

	static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(randomBytes(32));

	public static void main(String[] args) throws Exception {
		Files.createDirectories(OUT);
		Runtime.getRuntime().addShutdownHook(new Thread(FaultCampaign::cleanUp));
		List<String> scenarios = new ArrayList<>(args.length > 0 ? List.of(args) : ALL);
		for (String scenario : scenarios) {
			if (!ALL.contains(scenario)) {
				System.err.println("faults: unknown scenario " + scenario + "; known: " + ALL);
				System.exit(2);
			}
		}
		if (!FULL && args.length == 0) {
			scenarios.remove("postgres-restart");
			log("MODE=ci: postgres-restart is skipped (other work shares this PostgreSQL); MODE=full runs it");
		}
		log("mode " + MODE + ", " + SERVICES + " services per scenario, faults " + FAULT_SECONDS + " s, down "
				+ DOWN_SECONDS + " s; load average " + loadAverage() + "; logs in " + OUT);
		Process simulator = start("simulator", List.of("--spring.profiles.active=simulator",
				"--server.port=" + SIM_PORT, "--server.address=127.0.0.1", "--vfbridge.simulator.build-time=1s",
				"--vfbridge.simulator.time-scale=1", "--vfbridge.simulator.default-delete-delay=0s",
				"--vfbridge.simulator.seed=" + Path.of("bench/simulator/seed.yaml").toAbsolutePath(),
				"--logging.level.root=warn"));
		waitFor("simulator", simulator, () -> {
			try {
				return simulator("GET", "/_admin/stats", null).statusCode() == 200;
			}
			catch (Exception ex) {
				return false;
			}
		}, 120);
		Proxy proxy = new Proxy(PROXY_PORT, SIM_PORT);
		proxy.open();
		List<Result> results = new ArrayList<>();
		for (String scenario : scenarios) {
			log("=== scenario " + scenario + " (load average " + loadAverage() + ")");
			Result result;
			try {
				result = new Scenario(scenario, proxy).run();
			}
			catch (Exception ex) {
				log("scenario " + scenario + " aborted: " + ex);
				ex.printStackTrace();
				result = Result.aborted(scenario, ex.toString());
			}
			System.out.println(result.report());
			results.add(result);
		}
		proxy.close();
		System.out.println();
		System.out.println(String.format("%-17s %5s %6s %5s %4s %4s %4s %5s %5s %5s %8s %7s %s", "scenario", "acked",
				"ops ok", "fail", "dead", "attn", "lost", "extra", "diff", "vfdiff", "drain s", "x base", "verdict"));
		double baseline = results.stream()
			.filter((result) -> result.scenario.equals("baseline") && result.drainSeconds >= 0)
			.mapToDouble((result) -> result.drainSeconds)
			.findFirst()
			.orElse(-1);
		boolean ok = true;
		for (Result result : results) {
			System.out.println(result.row(baseline));
			ok &= result.passed();
		}
		if (baseline >= 0) {
			System.out.println("x base: time to drain after the fault / time to drain without a fault (baseline), same run");
		}
		System.out.println("load average at the end: " + loadAverage());
		System.exit(ok ? 0 : 1);
	}

	// ------------------------------------------------------------------ scenarios

	/** One scenario: its database, its vfbridge(s), its workload, its fault, its audit. */
	static final class Scenario {

		final String name;

		final Proxy proxy;

		final String db;

		final long customerBase;

		final List<Service> services = new ArrayList<>();

		final Map<String, String> acked = new ConcurrentHashMap<>();

		final AtomicInteger deliveries = new AtomicInteger();

		final AtomicInteger rejected = new AtomicInteger();

		final List<String> problems = new CopyOnWriteArrayList<>();

		final List<Integer> ports = new CopyOnWriteArrayList<>();

		Process app;

		Process app2;

		Scenario(String name, Proxy proxy) {
			this.name = name;
			this.proxy = proxy;
			this.db = "vfbridge_faults_" + System.currentTimeMillis() / 1000 + "_" + name.replace('-', '_');
			this.customerBase = (System.currentTimeMillis() / 1000 % 100000) * 10000;
			Random random = new Random(name.hashCode());
			for (int i = 1; i <= SERVICES; i++) {
				this.services.add(new Service(this.customerBase + i, name + "-" + this.customerBase + "-" + i, random));
			}
		}

		Result run() throws Exception {
			simulator("POST", "/_admin/reset", null);
			psql("postgres", "create database " + this.db);
			DATABASES.add(this.db);
			try {
				this.app = startApp("vfbridge-" + this.name, APP_PORT, this.db);
				this.ports.add(APP_PORT);
				if (this.name.equals("two-instances")) {
					this.app2 = startApp("vfbridge-" + this.name + "-b", APP2_PORT, this.db);
					this.ports.add(APP2_PORT);
				}
				if (this.name.equals("import")) {
					return runImport();
				}
				Instant started = Instant.now();
				Instant faultEnd = runWorkloadUnderFault();
				Instant sentAll = Instant.now();
				log(this.name + ": workload sent in " + secs(started, sentAll) + " s; draining");
				Instant drained = drain();
				Result result = audit(faultEnd, drained);
				return result;
			}
			finally {
				stop(this.app);
				stop(this.app2);
				psql("postgres", "drop database if exists " + this.db + " with (force)");
				DATABASES.remove(this.db);
			}
		}

		/** Sends the workload while the scenario's fault happens; returns when the fault ended. */
		Instant runWorkloadUnderFault() throws Exception {
			switch (this.name) {
				case "baseline":
					// no fault: the drain time every other scenario is compared with
					sendAll(1, false);
					return Instant.now();
				case "duplicates":
					sendAll(3, true);
					return Instant.now();
				case "lost-responses":
					return timedFault("[{\"method\":\"POST\",\"path\":\"/servers\",\"kind\":\"lost-response\",\"probability\":0.3},"
							+ "{\"method\":\"POST\",\"path\":\"/servers/{serverId}/build\",\"kind\":\"lost-response\",\"probability\":0.3},"
							+ "{\"method\":\"POST\",\"path\":\"/servers/{serverId}/suspend\",\"kind\":\"lost-response\",\"probability\":0.3},"
							+ "{\"method\":\"DELETE\",\"path\":\"/servers/{serverId}\",\"kind\":\"lost-response\",\"probability\":0.3}]");
				case "rate-limit":
					return timedFault("{\"path\":\"*\",\"kind\":\"rate-limit\",\"retryAfter\":\"2s\",\"probability\":0.6}");
				case "errors-5xx":
					return timedFault("[{\"path\":\"*\",\"kind\":\"error\",\"status\":503,\"msg\":\"maintenance\",\"probability\":0.3},"
							+ "{\"path\":\"*\",\"kind\":\"error\",\"status\":500,\"probability\":0.15},"
							+ "{\"path\":\"*\",\"kind\":\"error\",\"status\":502,\"probability\":0.1}]");
				case "slow":
					// beyond the client's 2 s response timeout for 40% of the calls: the
					// answer never arrives in time, whether or not VirtFusion acted
					return timedFault("{\"path\":\"*\",\"kind\":\"latency\",\"latency\":2500,\"jitter\":1000,\"probability\":0.4}");
				case "down":
					return down();
				case "kill-9":
					return killAndRestart();
				case "two-instances":
					return killOneOfTwo();
				case "postgres-restart":
					return restartPostgres();
				default:
					throw new IllegalArgumentException(this.name);
			}
		}

		Instant timedFault(String rules) throws Exception {
			int status = simulator("POST", "/_admin/faults", rules).statusCode();
			if (status != 201) {
				throw new IllegalStateException("fault rules refused: " + status);
			}
			Instant faultStart = Instant.now();
			Future<?> load = background(() -> sendAll(1, false));
			sleepUntil(faultStart.plusSeconds(FAULT_SECONDS));
			load.get(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			// the fault lasts at least FAULT_SECONDS and until half the operations have
			// finished, so it hits the work whatever the machine's pace
			waitUntil(() -> finishedJobs() * 2 >= totalEvents(), 120);
			Instant end = Instant.now();
			simulator("DELETE", "/_admin/faults", null);
			Map<?, ?> applied = faultsApplied();
			log(this.name + ": fault rules cleared after " + secs(faultStart, end) + " s; faults applied " + applied);
			if (applied.isEmpty()) {
				this.problems.add("no fault fired: the scenario proved nothing");
			}
			return end;
		}

		Instant down() throws Exception {
			Future<?> load = background(() -> sendAll(1, false));
			Thread.sleep(2000);
			this.proxy.close();
			Instant down = Instant.now();
			log(this.name + ": VirtFusion down (connections refused) for " + DOWN_SECONDS + " s");
			sleepUntil(down.plusSeconds(DOWN_SECONDS));
			this.proxy.open();
			Instant up = Instant.now();
			log(this.name + ": VirtFusion back");
			load.get(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			return up;
		}

		Instant killAndRestart() throws Exception {
			Future<?> load = background(() -> sendAll(1, false));
			waitUntil(() -> this.acked.size() >= totalEvents() * 2 / 5 || load.isDone(), 120);
			log(this.name + ": kill -9 vfbridge (pid " + this.app.pid() + ") with " + this.acked.size() + " of "
					+ totalEvents() + " events acknowledged, " + openJobs() + " operations open");
			this.app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			Thread.sleep(2000);
			this.app = startApp("vfbridge-" + this.name + "-restarted", APP_PORT, this.db);
			Instant restarted = Instant.now();
			log(this.name + ": vfbridge restarted and ready");
			load.get(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			return restarted;
		}

		Instant killOneOfTwo() throws Exception {
			Future<?> load = background(() -> sendAll(1, false));
			waitUntil(() -> this.acked.size() >= totalEvents() * 2 / 5 || load.isDone(), 120);
			log(this.name + ": kill -9 instance b (pid " + this.app2.pid() + ") with " + openJobs()
					+ " operations open; instance a carries on");
			this.ports.remove(Integer.valueOf(APP2_PORT));
			this.app2.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			Instant killed = Instant.now();
			load.get(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			return killed;
		}

		Instant restartPostgres() throws Exception {
			String cluster = pgCluster();
			Future<?> load = background(() -> sendAll(1, false));
			waitUntil(() -> this.acked.size() >= totalEvents() * 2 / 5 || load.isDone(), 120);
			System.out.println("*** faults: RESTARTING the machine's PostgreSQL (pg_ctlcluster " + cluster
					+ " restart): other work on this server sees a short outage ***");
			Instant start = Instant.now();
			Process restart = new ProcessBuilder(
					List.of("pg_ctlcluster", cluster.split(" ")[0], cluster.split(" ")[1], "restart"))
				.redirectErrorStream(true)
				.redirectOutput(OUT.resolve("pg_ctlcluster.log").toFile())
				.start();
			if (!restart.waitFor(120, TimeUnit.SECONDS) || restart.exitValue() != 0) {
				throw new IllegalStateException("pg_ctlcluster restart failed, see " + OUT.resolve("pg_ctlcluster.log"));
			}
			Instant end = Instant.now();
			log(this.name + ": PostgreSQL restarted in " + secs(start, end) + " s");
			load.get(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			return end;
		}

		/**
		 * The take-over of servers another billing module made: {@code IMPORT_ROWS}
		 * servers are created and built directly in the simulator (users whose
		 * extRelationId is the billing client id, ten servers each), then imported with
		 * one bulk import while 30% of the answers to {@code GET /servers/{id}} are lost,
		 * and vfbridge is killed with SIGKILL once 40% of the rows have run, and
		 * restarted. Must hold: every row linked to its own server, not one server
		 * created, built or deleted (the simulator's call counters), no service linked
		 * to another server.
		 */
		Result runImport() throws Exception {
			Map<String, Long> expected = new LinkedHashMap<>();
			StringBuilder csv = new StringBuilder("serviceId,customerId,serverId\n");
			long lastServer = 0;
			for (int row = 0; row < IMPORT_ROWS; row++) {
				long customer = this.customerBase + row / 10;
				if (row % 10 == 0) {
					HttpResponse<String> user = simulator("POST", "/api/v1/users", "{\"name\":\"Legacy " + customer
							+ "\",\"email\":\"legacy" + customer + "@example.com\",\"extRelationId\":" + customer + "}");
					if (user.statusCode() != 201) {
						throw new IllegalStateException("legacy user refused: " + user.body());
					}
				}
				long userId = userIdOf(customer);
				HttpResponse<String> server = simulator("POST", "/api/v1/servers",
						"{\"packageId\":1,\"userId\":" + userId + ",\"hypervisorId\":1,\"ipv4\":1}");
				if (server.statusCode() != 201) {
					throw new IllegalStateException("legacy server refused: " + server.body());
				}
				lastServer = ((Number) ((Map<?, ?>) Json.map(Json.parse(server.body()), "data")).get("id")).longValue();
				if (simulator("POST", "/api/v1/servers/" + lastServer + "/build", "{\"operatingSystemId\":1}")
					.statusCode() / 100 != 2) {
					throw new IllegalStateException("legacy build refused for server " + lastServer);
				}
				String service = "import-" + this.customerBase + "-" + row;
				expected.put(service, lastServer);
				csv.append(service).append(',').append(customer).append(',').append(lastServer).append('\n');
			}
			long built = lastServer;
			waitUntil(() -> {
				try {
					Object data = Json.map(Json.parse(simulator("GET", "/api/v1/servers/" + built, null).body()), "data");
					return ((Number) ((Map<?, ?>) data).get("commissionStatus")).intValue() >= 3;
				}
				catch (Exception ex) {
					return false;
				}
			}, 120);
			long writesBefore = simulatorWrites();
			log(this.name + ": " + IMPORT_ROWS + " legacy servers made and built in the simulator; importing them");
			int status = simulator("POST", "/_admin/faults",
					"{\"method\":\"GET\",\"path\":\"/servers/{serverId}\",\"kind\":\"lost-response\",\"probability\":0.3}")
				.statusCode();
			if (status != 201) {
				throw new IllegalStateException("fault rules refused: " + status);
			}
			String key = "import-" + this.customerBase;
			String parent = upload(csv.toString(), key);
			waitUntil(() -> importRowsDone(parent) * 5 >= IMPORT_ROWS * 2, 300);
			log(this.name + ": kill -9 vfbridge (pid " + this.app.pid() + ") with " + importRowsDone(parent) + " of "
					+ IMPORT_ROWS + " rows done");
			this.app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			Thread.sleep(2000);
			this.app = startApp("vfbridge-" + this.name + "-restarted", APP_PORT, this.db);
			Instant restarted = Instant.now();
			String again = upload(csv.toString(), key);
			if (!again.equals(parent)) {
				this.problems.add("the repeated upload became operation " + again + ", not " + parent);
			}
			Instant done = null;
			Instant deadline = Instant.now().plusSeconds(DRAIN_TIMEOUT_SECONDS);
			while (Instant.now().isBefore(deadline)) {
				if ("succeeded".equals(psql(this.db, "select status from job where id = '" + parent + "'"))) {
					done = Instant.now();
					break;
				}
				Thread.sleep(500);
			}
			simulator("DELETE", "/_admin/faults", null);
			Map<?, ?> applied = faultsApplied();
			log(this.name + ": import finished " + ((done != null) ? secs(restarted, done) + " s after the restart"
					: "NOT within " + DRAIN_TIMEOUT_SECONDS + " s") + "; faults applied " + applied);
			if (applied.isEmpty()) {
				this.problems.add("no fault fired: the scenario proved nothing");
			}
			Result result = new Result(this.name);
			result.events = 1;
			result.acked = 1;
			result.deliveries = this.deliveries.get();
			for (String line : psql(this.db, "select status, count(*) from job group by status").split("\n")) {
				if (!line.isBlank()) {
					result.operations.put(line.split("\\|")[0], Integer.parseInt(line.split("\\|")[1]));
				}
			}
			// a row whose link was committed just before the kill runs again and finds it
			// linked: already_linked is as good as linked
			String summary = psql(this.db, "select coalesce(result->'linked'->>'count', '-') || ' linked, '"
					+ " || coalesce(result->'alreadyLinked'->>'count', '-') || ' already linked, '"
					+ " || coalesce(result->'failed'->>'count', '-') || ' failed, '"
					+ " || coalesce(result->'needsAttention'->>'count', '-') || ' needing attention' from job where id = '"
					+ parent + "'");
			result.details.add("bulk import: " + summary);
			String linkedRows = psql(this.db,
					"select coalesce((result->'linked'->>'count')::int + (result->'alreadyLinked'->>'count')::int, -1)"
							+ " from job where id = '" + parent + "'");
			if (!linkedRows.equals(Integer.toString(IMPORT_ROWS))) {
				this.problems.add("the import reports " + linkedRows + " rows linked, not " + IMPORT_ROWS);
			}
			// servers created, built, suspended or deleted while importing: must be none
			result.extra = (int) (simulatorWrites() - writesBefore);
			if (result.extra != 0) {
				result.details.add(result.extra + " writes to VirtFusion during the import");
			}
			Map<String, Long> linked = new LinkedHashMap<>();
			for (String line : psql(this.db, "select billing_id || '|' || server_id from service").split("\n")) {
				if (!line.isBlank()) {
					linked.put(line.split("\\|")[0], Long.parseLong(line.split("\\|")[1]));
				}
			}
			result.servers = linked.size();
			for (Map.Entry<String, Long> row : expected.entrySet()) {
				Long server = linked.get(row.getKey());
				if (server == null) {
					result.vfbridgeDiffers++;
					result.missing++;
				}
				else if (!server.equals(row.getValue())) {
					result.differs++;
					result.details.add(row.getKey() + " linked to server " + server + ", not " + row.getValue());
				}
			}
			for (String line : psql(this.db,
					"select type || ' ' || coalesce(service_id, '') || ': ' || status || ': ' || left(coalesce(last_error, ''), 200) from job where status not in ('succeeded')")
				.split("\n")) {
				if (!line.isBlank()) {
					result.details.add("operation " + line);
				}
			}
			result.drainSeconds = (done != null) ? Duration.between(restarted, done).toMillis() / 1000.0 : -1;
			result.problems.addAll(this.problems);
			return result;
		}

		/** Uploads the import (retried like billing retries, with the same key) and returns its operation. */
		String upload(String csv, String key) throws Exception {
			Instant deadline = Instant.now().plusSeconds(DRAIN_TIMEOUT_SECONDS);
			while (Instant.now().isBefore(deadline)) {
				this.deliveries.incrementAndGet();
				try {
					HttpResponse<String> response = HTTP.send(HttpRequest
						.newBuilder(URI.create("http://127.0.0.1:" + APP_PORT + "/v1/imports"))
						.timeout(Duration.ofSeconds(60))
						.header("Authorization", "Bearer " + OPERATOR_KEY)
						.header("Idempotency-Key", key)
						.header("Content-Type", "text/csv")
						.POST(HttpRequest.BodyPublishers.ofString(csv))
						.build(), HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200 || response.statusCode() == 202) {
						return Json.string(Json.parse(response.body()), "operationId");
					}
					if (response.statusCode() != 503) {
						throw new IllegalStateException("import refused: " + response.statusCode() + " " + response.body());
					}
				}
				catch (IOException ex) {
					// vfbridge down or restarting: try again
				}
				Thread.sleep(500);
			}
			throw new IllegalStateException("the import was never accepted");
		}

		int importRowsDone(String parent) {
			return Integer.parseInt(psql(this.db, "select count(*) from job where parent_job_id = '" + parent
					+ "' and status not in ('queued', 'running')"));
		}

		int totalEvents() {
			return this.services.stream().mapToInt((service) -> service.events.size()).sum();
		}

		/**
		 * Sends every service's events in order, services in parallel (a random
		 * order). Each event is delivered {@code copies} times: with {@code racing},
		 * two copies at once and the third after the service's later events (a late,
		 * out-of-order redelivery).
		 */
		void sendAll(int copies, boolean racing) {
			List<Service> order = new ArrayList<>(this.services);
			Collections.shuffle(order, new Random(this.name.hashCode() + 1));
			ExecutorService senders = Executors.newFixedThreadPool(16);
			// the concurrent copies get threads of their own: waiting for them on the
			// senders' pool could take every thread
			ExecutorService twins = Executors.newCachedThreadPool();
			try {
				List<Future<?>> futures = new ArrayList<>();
				for (Service service : order) {
					futures.add(senders.submit(() -> {
						for (Event event : service.events) {
							if (racing) {
								Future<?> twin = twins.submit(() -> deliver(event));
								deliver(event);
								await(twin);
							}
							else {
								deliver(event);
							}
						}
						for (int copy = racing ? 2 : 1; copy < copies; copy++) {
							for (Event event : service.events) {
								deliver(event);
							}
						}
						return null;
					}));
				}
				for (Future<?> future : futures) {
					await(future);
				}
			}
			finally {
				senders.shutdownNow();
				twins.shutdownNow();
			}
		}

		/**
		 * Delivers one event as billing does: the same webhook-id and body, a fresh
		 * timestamp and signature per attempt, retried until acknowledged (2xx).
		 */
		void deliver(Event event) {
			Instant deadline = Instant.now().plusSeconds(DRAIN_TIMEOUT_SECONDS);
			long backoff = 200;
			int attempt = 0;
			while (Instant.now().isBefore(deadline)) {
				// with two instances, copies and retries of an event go to both
				List<Integer> live = List.copyOf(this.ports);
				int port = live.get(Math.floorMod(event.id.hashCode() + attempt++, live.size()));
				this.deliveries.incrementAndGet();
				try {
					String ts = Long.toString(Instant.now().getEpochSecond());
					HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
						.timeout(Duration.ofSeconds(10))
						.header("Content-Type", "application/json")
						.header("webhook-id", event.id)
						.header("webhook-timestamp", ts)
						.header("webhook-signature", sign(event.id, ts, event.body))
						.POST(HttpRequest.BodyPublishers.ofString(event.body))
						.build();
					HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200 || response.statusCode() == 202) {
						String operation = Json.string(Json.parse(response.body()), "operationId");
						String before = this.acked.putIfAbsent(event.id, operation);
						if (before != null && !before.equals(operation)) {
							this.problems.add("event " + event.id + " answered with two operations: " + before + ", "
									+ operation);
						}
						return;
					}
					this.rejected.incrementAndGet();
					if (response.statusCode() != 503) {
						this.problems.add("event " + event.id + " refused: " + response.statusCode() + " "
								+ response.body());
						return;
					}
				}
				catch (IOException ex) {
					// vfbridge down or restarting: billing retries
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				sleep(backoff);
				backoff = Math.min(2000, backoff * 2);
			}
			this.problems.add("event " + event.id + " never acknowledged");
		}

		Instant drain() throws Exception {
			Instant deadline = Instant.now().plusSeconds(DRAIN_TIMEOUT_SECONDS);
			while (Instant.now().isBefore(deadline)) {
				if (openJobs() == 0) {
					return Instant.now();
				}
				Thread.sleep(250);
			}
			this.problems.add("the queue did not drain within " + DRAIN_TIMEOUT_SECONDS + " s (" + openJobs()
					+ " operations open)");
			return null;
		}

		int finishedJobs() {
			return Integer.parseInt(psql(this.db, "select count(*) from job where finished_at is not null"));
		}

		int openJobs() {
			return Integer.parseInt(psql(this.db, "select count(*) from job where status in ('queued','running')"));
		}

		Result audit(Instant faultEnd, Instant drained) throws Exception {
			Result result = new Result(this.name);
			result.acked = this.acked.size();
			result.events = totalEvents();
			result.deliveries = this.deliveries.get();
			for (String line : psql(this.db, "select status, count(*) from job group by status").split("\n")) {
				if (!line.isBlank()) {
					result.operations.put(line.split("\\|")[0], Integer.parseInt(line.split("\\|")[1]));
				}
			}
			// acknowledged events lost: an acked webhook-id without its event and job
			Set<String> stored = ConcurrentHashMap.newKeySet();
			for (String line : psql(this.db,
					"select e.idempotency_key || '|' || j.id from inbound_event e join job j on j.id = e.job_id")
				.split("\n")) {
				if (!line.isBlank()) {
					stored.add(line);
				}
			}
			for (Map.Entry<String, String> ack : this.acked.entrySet()) {
				if (!stored.contains("webhook:" + ack.getKey() + "|" + ack.getValue())) {
					result.lost++;
					result.details.add("acknowledged but not stored: " + ack.getKey());
				}
			}
			result.storedEvents = stored.size();
			// vfbridge's view of each service
			Map<String, String> vfStates = new LinkedHashMap<>();
			for (String line : psql(this.db, "select billing_id || '|' || state from service").split("\n")) {
				if (!line.isBlank()) {
					vfStates.put(line.split("\\|")[0], line.split("\\|")[1]);
				}
			}
			// the simulator's state of each service: one customer per service
			for (Service service : this.services) {
				Expected expected = service.expected();
				List<Map<String, Object>> servers = serversOf(service.customerId);
				int want = (expected == Expected.TERMINATED) ? 0 : 1;
				result.servers += servers.size();
				if (servers.size() > want) {
					result.extra += servers.size() - want;
					result.details.add(service.id + ": " + servers.size() + " servers, billing expects " + want);
				}
				boolean differs = servers.size() != want;
				if (!differs && want == 1) {
					boolean suspended = Boolean.TRUE.equals(servers.get(0).get("suspended"));
					differs = suspended != (expected == Expected.SUSPENDED);
				}
				if (servers.size() < want) {
					result.missing++;
				}
				if (differs) {
					result.differs++;
					result.details.add(service.id + ": VirtFusion has " + describe(servers) + ", billing last asked "
							+ service.events.get(service.events.size() - 1).type);
				}
				String vfState = vfStates.get(service.id);
				if (!expected.value.equals(vfState)) {
					result.vfbridgeDiffers++;
					result.details.add(service.id + ": vfbridge says " + vfState + ", billing expects " + expected.value);
				}
			}
			for (String line : psql(this.db,
					"select type || ' ' || coalesce(service_id, '') || ': ' || status || ': ' || left(coalesce(last_error, ''), 200) from job where status not in ('succeeded')")
				.split("\n")) {
				if (!line.isBlank()) {
					result.details.add("operation " + line);
				}
			}
			result.drainSeconds = (drained != null && faultEnd != null)
					? Math.max(0, Duration.between(faultEnd, drained).toMillis()) / 1000.0 : -1;
			result.problems.addAll(this.problems);
			return result;
		}

	}

	enum Expected {

		ACTIVE("active"), SUSPENDED("suspended"), TERMINATED("terminated");

		final String value;

		Expected(String value) {
			this.value = value;
		}

	}

	/** One billing service (of its own customer) and the events billing sends for it. */
	static final class Service {

		final long customerId;

		final String id;

		final List<Event> events = new ArrayList<>();

		Service(long customerId, String id, Random random) {
			this.customerId = customerId;
			this.id = id;
			this.events.add(new Event(this, "service.create", 0));
			if (random.nextDouble() < 0.5) {
				this.events.add(new Event(this, "service.suspend", 1));
				if (random.nextDouble() < 0.5) {
					this.events.add(new Event(this, "service.unsuspend", 2));
				}
			}
			if (random.nextDouble() < 0.25) {
				this.events.add(new Event(this, "service.terminate", 3));
			}
		}

		Expected expected() {
			switch (this.events.get(this.events.size() - 1).type) {
				case "service.suspend":
					return Expected.SUSPENDED;
				case "service.terminate":
					return Expected.TERMINATED;
				default:
					return Expected.ACTIVE;
			}
		}

	}

	/** A signed webhook as billing sends it: a stable id and body. */
	static final class Event {

		final String id;

		final String type;

		final String body;

		Event(Service service, String type, int step) {
			this.id = "msg_" + service.id + "_" + step;
			this.type = type;
			String data;
			if (type.equals("service.create")) {
				data = "{\"customer\":{\"id\":\"" + service.customerId + "\",\"email\":\"c" + service.customerId
						+ "@example.com\",\"name\":\"Customer " + service.customerId + "\"},\"service\":{\"id\":\""
						+ service.id + "\",\"packageId\":1,\"hypervisorGroupId\":1,\"osTemplateId\":1,\"hostname\":\""
						+ service.id + ".example.com\"}}";
			}
			else if (type.equals("service.terminate")) {
				data = "{\"service\":{\"id\":\"" + service.id + "\"},\"delayMinutes\":0}";
			}
			else {
				data = "{\"service\":{\"id\":\"" + service.id + "\"}}";
			}
			this.body = "{\"type\":\"" + type + "\",\"timestamp\":\"" + Instant.now() + "\",\"data\":" + data + "}";
		}

	}

	/** What a scenario found. */
	static final class Result {

		final String scenario;

		int events;

		int acked;

		int deliveries;

		int storedEvents;

		final Map<String, Integer> operations = new LinkedHashMap<>();

		int lost;

		int extra;

		int missing;

		int differs;

		int vfbridgeDiffers;

		int servers;

		double drainSeconds = -1;

		final List<String> details = new ArrayList<>();

		final List<String> problems = new ArrayList<>();

		String aborted;

		Result(String scenario) {
			this.scenario = scenario;
		}

		static Result aborted(String scenario, String why) {
			Result result = new Result(scenario);
			result.aborted = why;
			return result;
		}

		boolean passed() {
			return this.aborted == null && this.lost == 0 && this.extra == 0 && this.differs == 0
					&& this.vfbridgeDiffers == 0 && this.acked == this.events && this.problems.isEmpty()
					&& this.drainSeconds >= 0;
		}

		int ops(String status) {
			return this.operations.getOrDefault(status, 0);
		}

		String report() {
			if (this.aborted != null) {
				return "--- " + this.scenario + ": ABORTED: " + this.aborted;
			}
			StringBuilder out = new StringBuilder();
			out.append("--- ").append(this.scenario).append('\n');
			out.append(String.format("  events acknowledged      %d of %d (%d deliveries; %d stored)%n", this.acked,
					this.events, this.deliveries, this.storedEvents));
			out.append(String.format("  operations               succeeded %d, failed %d, dead %d, needs_attention %d%s%n",
					ops("succeeded"), ops("failed"), ops("dead"), ops("needs_attention"),
					(ops("queued") + ops("running") > 0) ? ", STILL OPEN " + (ops("queued") + ops("running")) : ""));
			out.append(String.format("  acknowledged events lost %d (must be 0)%n", this.lost));
			out.append(String.format("  extra servers            %d (must be 0); %d servers in VirtFusion, %d missing%n",
					this.extra, this.servers, this.missing));
			out.append(String.format("  services differing       %d in VirtFusion, %d in vfbridge (must be 0)%n",
					this.differs, this.vfbridgeDiffers));
			out.append(String.format("  time to drain            %s after the fault ended%n",
					(this.drainSeconds >= 0) ? String.format("%.1f s", this.drainSeconds) : "NOT DRAINED"));
			for (String problem : this.problems.subList(0, Math.min(10, this.problems.size()))) {
				out.append("  PROBLEM ").append(problem).append('\n');
			}
			for (String detail : this.details.subList(0, Math.min(15, this.details.size()))) {
				out.append("  ").append(detail).append('\n');
			}
			out.append("  verdict                  ").append(passed() ? "PASS" : "FAIL");
			return out.toString();
		}

		String row(double baseline) {
			if (this.aborted != null) {
				return String.format("%-17s %s", this.scenario, "ABORTED");
			}
			String ratio = (baseline > 0 && this.drainSeconds >= 0)
					? String.format("%.2f", this.drainSeconds / baseline) : "-";
			return String.format("%-17s %5d %6d %5d %4d %4d %4d %5d %5d %5d %8s %7s %s", this.scenario, this.acked,
					ops("succeeded"), ops("failed"), ops("dead"), ops("needs_attention"), this.lost, this.extra,
					this.differs, this.vfbridgeDiffers,
					(this.drainSeconds >= 0) ? String.format("%.1f", this.drainSeconds) : "-", ratio,
					passed() ? "PASS" : "FAIL");
		}

	}

	// ------------------------------------------------------------------ processes

	static Process startApp(String name, int port, String db) throws Exception {
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + db + "?user=postgres",
				"--vfbridge.simulator.enabled=false",
				"--vfbridge.virtfusion.panels.default.base-url=http://127.0.0.1:" + PROXY_PORT + "/api/v1",
				"--vfbridge.virtfusion.panels.default.token=sim-token",
				"--vfbridge.virtfusion.panels.default.connect-timeout=1s",
				"--vfbridge.virtfusion.panels.default.response-timeout=2s",
				"--vfbridge.virtfusion.panels.default.rate-limit.limit-for-period=1000",
				"--vfbridge.virtfusion.panels.default.circuit-breaker.wait-duration-in-open-state=3s",
				"--vfbridge.jobs.workers=8", "--vfbridge.jobs.poll-interval=250ms",
				"--vfbridge.jobs.lease-duration=8s", "--vfbridge.jobs.heartbeat-interval=2s",
				"--vfbridge.jobs.retry.initial-delay=500ms", "--vfbridge.jobs.retry.max-delay=4s",
				"--vfbridge.jobs.retry.max-attempts=100", "--vfbridge.provisioning.build-poll-interval=500ms",
				"--vfbridge.provisioning.terminate-poll-interval=500ms",
				"--vfbridge.billing.webhook-secrets[0]=" + SECRET,
				"--vfbridge.security.api-keys.operator.sha256=" + sha256Hex(OPERATOR_KEY),
				"--vfbridge.security.api-keys.operator.roles[0]=operator", "--logging.level.root=warn",
				"--logging.level.io.vfbridge=info"));
		Process process = start(name, args);
		waitFor(name, process,
				() -> status("http://127.0.0.1:" + port + "/actuator/health/readiness") == 200, READY_TIMEOUT_SECONDS);
		return process;
	}

	static Process start(String name, List<String> args) throws IOException {
		List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx512m", "-jar", JAR));
		command.addAll(args);
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(OUT.resolve(name + ".log").toFile()))
			.start();
		PROCESSES.add(process);
		return process;
	}

	static void waitFor(String name, Process process, BooleanSupplier ready, int seconds) throws Exception {
		Instant deadline = Instant.now().plusSeconds(seconds);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited during start-up; see " + OUT.resolve(name + ".log"));
			}
			if (ready.getAsBoolean()) {
				return;
			}
			Thread.sleep(300);
		}
		throw new IllegalStateException(name + " not ready within " + seconds + " s");
	}

	static void stop(Process process) {
		if (process == null || !process.isAlive()) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void cleanUp() {
		for (Process process : PROCESSES) {
			if (process.isAlive()) {
				process.destroyForcibly();
			}
		}
		for (String db : DATABASES) {
			try {
				psql("postgres", "drop database if exists " + db + " with (force)");
			}
			catch (RuntimeException ex) {
				System.err.println("faults: could not drop database " + db + ": drop it by hand");
			}
		}
	}

	static String pgCluster() throws Exception {
		Process list = new ProcessBuilder("pg_lsclusters", "-h").redirectErrorStream(true).start();
		String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		list.waitFor(10, TimeUnit.SECONDS);
		for (String line : out.split("\n")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 3 && fields[2].equals("5432")) {
				return fields[0] + " " + fields[1];
			}
		}
		throw new IllegalStateException("no PostgreSQL cluster on port 5432 in pg_lsclusters: " + out);
	}

	static String psql(String db, String sql) {
		for (int attempt = 1;; attempt++) {
			try {
				Process process = new ProcessBuilder("psql", "-X", "-q", "-At", "-h", "127.0.0.1", "-U", "postgres",
						"-d", db, "-v", "ON_ERROR_STOP=1", "-c", sql)
					.redirectErrorStream(true)
					.start();
				String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
				if (!process.waitFor(60, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException("psql timed out: " + sql);
				}
				if (process.exitValue() == 0) {
					return out;
				}
				// the server may be restarting (postgres-restart): try again for a while
				if (attempt >= 30) {
					throw new IllegalStateException("psql failed: " + sql + ": " + out);
				}
				Thread.sleep(1000);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	// ------------------------------------------------------------------ the simulator

	static HttpResponse<String> simulator(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SIM_PORT + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer sim-token")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The servers of the VirtFusion user whose extRelationId is the customer id. */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> serversOf(long customerId) throws Exception {
		HttpResponse<String> user = simulator("GET", "/api/v1/users/" + customerId + "/byExtRelation", null);
		if (user.statusCode() == 404) {
			return List.of();
		}
		long userId = ((Number) ((Map<String, Object>) Json.map(Json.parse(user.body()), "data")).get("id")).longValue();
		HttpResponse<String> servers = simulator("GET", "/api/v1/servers/user/" + userId, null);
		if (servers.statusCode() != 200) {
			throw new IllegalStateException("servers of user " + userId + ": " + servers.statusCode());
		}
		return (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(servers.body())).get("data");
	}

	@SuppressWarnings("unchecked")
	static long userIdOf(long extRelationId) throws Exception {
		HttpResponse<String> user = simulator("GET", "/api/v1/users/" + extRelationId + "/byExtRelation", null);
		return ((Number) ((Map<String, Object>) Json.map(Json.parse(user.body()), "data")).get("id")).longValue();
	}

	/** Calls that change something in the simulator (POST, PUT, DELETE of its API), all statuses. */
	@SuppressWarnings("unchecked")
	static long simulatorWrites() throws Exception {
		Map<String, Object> calls = (Map<String, Object>) ((Map<String, Object>) Json
			.parse(simulator("GET", "/_admin/stats", null).body())).get("calls");
		long writes = 0;
		for (Map.Entry<String, Object> call : calls.entrySet()) {
			boolean write = call.getKey().startsWith("POST ") || call.getKey().startsWith("PUT ")
					|| call.getKey().startsWith("DELETE ");
			if (write && !call.getKey().contains("/_admin")) {
				for (Object count : ((Map<String, Object>) call.getValue()).values()) {
					writes += ((Number) count).longValue();
				}
			}
		}
		return writes;
	}

	static String describe(List<Map<String, Object>> servers) {
		if (servers.isEmpty()) {
			return "no server";
		}
		List<String> each = new ArrayList<>();
		for (Map<String, Object> server : servers) {
			each.add("server " + server.get("id") + " (" + server.get("state") + ", suspended " + server.get("suspended")
					+ ")");
		}
		return String.join(", ", each);
	}

	static Map<?, ?> faultsApplied() throws Exception {
		Object faults = ((Map<?, ?>) Json.parse(simulator("GET", "/_admin/stats", null).body())).get("faults");
		return (Map<?, ?>) ((Map<?, ?>) faults).get("byKind");
	}

	/**
	 * A loopback TCP proxy in front of the simulator: closed, its port refuses
	 * connections and every open one is cut, as when a panel goes down.
	 */
	static final class Proxy {

		final int port;

		final int target;

		final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

		volatile ServerSocket server;

		Proxy(int port, int target) {
			this.port = port;
			this.target = target;
		}

		synchronized void open() throws IOException {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 200);
			this.server = socket;
			Thread acceptor = new Thread(() -> accept(socket), "proxy-accept");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		synchronized void close() throws IOException {
			if (this.server != null) {
				this.server.close();
				this.server = null;
			}
			for (Socket socket : this.sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// already gone
				}
			}
			this.sockets.clear();
		}

		private void accept(ServerSocket socket) {
			while (!socket.isClosed()) {
				try {
					Socket client = socket.accept();
					Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.target);
					this.sockets.add(client);
					this.sockets.add(upstream);
					pipe(client, upstream);
					pipe(upstream, client);
				}
				catch (IOException ex) {
					// closed, or the simulator refused: the client sees its connection end
				}
			}
		}

		private void pipe(Socket from, Socket to) {
			Thread thread = new Thread(() -> {
				byte[] buffer = new byte[16384];
				try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
					int n;
					while ((n = in.read(buffer)) >= 0) {
						out.write(buffer, 0, n);
						out.flush();
					}
				}
				catch (IOException ex) {
					// one side closed
				}
				finally {
					closeQuietly(from);
					closeQuietly(to);
				}
			}, "proxy-pipe");
			thread.setDaemon(true);
			thread.start();
		}

		private void closeQuietly(Socket socket) {
			this.sockets.remove(socket);
			try {
				socket.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}

	}

	// ------------------------------------------------------------------ helpers

	static String sha256Hex(String text) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String sign(String id, String timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
			return "v1," + Base64.getEncoder()
				.encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static int status(String url) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	static Future<?> background(Runnable task) {
		ExecutorService single = Executors.newSingleThreadExecutor((r) -> {
			Thread thread = new Thread(r, "workload");
			thread.setDaemon(true);
			return thread;
		});
		Future<?> future = single.submit(task);
		single.shutdown();
		return future;
	}

	static void await(Future<?> future) {
		try {
			future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void waitUntil(BooleanSupplier condition, int seconds) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(seconds);
		while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
			Thread.sleep(250);
		}
	}

	static void sleepUntil(Instant until) throws InterruptedException {
		long millis = Duration.between(Instant.now(), until).toMillis();
		if (millis > 0) {
			Thread.sleep(millis);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static long secs(Instant from, Instant to) {
		return Math.round(Duration.between(from, to).toMillis() / 1000.0);
	}

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	static void log(String message) {
		System.out.println(LocalTime.now(ZoneOffset.UTC).withNano(0) + " faults: " + message);
	}

	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	static byte[] randomBytes(int n) {
		byte[] bytes = new byte[n];
		new java.security.SecureRandom().nextBytes(bytes);
		return bytes;
	}

	/** Just enough JSON reading for the simulator's and vfbridge's answers. */
	static final class Json {

		private final String text;

		private int at;

		private Json(String text) {
			this.text = text;
		}

		static Object parse(String text) {
			Json json = new Json(text);
			Object value = json.value();
			json.space();
			if (json.at != text.length()) {
				throw new IllegalArgumentException("trailing characters in JSON");
			}
			return value;
		}

		static String string(Object object, String field) {
			Object value = ((Map<?, ?>) object).get(field);
			return (value != null) ? value.toString() : null;
		}

		static Object map(Object object, String field) {
			return ((Map<?, ?>) object).get(field);
		}

		private Object value() {
			space();
			char c = this.text.charAt(this.at);
			if (c == '{') {
				Map<String, Object> map = new LinkedHashMap<>();
				this.at++;
				space();
				if (this.text.charAt(this.at) == '}') {
					this.at++;
					return map;
				}
				while (true) {
					space();
					String key = (String) value();
					space();
					expect(':');
					map.put(key, value());
					space();
					if (this.text.charAt(this.at) == ',') {
						this.at++;
						continue;
					}
					expect('}');
					return map;
				}
			}
			if (c == '[') {
				List<Object> list = new ArrayList<>();
				this.at++;
				space();
				if (this.text.charAt(this.at) == ']') {
					this.at++;
					return list;
				}
				while (true) {
					list.add(value());
					space();
					if (this.text.charAt(this.at) == ',') {
						this.at++;
						continue;
					}
					expect(']');
					return list;
				}
			}
			if (c == '"') {
				StringBuilder out = new StringBuilder();
				this.at++;
				while (true) {
					char ch = this.text.charAt(this.at++);
					if (ch == '"') {
						return out.toString();
					}
					if (ch == '\\') {
						char escaped = this.text.charAt(this.at++);
						switch (escaped) {
							case 'n':
								out.append('\n');
								break;
							case 't':
								out.append('\t');
								break;
							case 'r':
								out.append('\r');
								break;
							case 'b':
								out.append('\b');
								break;
							case 'f':
								out.append('\f');
								break;
							case 'u':
								out.append((char) Integer.parseInt(this.text.substring(this.at, this.at + 4), 16));
								this.at += 4;
								break;
							default:
								out.append(escaped);
						}
					}
					else {
						out.append(ch);
					}
				}
			}
			if (this.text.startsWith("true", this.at)) {
				this.at += 4;
				return Boolean.TRUE;
			}
			if (this.text.startsWith("false", this.at)) {
				this.at += 5;
				return Boolean.FALSE;
			}
			if (this.text.startsWith("null", this.at)) {
				this.at += 4;
				return null;
			}
			int start = this.at;
			while (this.at < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.at)) >= 0) {
				this.at++;
			}
			if (start == this.at) {
				throw new IllegalArgumentException("unexpected '" + c + "' in JSON at " + start);
			}
			String number = this.text.substring(start, this.at);
			return (number.contains(".") || number.contains("e") || number.contains("E")) ? Double.valueOf(number)
					: Long.valueOf(number);
		}

		private void space() {
			while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
				this.at++;
			}
		}

		private void expect(char c) {
			if (this.text.charAt(this.at) != c) {
				throw new IllegalArgumentException("expected '" + c + "' in JSON at " + this.at);
			}
			this.at++;
		}

	}

}
