package io.vfbridge.api;

import java.util.List;
import java.util.UUID;

import io.vfbridge.provisioning.OperationView;
import io.vfbridge.provisioning.Operations;
import io.vfbridge.security.ApiPrincipal;
import io.vfbridge.security.Problems;
import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fate of operations: reads for billing and storefronts, retry and cancel for
 * operators.
 */
@RestController
class OperationsController {

	private final Operations operations;

	OperationsController(Operations operations) {
		this.operations = operations;
	}

	@GetMapping("/v1/operations/{id}")
	@RequiresRole({ Role.BILLING, Role.STOREFRONT })
	OperationView operation(@PathVariable UUID id) {
		return this.operations.deliver(id).orElseThrow(() -> notFound(id));
	}

	@GetMapping("/v1/services/{serviceId}/operations")
	@RequiresRole({ Role.BILLING, Role.STOREFRONT })
	List<OperationView> serviceOperations(@PathVariable String serviceId,
			@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 500) {
			throw Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
					"limit must be between 1 and 500");
		}
		return this.operations.forService(serviceId, limit);
	}

	@PostMapping("/v1/operations/{id}/retry")
	@RequiresRole(Role.OPERATOR)
	OperationView retry(@PathVariable UUID id, HttpServletRequest request) {
		return this.operations.retry(id, actor(request)).orElseThrow(() -> notFound(id));
	}

	@PostMapping("/v1/operations/{id}/cancel")
	@RequiresRole(Role.OPERATOR)
	OperationView cancel(@PathVariable UUID id, HttpServletRequest request) {
		return this.operations.cancel(id, actor(request)).orElseThrow(() -> notFound(id));
	}

	private static String actor(HttpServletRequest request) {
		return ((ApiPrincipal) request.getAttribute(ApiPrincipal.ATTRIBUTE)).name();
	}

	private static ErrorResponseException notFound(UUID id) {
		return Problems.problem(HttpStatus.NOT_FOUND, "operation-not-found", "Operation not found",
				"no operation " + id);
	}

}
