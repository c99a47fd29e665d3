package io.vfbridge.ops;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks for the current period's reconciliation run every minute. Every instance asks; the
 * run of a period is enqueued once ({@code PeriodicJobs}), so the cluster runs it once
 * per {@code vfbridge.reconciliation.interval}.
 */
@Component
@ConditionalOnBooleanProperty(name = "vfbridge.reconciliation.enabled", matchIfMissing = true)
class ReconciliationSchedule {

	private final Reconciliation reconciliation;

	ReconciliationSchedule(Reconciliation reconciliation) {
		this.reconciliation = reconciliation;
	}

	@Scheduled(initialDelayString = "PT10S", fixedDelayString = "PT1M")
	void enqueueDueRun() {
		this.reconciliation.schedule();
	}

}
