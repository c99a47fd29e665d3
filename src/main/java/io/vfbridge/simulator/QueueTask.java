package io.vfbridge.simulator;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A queue item for hypervisor work (power, password reset, VNC): it starts when queued
 * and finishes when its simulated task time has passed; progress is read off the clock.
 */
record QueueTask(int id, String jobId, int serverId, int hypervisorId, String action, String job, Instant started,
		Instant due) {

	boolean finishedAt(Instant now) {
		return !now.isBefore(this.due);
	}

	@Nullable Instant finished(Instant now) {
		return finishedAt(now) ? this.due : null;
	}

	int progress(Instant now) {
		if (finishedAt(now)) {
			return 100;
		}
		long total = Duration.between(this.started, this.due).toMillis();
		long done = Duration.between(this.started, now).toMillis();
		return (total <= 0) ? 100 : (int) Math.max(0, Math.min(99, done * 100 / total));
	}

}
