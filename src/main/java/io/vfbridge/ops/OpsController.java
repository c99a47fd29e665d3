package io.vfbridge.ops;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.vfbridge.provisioning.JobStatus;
import io.vfbridge.provisioning.OperationView;
import io.vfbridge.provisioning.Operations;
import io.vfbridge.provisioning.QueueOverview;
import io.vfbridge.security.ApiPrincipal;
import io.vfbridge.security.Problems;
import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;
import io.vfbridge.virtfusion.VirtFusionClients;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator API behind the operator page: the queue at a glance, operations by status,
 * circuit breakers per panel, and reconciliation (trigger, latest drift report, apply a
 * finding). Every endpoint needs the {@code operator} role.
 */
@RestController
@RequiresRole(Role.OPERATOR)
class OpsController {

	private static final int MAX_LIMIT = 500;

	private final Operations operations;

	private final QueueOverview queue;

	private final VirtFusionClients clients;

	private final Reconciliation reconciliation;

	OpsController(Operations operations, QueueOverview queue, VirtFusionClients clients,
			Reconciliation reconciliation) {
		this.operations = operations;
		this.queue = queue;
		this.clients = clients;
		this.reconciliation = reconciliation;
	}

	@GetMapping("/v1/ops/summary")
	QueueOverview.Summary summary(@RequestParam(defaultValue = "60") int windowSeconds) {
		if (windowSeconds < 1 || windowSeconds > 86_400) {
			throw invalid("windowSeconds", "must be between 1 and 86400");
		}
		return this.queue.summary(Duration.ofSeconds(windowSeconds));
	}

	@GetMapping("/v1/ops/operations")
	List<OperationView> operations(@RequestParam String status, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw invalid("limit", "must be between 1 and " + MAX_LIMIT);
		}
		JobStatus wanted = Arrays.stream(JobStatus.values())
			.filter((candidate) -> candidate.value().equals(status.toLowerCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> invalid("status", "must be one of "
					+ Arrays.stream(JobStatus.values()).map(JobStatus::value).collect(Collectors.joining(", "))));
		return this.operations.withStatus(wanted, limit);
	}

	@GetMapping("/v1/ops/circuit-breakers")
	List<VirtFusionClients.BreakerState> circuitBreakers() {
		return this.clients.circuitBreakers();
	}

	@PostMapping("/v1/ops/reconciliation")
	ResponseEntity<Map<String, Object>> reconcile() {
		UUID operation = this.reconciliation.trigger();
		return ResponseEntity.accepted()
			.location(URI.create("/v1/operations/" + operation))
			.body(Map.of("operationId", operation, "status", "queued"));
	}

	@GetMapping("/v1/ops/drift")
	DriftReport drift() {
		return this.reconciliation.latest()
			.orElseThrow(() -> Problems.problem(HttpStatus.NOT_FOUND, "drift-report-not-found", "No drift report yet",
					"no reconciliation run has finished yet; POST /v1/ops/reconciliation"));
	}

	@PostMapping("/v1/ops/drift/{findingId}/apply")
	ResponseEntity<DriftFinding> apply(@PathVariable UUID findingId, HttpServletRequest request) {
		String actor = ((ApiPrincipal) request.getAttribute(ApiPrincipal.ATTRIBUTE)).name();
		Reconciliation.Applied applied = this.reconciliation.apply(findingId, actor);
		return ResponseEntity.status(applied.newlyApplied() ? HttpStatus.ACCEPTED : HttpStatus.OK)
			.location(URI.create("/v1/operations/" + applied.finding().appliedOperationId()))
			.body(applied.finding());
	}

	private static ErrorResponseException invalid(String field, String message) {
		ErrorResponseException ex = Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				field + " " + message);
		ex.getBody().setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return ex;
	}

}
