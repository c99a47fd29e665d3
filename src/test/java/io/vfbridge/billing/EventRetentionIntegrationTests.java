package io.vfbridge.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.TestApi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency keys live for the configured retention (30 days by default), then are
 * forgotten.
 */
@IntegrationTest(properties = "vfbridge.jobs.enabled=false")
class EventRetentionIntegrationTests {

	@Autowired
	EventRetention retention;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	@LocalServerPort
	int port;

	@Test
	void forgetsEventsOnlyAfterTheRetention() {
		TestApi api = new TestApi(this.port, this.clock);
		String serviceId = "svc-retention-" + UUID.randomUUID();
		String id = "msg_retention_" + serviceId;
		String body = IntakeIntegrationTests.suspend(serviceId);
		assertThat(api.webhook(id, body).status()).isEqualTo(202);
		age("webhook:" + id, Duration.ofDays(29));
		this.retention.purge();
		assertThat(api.webhook(id, body).status()).as("still remembered after 29 days").isEqualTo(200);
		age("webhook:" + id, Duration.ofDays(31));
		assertThat(this.retention.purge()).isGreaterThanOrEqualTo(1);
		assertThat(this.jdbc.queryForObject("select count(*) from inbound_event where idempotency_key = ?",
				Integer.class, "webhook:" + id))
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from job where service_id = ?", Integer.class, serviceId))
			.as("the operation itself is kept")
			.isEqualTo(1);
	}

	private void age(String key, Duration age) {
		this.jdbc.update("update inbound_event set received_at = ? where idempotency_key = ?",
				Timestamp.from(this.clock.instant().minus(age)), key);
	}

}
