package io.vfbridge.ops;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.vfbridge.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas that start together on an empty database (a Helm rollout, docker-compose with
 * several instances) run the application's migrations at the same moment: Flyway's
 * PostgreSQL advisory lock must let exactly one apply each version while the others wait.
 */
class ConcurrentMigrationIntegrationTests {

	private static final int REPLICAS = 3;

	@Test
	void appliesEachMigrationOnceWhenReplicasStartTogether() throws Exception {
		TestDatabase.Connection database = TestDatabase.freshDatabase();
		CyclicBarrier start = new CyclicBarrier(REPLICAS);
		ExecutorService replicas = Executors.newFixedThreadPool(REPLICAS);
		List<Future<MigrateResult>> results = new ArrayList<>();
		try {
			for (int i = 0; i < REPLICAS; i++) {
				results.add(replicas.submit(() -> {
					Flyway flyway = Flyway.configure()
						.dataSource(database.jdbcUrl(), database.username(), database.password())
						.locations("classpath:db/migration")
						.load();
					start.await(30, TimeUnit.SECONDS);
					return flyway.migrate();
				}));
			}
			int applied = 0;
			for (Future<MigrateResult> result : results) {
				MigrateResult migration = result.get(120, TimeUnit.SECONDS);
				assertThat(migration.success).isTrue();
				applied += migration.migrationsExecuted;
			}
			List<String> history = history(database);
			assertThat(history).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
			assertThat(applied).as("migrations applied by all replicas together").isEqualTo(history.size());
		}
		finally {
			replicas.shutdownNow();
		}
	}

	private static List<String> history(TestDatabase.Connection database) throws Exception {
		Properties credentials = new Properties();
		credentials.setProperty("user", database.username());
		if (database.password() != null) {
			credentials.setProperty("password", database.password());
		}
		List<String> versions = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), credentials);
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("select version from flyway_schema_history where version is not null and success")) {
			while (rows.next()) {
				versions.add(rows.getString(1));
			}
		}
		return versions;
	}

}
