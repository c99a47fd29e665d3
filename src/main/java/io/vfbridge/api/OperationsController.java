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

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

	/**
	 * The operation; a new root password or other secret in its result only for the key
	 * that submitted it (see {@link Operations#read}).
	 */
	@GetMapping("/v1/operations/{id}")
	@RequiresRole({ Role.BILLING, Role.STOREFRONT })
	ResponseEntity<OperationView> operation(@PathVariable UUID id, HttpServletRequest request) {
		return noStore(this.operations.read(id, caller(request)).orElseThrow(() -> notFound(id)));
	}

	@GetMapping("/v1/services/{serviceId}/operations")
	@RequiresRole({ Role.BILLING, Role.STOREFRONT })
	ResponseEntity<List<OperationView>> serviceOperations(@PathVariable String serviceId,
			@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 500) {
			throw Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
					"limit must be between 1 and 500");
		}
		return noStore(this.operations.forService(serviceId, limit));
	}

	@PostMapping("/v1/operations/{id}/retry")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<OperationView> retry(@PathVariable UUID id, HttpServletRequest request) {
		return noStore(this.operations.retry(id, caller(request).name()).orElseThrow(() -> notFound(id)));
	}

	@PostMapping("/v1/operations/{id}/cancel")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<OperationView> cancel(@PathVariable UUID id, HttpServletRequest request) {
		return noStore(this.operations.cancel(id, caller(request).name()).orElseThrow(() -> notFound(id)));
	}

	/** Operations may carry a secret: no cache may keep them. */
	private static <T> ResponseEntity<T> noStore(T body) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

	private static ApiPrincipal caller(HttpServletRequest request) {
		return (ApiPrincipal) request.getAttribute(ApiPrincipal.ATTRIBUTE);
	}

	private static ErrorResponseException notFound(UUID id) {
		return Problems.problem(HttpStatus.NOT_FOUND, "operation-not-found", "Operation not found",
				"no operation " + id);
	}

}
