package io.vfbridge.billing;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.vfbridge.testsupport.TcpProxy;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import io.vfbridge.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL going away under intake: requests are refused with 503 and
 * {@code Retry-After}, nothing is half-stored, and intake recovers on its own when the
 * database returns.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = DatabaseOutageIntegrationTests.ThroughProxy.class)
@ActiveProfiles("test")
class DatabaseOutageIntegrationTests {

	static TcpProxy proxy;

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	@AfterAll
	static void closeProxy() throws IOException {
		if (proxy != null) {
			proxy.close();
		}
	}

	@Test
	void refusesWith503WhileTheDatabaseIsDownAndRecoversWhenItReturns() throws IOException {
		TestApi api = new TestApi(this.port, this.clock);
		String serviceId = "svc-outage-" + UUID.randomUUID();
		assertThat(api.webhook(IntakeIntegrationTests.suspend(serviceId)).status()).isEqualTo(202);

		proxy.cut();
		String id = "msg_during_outage_" + serviceId;
		String body = TestApi.envelope("service.unsuspend", IntakeIntegrationTests.serviceData(serviceId));
		Answer refused = api.webhook(id, body);
		IntakeIntegrationTests.assertProblem(refused, 503, "database-unavailable");
		assertThat(refused.headers().firstValue("Retry-After")).contains("5");

		proxy.restore();
		// the billing system retries the same delivery: it was not stored, so it is new
		// now
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> api.webhook(id, body).status() == 202);
		assertThat(this.jdbc.queryForObject("select count(*) from job where service_id = ?", Integer.class, serviceId))
			.isEqualTo(2);
		assertThat(api.webhook(id, body).status()).as("and a repeat is a repeat").isEqualTo(200);
	}

	@Test
	void reportsNotReadyWhileTheDatabaseIsDown() throws IOException {
		TestApi api = new TestApi(this.port, this.clock);
		assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
		proxy.cut();
		try {
			Answer readiness = api.get("/actuator/health/readiness", null);
			assertThat(readiness.status()).as(readiness.body()).isEqualTo(503);
			assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
			assertThat(api.get("/actuator/health/liveness", null).status()).as("alive, so not restarted")
				.isEqualTo(200);
		}
		finally {
			proxy.restore();
		}
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> api.get("/actuator/health/readiness", null).status() == 200);
	}

	/** Points the application at the test database through the proxy. */
	static class ThroughProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			TestDatabase.Connection database = TestDatabase.freshDatabase();
			URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
			try {
				proxy = new TcpProxy(uri.getHost(), uri.getPort());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			String url = database.jdbcUrl().replace(uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + proxy.port());
			Map<String, Object> properties = new java.util.HashMap<>();
			properties.put("spring.datasource.url", url);
			properties.put("spring.datasource.username", database.username());
			if (database.password() != null) {
				properties.put("spring.datasource.password", database.password());
			}
			properties.put("vfbridge.jobs.enabled", "false");
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("proxied-database", properties));
		}

	}

}
