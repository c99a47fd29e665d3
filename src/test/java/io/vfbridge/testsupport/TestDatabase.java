package io.vfbridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL every integration test of this JVM uses, chosen once: an explicitly
 * configured server ({@code VFBRIDGE_TEST_DATABASE_URL} or
 * {@code -Dvfbridge.test.database.url}, a JDBC URL with user and password as parameters),
 * on which a fresh database is created for this run and dropped at exit; else
 * Testcontainers when Docker answers; else an embedded PostgreSQL. Always real
 * PostgreSQL.
 */
public final class TestDatabase {

	/** How the database was provided. */
	public enum Kind {

		CONFIGURED, TESTCONTAINERS, EMBEDDED

	}

	/**
	 * Where to connect.
	 *
	 * @param kind how it was provided
	 * @param jdbcUrl the URL of the test database
	 * @param username the user
	 * @param password the password, may be null
	 */
	public record Connection(Kind kind, String jdbcUrl, String username, String password) {
	}

	private static volatile Connection connection;

	private TestDatabase() {
	}

	/** The test database, started or created on first use. */
	public static Connection get() {
		Connection current = connection;
		if (current == null) {
			synchronized (TestDatabase.class) {
				current = connection;
				if (current == null) {
					current = provide();
					connection = current;
					System.out.println("[vfbridge tests] PostgreSQL: " + current.kind() + " — "
							+ current.jdbcUrl().replaceAll("password=[^&]*", "password=***"));
				}
			}
		}
		return current;
	}

	private static Connection provide() {
		String configured = System.getProperty("vfbridge.test.database.url",
				System.getenv("VFBRIDGE_TEST_DATABASE_URL"));
		if (configured != null && !configured.isBlank()) {
			return freshDatabaseOn(configured);
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

	/**
	 * Creates {@code vfbridge_test_<time>_<random>} on the configured server and drops it
	 * at JVM exit.
	 */
	private static Connection freshDatabaseOn(String serverUrl) {
		String name = "vfbridge_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "_"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
		execute(serverUrl, "CREATE DATABASE " + name);
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> execute(serverUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"),
					"drop-test-database"));
		String url = replaceDatabase(serverUrl, name);
		Properties parameters = parameters(serverUrl);
		return new Connection(Kind.CONFIGURED, url, parameters.getProperty("user", "postgres"),
				parameters.getProperty("password"));
	}

	private static void execute(String url, String sql) {
		try (java.sql.Connection admin = DriverManager.getConnection(url);
				Statement statement = admin.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not run '" + sql + "' on the configured test server", ex);
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
