package io.vfbridge.billing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.vfbridge.provisioning.EventData;
import io.vfbridge.security.ApiPrincipal;
import io.vfbridge.security.Problems;
import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST equivalents of the webhook event types, for storefronts and internal callers:
 * API key authentication and an {@code Idempotency-Key} header (scoped to the key's
 * name). The body is the event's {@code data}; ids in the path fill it in and must agree
 * with it.
 */
@RestController
class CommandController {

	private final EventReader reader;

	private final EventIntake intake;

	private final JsonMapper json;

	CommandController(EventReader reader, EventIntake intake, JsonMapper json) {
		this.reader = reader;
		this.intake = intake;
		this.json = json;
	}

	@PostMapping("/v1/services")
	@RequiresRole({ Role.BILLING, Role.STOREFRONT })
	ResponseEntity<Map<String, Object>> create(HttpServletRequest request) throws IOException {
		return command(request, EventType.SERVICE_CREATE, null, null);
	}

	@PostMapping("/v1/services/{serviceId}/suspend")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> suspend(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_SUSPEND, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/unsuspend")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> unsuspend(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_UNSUSPEND, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/terminate")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> terminate(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_TERMINATE, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/change-package")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> changePackage(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_CHANGE_PACKAGE, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/resize")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> resize(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_RESIZE, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/change-owner")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> changeOwner(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_CHANGE_OWNER, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/rename")
	@RequiresRole({ Role.BILLING, Role.STOREFRONT })
	ResponseEntity<Map<String, Object>> rename(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_RENAME, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/reset-password")
	@RequiresRole({ Role.BILLING, Role.STOREFRONT })
	ResponseEntity<Map<String, Object>> resetPassword(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_RESET_PASSWORD, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/rebuild")
	@RequiresRole({ Role.BILLING, Role.STOREFRONT })
	ResponseEntity<Map<String, Object>> rebuild(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_REBUILD, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/power")
	@RequiresRole({ Role.BILLING, Role.STOREFRONT })
	ResponseEntity<Map<String, Object>> power(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_POWER, serviceId, null);
	}

	@PutMapping("/v1/customers/{customerId}")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> upsertCustomer(@PathVariable String customerId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.CUSTOMER_UPSERT, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/reset-password")
	@RequiresRole({ Role.BILLING, Role.STOREFRONT })
	ResponseEntity<Map<String, Object>> resetCustomerPassword(@PathVariable String customerId,
			HttpServletRequest request) throws IOException {
		return command(request, EventType.CUSTOMER_RESET_PASSWORD, null, customerId);
	}

	@DeleteMapping("/v1/customers/{customerId}")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> deleteCustomer(@PathVariable String customerId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.CUSTOMER_DELETE, null, customerId);
	}

	private ResponseEntity<Map<String, Object>> command(HttpServletRequest request, EventType type, String serviceId,
			String customerId) throws IOException {
		String key = request.getHeader("Idempotency-Key");
		if (key == null || key.isBlank() || key.length() > 255) {
			throw new InvalidRequestException("Idempotency-Key", "header is required (1-255 characters)");
		}
		byte[] body = this.reader.body(request, type == EventType.SERVICE_CREATE || type == EventType.CUSTOMER_UPSERT);
		ObjectNode data = (body.length == 0) ? this.json.createObjectNode() : this.reader.object(body, "body");
		fillFromPath(data, "service", serviceId);
		fillFromPath(data, "customer", customerId);
		EventData event = this.reader.data(type, data, "");
		ApiPrincipal caller = (ApiPrincipal) request.getAttribute(ApiPrincipal.ATTRIBUTE);
		// what makes the request this request: a repeat must match it, a reused key for
		// another one must not
		String identity = request.getMethod() + " " + request.getRequestURI() + "\n" + data;
		byte[] hash = WebhookController.sha256(identity.getBytes(StandardCharsets.UTF_8));
		ObjectNode envelope = this.json.createObjectNode();
		envelope.put("type", type.wireName());
		envelope.put("apiKey", caller.name());
		envelope.set("data", data);
		return IntakeResponses.of(this.intake.accept("rest", "rest:" + caller.name() + ":" + key, hash, type, event,
				envelope.toString()));
	}

	/**
	 * Puts the path's id into {@code data.<object>.id}, refusing a body that names
	 * another.
	 */
	private void fillFromPath(ObjectNode data, String object, String id) {
		if (id == null) {
			return;
		}
		if (data.has(object) && !data.get(object).isObject()) {
			throw new InvalidRequestException(object, "must be an object");
		}
		ObjectNode target = data.has(object) ? (ObjectNode) data.get(object) : data.putObject(object);
		JsonNode given = target.get("id");
		if (given != null && !given.isNull() && !given.isString() && !given.isNumber()) {
			throw new InvalidRequestException(object + ".id", "has the wrong type");
		}
		if (given != null && !given.isNull() && !id.equals(given.asString())) {
			throw Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
					object + ".id in the body differs from the id in the path");
		}
		target.put("id", id);
	}

}
