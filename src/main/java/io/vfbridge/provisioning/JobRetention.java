package io.vfbridge.provisioning;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes finished jobs after {@code vfbridge.jobs.retention} (see
 * {@link JobQueue#purgeFinished}). Safe to run on every instance at once.
 */
@Component
class JobRetention {

	private static final Logger log = LoggerFactory.getLogger(JobRetention.class);

	private static final int BATCH = 5_000;

	private final JobQueue queue;

	private final JobsProperties properties;

	private final Clock clock;

	JobRetention(JobQueue queue, JobsProperties properties, Clock clock) {
		this.queue = queue;
		this.properties = properties;
		this.clock = clock;
	}

	/** Deletes expired jobs in batches; returns how many. */
	@Scheduled(initialDelayString = "PT7M", fixedDelayString = "PT1H")
	int purge() {
		Instant cutoff = this.clock.instant().minus(this.properties.retention());
		int total = 0;
		int deleted;
		do {
			deleted = this.queue.purgeFinished(cutoff, BATCH);
			total += deleted;
		}
		while (deleted == BATCH);
		if (total > 0) {
			log.info("Deleted {} jobs finished more than {} ago", total, this.properties.retention());
		}
		return total;
	}

}
