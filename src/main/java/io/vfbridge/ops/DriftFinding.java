package io.vfbridge.ops;

import java.time.Instant;
import java.util.UUID;

/**
 * One difference between vfbridge and VirtFusion, with the fix it suggests.
 *
 * @param id the finding's id (apply it with {@code POST /v1/ops/drift/{id}/apply})
 * @param kind what differs
 * @param panel the VirtFusion panel
 * @param serviceId the billing service, null for an orphan server
 * @param customerId the billing customer
 * @param serverId the VirtFusion server, if any
 * @param operationId the stuck operation ({@code service_stuck}), if any
 * @param expected what vfbridge expects
 * @param actual what VirtFusion (or the queue) has
 * @param detail the finding in words
 * @param action the suggested fix
 * @param actionDescription the fix in words
 * @param appliedAt when the fix was applied, or null
 * @param appliedBy who applied it (an API key's name, or {@code auto-apply})
 * @param appliedOperationId the operation that carries the fix
 */
public record DriftFinding(UUID id, String kind, String panel, String serviceId, String customerId, Long serverId,
		UUID operationId, String expected, String actual, String detail, String action, String actionDescription,
		Instant appliedAt, String appliedBy, UUID appliedOperationId) {

	/** A new, unapplied finding. */
	static DriftFinding of(DriftKind kind, String panel, String serviceId, String customerId, Long serverId,
			UUID operationId, String expected, String actual, String detail, DriftAction action,
			String actionDescription) {
		return new DriftFinding(UUID.randomUUID(), kind.value(), panel, serviceId, customerId, serverId, operationId,
				expected, actual, detail, action.value(), actionDescription, null, null, null);
	}

}
