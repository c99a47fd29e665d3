package io.vfbridge.billing;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets accepted events (and so their idempotency keys) after
 * {@code vfbridge.billing.idempotency-retention} (at least 7 days: billing systems retry
 * for days). Safe to run on every instance at once: each batch skips rows another
 * instance is deleting.
 */
@Component
class EventRetention {

	private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

	private static final int BATCH = 5_000;

	private final JdbcTemplate jdbc;

	private final BillingProperties properties;

	private final Clock clock;

	EventRetention(JdbcTemplate jdbc, BillingProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/** Deletes expired events in batches; returns how many. */
	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
	int purge() {
		Timestamp cutoff = Timestamp.from(this.clock.instant().minus(this.properties.idempotencyRetention()));
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.update("""
					delete from inbound_event where id in (
					    select id from inbound_event where received_at < ? limit ? for update skip locked)
					""", cutoff, BATCH);
			total += deleted;
		}
		while (deleted == BATCH);
		if (total > 0) {
			log.info("Forgot {} billing events older than {}", total, this.properties.idempotencyRetention());
		}
		return total;
	}

}
