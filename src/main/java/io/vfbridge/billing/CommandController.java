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

	/**
	 * Links an existing VirtFusion server to the service (taking over a server made by
	 * another billing module); the server itself is never changed.
	 */
	@PostMapping("/v1/services/{serviceId}/import")
	@RequiresRole({ Role.BILLING, Role.OPERATOR })
	ResponseEntity<Map<String, Object>> importService(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_IMPORT, serviceId, null);
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

	// ---- network, traffic, backups, VNC, SSH keys and self service: billing;
	// the
	// operator role may call everything

	@PostMapping("/v1/services/{serviceId}/firewall/enable")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> enableFirewall(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_FIREWALL_ENABLE, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/firewall/disable")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> disableFirewall(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_FIREWALL_DISABLE, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/firewall/rulesets")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> applyFirewallRulesets(@PathVariable String serviceId,
			HttpServletRequest request) throws IOException {
		return command(request, EventType.SERVICE_FIREWALL_RULESETS, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/whitelist/add")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> addWhitelistAddress(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_WHITELIST_ADD, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/whitelist/remove")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> removeWhitelistAddress(@PathVariable String serviceId,
			HttpServletRequest request) throws IOException {
		return command(request, EventType.SERVICE_WHITELIST_REMOVE, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/ipv4/add-quantity")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> addIpv4Quantity(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_IPV4_ADD_QUANTITY, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/ipv4/add")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> addIpv4Addresses(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_IPV4_ADD, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/ipv4/remove")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> removeIpv4Addresses(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_IPV4_REMOVE, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/traffic-blocks/add")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> addTrafficBlock(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_TRAFFIC_BLOCK_ADD, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/traffic-blocks/remove")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> removeTrafficBlock(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_TRAFFIC_BLOCK_REMOVE, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/traffic-allowance")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> setTrafficAllowance(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_TRAFFIC_ALLOWANCE, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/backup-plan/set")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> setBackupPlan(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_BACKUP_PLAN_SET, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/backup-plan/remove")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> removeBackupPlan(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_BACKUP_PLAN_REMOVE, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/vnc/enable")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> enableVnc(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_VNC_ENABLE, serviceId, null);
	}

	@PostMapping("/v1/services/{serviceId}/vnc/disable")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> disableVnc(@PathVariable String serviceId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.SERVICE_VNC_DISABLE, serviceId, null);
	}

	@PostMapping("/v1/customers/{customerId}/ssh-keys/add")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> addSshKey(@PathVariable String customerId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.CUSTOMER_SSH_KEY_ADD, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/ssh-keys/delete")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> deleteSshKey(@PathVariable String customerId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.CUSTOMER_SSH_KEY_DELETE, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/credit/add")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> addCredit(@PathVariable String customerId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.CUSTOMER_CREDIT_ADD, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/credit/cancel")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> cancelCredit(@PathVariable String customerId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.CUSTOMER_CREDIT_CANCEL, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/hourly-group-profiles/add")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> addHourlyGroupProfile(@PathVariable String customerId,
			HttpServletRequest request) throws IOException {
		return command(request, EventType.CUSTOMER_HOURLY_GROUP_PROFILE_ADD, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/hourly-group-profiles/remove")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> removeHourlyGroupProfile(@PathVariable String customerId,
			HttpServletRequest request) throws IOException {
		return command(request, EventType.CUSTOMER_HOURLY_GROUP_PROFILE_REMOVE, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/resource-group-profiles/add")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> addResourceGroupProfile(@PathVariable String customerId,
			HttpServletRequest request) throws IOException {
		return command(request, EventType.CUSTOMER_RESOURCE_GROUP_PROFILE_ADD, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/resource-group-profiles/remove")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> removeResourceGroupProfile(@PathVariable String customerId,
			HttpServletRequest request) throws IOException {
		return command(request, EventType.CUSTOMER_RESOURCE_GROUP_PROFILE_REMOVE, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/resource-packs/add")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> addResourcePack(@PathVariable String customerId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.CUSTOMER_RESOURCE_PACK_ADD, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/resource-packs/modify")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> modifyResourcePack(@PathVariable String customerId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.CUSTOMER_RESOURCE_PACK_MODIFY, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/resource-packs/delete")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> deleteResourcePack(@PathVariable String customerId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.CUSTOMER_RESOURCE_PACK_DELETE, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/resource-packs/suspend-servers")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> suspendResourcePackServers(@PathVariable String customerId,
			HttpServletRequest request) throws IOException {
		return command(request, EventType.CUSTOMER_RESOURCE_PACK_SUSPEND_SERVERS, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/resource-packs/unsuspend-servers")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> unsuspendResourcePackServers(@PathVariable String customerId,
			HttpServletRequest request) throws IOException {
		return command(request, EventType.CUSTOMER_RESOURCE_PACK_UNSUSPEND_SERVERS, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/resource-packs/delete-servers")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> deleteResourcePackServers(@PathVariable String customerId,
			HttpServletRequest request) throws IOException {
		return command(request, EventType.CUSTOMER_RESOURCE_PACK_DELETE_SERVERS, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/hourly-resource-pack")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> setHourlyResourcePack(@PathVariable String customerId,
			HttpServletRequest request) throws IOException {
		return command(request, EventType.CUSTOMER_HOURLY_RESOURCE_PACK_SET, null, customerId);
	}

	@PostMapping("/v1/customers/{customerId}/self-service-access")
	@RequiresRole(Role.BILLING)
	ResponseEntity<Map<String, Object>> modifySelfServiceAccess(@PathVariable String customerId,
			HttpServletRequest request) throws IOException {
		return command(request, EventType.CUSTOMER_SELF_SERVICE_ACCESS, null, customerId);
	}

	/** Adds an IPv4 range to a VirtFusion IP block: operators only. */
	@PostMapping("/v1/ip-blocks/{blockId}/ranges")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<Map<String, Object>> addIpBlockRange(@PathVariable String blockId, HttpServletRequest request)
			throws IOException {
		return command(request, EventType.IP_BLOCK_RANGE_ADD, null, null, blockId);
	}

	private ResponseEntity<Map<String, Object>> command(HttpServletRequest request, EventType type, String serviceId,
			String customerId) throws IOException {
		return command(request, type, serviceId, customerId, null);
	}

	private ResponseEntity<Map<String, Object>> command(HttpServletRequest request, EventType type, String serviceId,
			String customerId, String ipBlockId) throws IOException {
		String key = request.getHeader("Idempotency-Key");
		if (key == null || key.isBlank() || key.length() > 255) {
			throw new InvalidRequestException("Idempotency-Key", "header is required (1-255 characters)");
		}
		byte[] body = this.reader.body(request, type == EventType.SERVICE_CREATE || type == EventType.CUSTOMER_UPSERT);
		ObjectNode data = (body.length == 0) ? this.json.createObjectNode() : this.reader.object(body, "body");
		fillFromPath(data, "service", serviceId);
		fillFromPath(data, "customer", customerId);
		fillIpBlockFromPath(data, ipBlockId);
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
		return IntakeResponses.of(this.intake.accept("rest", caller.name(), "rest:" + caller.name() + ":" + key, hash,
				type, event, envelope.toString()));
	}

	/** Puts the path's IP block id into {@code ipBlock.id}, as a number. */
	private void fillIpBlockFromPath(ObjectNode data, String blockId) {
		if (blockId == null) {
			return;
		}
		if (!blockId.matches("[1-9][0-9]{0,17}")) {
			throw new InvalidRequestException("ipBlock.id", "must be a positive integer");
		}
		fillFromPath(data, "ipBlock", blockId);
		((ObjectNode) data.get("ipBlock")).put("id", Long.parseLong(blockId));
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
