package io.vfbridge.ops;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The result of one reconciliation run.
 *
 * @param id the report's id
 * @param operationId the run's operation
 * @param trigger {@code schedule} or {@code operator}
 * @param startedAt when the comparison began
 * @param finishedAt when it ended
 * @param servicesChecked service mappings compared
 * @param customersChecked customers whose servers were listed (for orphans)
 * @param errors what could not be read (the report is partial when not empty)
 * @param findings the differences, each with its suggested fix
 */
public record DriftReport(UUID id, UUID operationId, String trigger, Instant startedAt, Instant finishedAt,
		int servicesChecked, int customersChecked, List<String> errors, List<DriftFinding> findings) {

	public DriftReport {
		errors = List.copyOf(errors);
		findings = List.copyOf(findings);
	}

}
