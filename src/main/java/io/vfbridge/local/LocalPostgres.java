package io.vfbridge.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL whose data lives in a directory of its own and survives
 * restarts. A server left running by a killed run (its {@code postmaster.pid} names a
 * live postgres process) is stopped before the new one starts.
 */
final class LocalPostgres implements AutoCloseable {

	static final String DATABASE = "postgres";

	static final String USER = "postgres";

	private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

	private static final Duration STALE_STOP_WAIT = Duration.ofSeconds(20);

	/** What zonky's binary resolver says when no binaries fit the platform. */
	private static final String MISSING_BINARIES = "Missing embedded postgres binaries";

	private final Path dataDirectory;

	private final EmbeddedPostgres postgres;

	private LocalPostgres(Path dataDirectory, EmbeddedPostgres postgres) {
		this.dataDirectory = dataDirectory;
		this.postgres = postgres;
	}

	/** Starts PostgreSQL on the data directory, stopping a stale server first. */
	static LocalPostgres start(Path dataDirectory, int port, Duration startupWait) {
		Path data = dataDirectory.toAbsolutePath().normalize();
		Path home = data.getParent();
		try {
			Files.createDirectories(home.resolve("run"));
			Files.createDirectories(home.resolve("binaries"));
			stopStaleServer(data);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(data)
				.setCleanDataDirectory(false)
				.setOverrideWorkingDirectory(home.resolve("binaries").toFile())
				.setServerConfig("unix_socket_directories", home.resolve("run").toString())
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setPGStartupWait(startupWait)
				.setRegisterShutdownHook(true);
			if (port > 0) {
				builder.setPort(port);
			}
			return new LocalPostgres(data, builder.start());
		}
		catch (IllegalStateException ex) {
			// zonky's resolver found no binaries for this platform on the classpath
			if (MISSING_BINARIES.equals(ex.getMessage())) {
				throw new LocalDatabaseUnavailableException(platform(), ex);
			}
			throw ex;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start the embedded PostgreSQL in " + data, ex);
		}
	}

	/**
	 * The platform, as the JVM names it: {@code Linux amd64}, {@code Mac OS X aarch64}.
	 */
	static String platform() {
		return System.getProperty("os.name") + " " + System.getProperty("os.arch");
	}

	/**
	 * Stops a postgres still running on this data directory from an earlier run that was
	 * killed (its JVM is gone, so nobody else will). Does nothing when the pid file is
	 * absent or names a process that is not a live postgres.
	 */
	static boolean stopStaleServer(Path dataDirectory) throws IOException {
		Optional<ProcessHandle> stale = staleServer(dataDirectory);
		if (stale.isEmpty()) {
			return false;
		}
		ProcessHandle process = stale.get();
		log.warn("Stopping a PostgreSQL (pid {}) left running on {} by an earlier run", process.pid(), dataDirectory);
		process.destroy();
		try {
			process.onExit().get(STALE_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			log.warn("PostgreSQL pid {} did not stop within {}; killing it", process.pid(), STALE_STOP_WAIT);
			process.destroyForcibly();
			process.onExit().join();
		}
		return true;
	}

	/** The live postgres named by the data directory's {@code postmaster.pid}, if any. */
	static Optional<ProcessHandle> staleServer(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
			return Optional.empty();
		}
		long pid = Long.parseLong(lines.get(0).trim());
		return ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter((process) -> process.info().command().map((command) -> command.contains("postgres")).orElse(false));
	}

	/** The JDBC URL of the {@code postgres} database. */
	String jdbcUrl() {
		return this.postgres.getJdbcUrl(USER, DATABASE);
	}

	int port() {
		return this.postgres.getPort();
	}

	Path dataDirectory() {
		return this.dataDirectory;
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

	/**
	 * Starts a server on a directory and keeps it running until killed; used to test
	 * stale-server recovery.
	 */
	public static void main(String[] args) throws Exception {
		try (LocalPostgres postgres = start(Path.of(args[0]), 0, Duration.ofSeconds(60))) {
			System.out.println("READY " + postgres.port());
			System.out.flush();
			Thread.sleep(Long.MAX_VALUE);
		}
	}

}
