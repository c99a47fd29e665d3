package io.vfbridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the integration tests of this JVM use, chosen once: an explicitly
 * configured server ({@code VFBRIDGE_TEST_DATABASE_URL} or
 * {@code -Dvfbridge.test.database.url}, a JDBC URL with user and password as parameters),
 * else Testcontainers when Docker answers, else an embedded PostgreSQL. Always real
 * PostgreSQL. Every application context gets a fresh database of its own on it
 * ({@link #freshDatabase()}), dropped when the JVM exits, so contexts that Spring keeps
 * alive never run each other's jobs and nothing leaks between runs.
 */
public final class TestDatabase {

	/** How the server was provided. */
	public enum Kind {

		CONFIGURED, TESTCONTAINERS, EMBEDDED

	}

	/**
	 * Where to connect.
	 *
	 * @param kind how the server was provided
	 * @param jdbcUrl the URL of the database
	 * @param username the user
	 * @param password the password, may be null
	 */
	public record Connection(Kind kind, String jdbcUrl, String username, String password) {
	}

	private static final String RUN = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "_"
			+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));

	private static final AtomicInteger NUMBER = new AtomicInteger();

	private static final List<String> CREATED = new CopyOnWriteArrayList<>();

	private static volatile Connection server;

	private TestDatabase() {
	}

	/** The server's maintenance database, started or found on first use. */
	public static Connection server() {
		Connection current = server;
		if (current == null) {
			synchronized (TestDatabase.class) {
				current = server;
				if (current == null) {
					current = provide();
					server = current;
					System.out.println("[vfbridge tests] PostgreSQL: " + current.kind() + " — "
							+ current.jdbcUrl().replaceAll("password=[^&]*", "password=***"));
					Connection admin = current;
					Runtime.getRuntime().addShutdownHook(new Thread(() -> dropAll(admin), "drop-test-databases"));
				}
			}
		}
		return current;
	}

	/**
	 * A new, empty database {@code vfbridge_test_<run>_<n>} on the server, dropped at JVM
	 * exit.
	 */
	public static Connection freshDatabase() {
		Connection admin = server();
		String name = "vfbridge_test_" + RUN + "_" + NUMBER.incrementAndGet();
		execute(admin, "CREATE DATABASE " + name);
		CREATED.add(name);
		return new Connection(admin.kind(), replaceDatabase(admin.jdbcUrl(), name), admin.username(), admin.password());
	}

	private static Connection provide() {
		String configured = System.getProperty("vfbridge.test.database.url",
				System.getenv("VFBRIDGE_TEST_DATABASE_URL"));
		if (configured != null && !configured.isBlank()) {
			Properties parameters = parameters(configured);
			return new Connection(Kind.CONFIGURED, configured, parameters.getProperty("user", "postgres"),
					parameters.getProperty("password"));
		}
		if (dockerAnswers()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			return new Connection(Kind.TESTCONTAINERS, container.getJdbcUrl(), container.getUsername(),
					container.getPassword());
		}
		try {
			EmbeddedPostgres embedded = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
			return new Connection(Kind.EMBEDDED, embedded.getJdbcUrl("postgres", "postgres"), "postgres", null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start an embedded PostgreSQL for the tests", ex);
		}
	}

	private static boolean dockerAnswers() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void dropAll(Connection admin) {
		for (String name : CREATED) {
			try {
				execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
			catch (RuntimeException ex) {
				// the server may already be gone (embedded, container) and the database
				// with it
			}
		}
	}

	private static void execute(Connection admin, String sql) {
		Properties credentials = new Properties();
		credentials.setProperty("user", admin.username());
		if (admin.password() != null) {
			credentials.setProperty("password", admin.password());
		}
		try (java.sql.Connection connection = DriverManager.getConnection(admin.jdbcUrl(), credentials);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not run '" + sql + "' on the test server", ex);
		}
	}

	static String replaceDatabase(String url, String database) {
		int slash = url.indexOf('/', "jdbc:postgresql://".length());
		int query = url.indexOf('?');
		String tail = (query >= 0) ? url.substring(query) : "";
		return url.substring(0, slash + 1) + database + tail;
	}

	private static Properties parameters(String url) {
		Properties parameters = new Properties();
		int query = url.indexOf('?');
		if (query >= 0) {
			for (String pair : url.substring(query + 1).split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					parameters.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
				}
			}
		}
		return parameters;
	}

}
