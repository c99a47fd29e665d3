package io.vfbridge.provisioning;

import java.time.Clock;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Saves a running job's checkpoint in a transaction of its own. */
@Component
class CheckpointStore {

	private final EntityManager entities;

	private final Clock clock;

	CheckpointStore(EntityManager entities, Clock clock) {
		this.entities = entities;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void save(UUID jobId, String owner, String checkpoint) {
		Job job = this.entities.find(Job.class, jobId);
		job.saveCheckpoint(owner, checkpoint, this.clock.instant());
	}

}
