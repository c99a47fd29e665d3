package io.vfbridge.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vfbridge.provisioning.ServiceUsage;
import io.vfbridge.provisioning.UsageStore;
import io.vfbridge.provisioning.UsageSync;
import io.vfbridge.security.Problems;
import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The usage vfbridge pulls from VirtFusion (traffic per period, disk), with each
 * service's last sync and its error, for billing; operators can start a sync.
 */
@RestController
class UsageController {

	private final UsageStore store;

	private final UsageSync sync;

	UsageController(UsageStore store, UsageSync sync) {
		this.store = store;
		this.sync = sync;
	}

	/** A service's usage, every period newest first, and how its last sync went. */
	@GetMapping("/v1/services/{serviceId}/usage")
	@RequiresRole(Role.BILLING)
	ServiceUsage serviceUsage(@PathVariable String serviceId) {
		return this.store.forService(serviceId)
			.orElseThrow(() -> Problems.problem(HttpStatus.NOT_FOUND, "service-not-found", "Service not found",
					"vfbridge knows no service " + serviceId));
	}

	/**
	 * Every service synced at or after {@code since} (ISO-8601; all when absent), with
	 * its current period.
	 */
	@GetMapping("/v1/usage")
	@RequiresRole(Role.BILLING)
	Map<String, Object> usage(@RequestParam(required = false) String since) {
		Instant from = Instant.EPOCH;
		if (since != null) {
			try {
				from = OffsetDateTime.parse(since).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw invalid("since", "must be an ISO-8601 date-time such as 2026-11-26T10:00:00Z");
			}
		}
		List<ServiceUsage> services = this.store.syncedSince(from);
		return Map.of("since", from.toString(), "services", services);
	}

	/** Starts a usage sync now (operators), after any run already queued or running. */
	@PostMapping("/v1/usage/sync")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<Map<String, Object>> syncNow() {
		UUID id = this.sync.runNow();
		return ResponseEntity.accepted()
			.header("Location", "/v1/operations/" + id)
			.body(Map.of("operationId", id.toString(), "status", "queued"));
	}

	private static ErrorResponseException invalid(String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
		problem.setType(Problems.type("invalid-request"));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

}
