package io.vfbridge.api;

import java.time.Instant;
import java.util.List;

import io.vfbridge.customers.CustomerMapping;
import io.vfbridge.customers.Customers;
import io.vfbridge.customers.ServiceMapping;
import io.vfbridge.security.Problems;
import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What vfbridge knows of a billing service or customer: its VirtFusion counterpart and
 * state.
 */
@RestController
class MappingsController {

	private final Customers customers;

	MappingsController(Customers customers) {
		this.customers = customers;
	}

	/**
	 * A service as vfbridge maps it.
	 *
	 * @param serviceId the billing service id
	 * @param customerId the billing customer id
	 * @param panel the VirtFusion panel
	 * @param state pending, provisioning, active, suspended, terminating, terminated,
	 * failed or needs_attention
	 * @param stateReason why it is in that state, when it needs explaining
	 * @param serverId the VirtFusion server
	 * @param serverUuid the server's UUID
	 * @param packageId the VirtFusion package
	 * @param hostname the hostname
	 * @param ipv4 the IPv4 addresses
	 * @param ipv6 the IPv6 subnets
	 * @param createdAt when vfbridge first saw it
	 * @param updatedAt when it last changed
	 */
	record ServiceView(String serviceId, String customerId, String panel, String state, String stateReason,
			Long serverId, String serverUuid, Long packageId, String hostname, List<String> ipv4, List<String> ipv6,
			Instant createdAt, Instant updatedAt) {

		static ServiceView of(ServiceMapping service, CustomerMapping customer) {
			return new ServiceView(service.billingId(), (customer != null) ? customer.billingId() : null,
					service.panel(), service.state().value(), service.stateReason(), service.serverId(),
					service.serverUuid(), service.packageId(), service.hostname(), service.ipv4(), service.ipv6(),
					service.createdAt(), service.updatedAt());
		}

	}

	/**
	 * A customer's mapping on one panel.
	 *
	 * @param customerId the billing customer id
	 * @param panel the VirtFusion panel
	 * @param extRelationId the external relation id VirtFusion knows the user by
	 * @param virtfusionUserId the VirtFusion user id, once the user exists
	 * @param email the email
	 * @param name the name
	 * @param state active, needs_attention or deleted
	 * @param stateReason why, when it needs explaining
	 * @param services the billing ids of its services on this panel
	 */
	record CustomerView(String customerId, String panel, Long extRelationId, Long virtfusionUserId, String email,
			String name, String state, String stateReason, List<String> services) {
	}

	@GetMapping("/v1/services/{serviceId}")
	@RequiresRole({ Role.BILLING, Role.STOREFRONT })
	ServiceView service(@PathVariable String serviceId) {
		ServiceMapping service = this.customers.findService(serviceId)
			.orElseThrow(() -> Problems.problem(HttpStatus.NOT_FOUND, "service-not-found", "Service not found",
					"vfbridge knows no service " + serviceId));
		return ServiceView.of(service, this.customers.findCustomer(service.customerId()).orElse(null));
	}

	@GetMapping("/v1/customers/{customerId}")
	@RequiresRole({ Role.BILLING, Role.STOREFRONT })
	List<CustomerView> customer(@PathVariable String customerId) {
		List<CustomerMapping> mappings = this.customers.customerMappings(customerId);
		if (mappings.isEmpty()) {
			throw Problems.problem(HttpStatus.NOT_FOUND, "customer-not-found", "Customer not found",
					"vfbridge knows no customer " + customerId);
		}
		return mappings.stream()
			.map((c) -> new CustomerView(c.billingId(), c.panel(), c.extRelationId(), c.virtfusionUserId(), c.email(),
					c.name(), c.state(), c.stateReason(),
					this.customers.servicesOf(c.id()).stream().map(ServiceMapping::billingId).toList()))
			.toList();
	}

}
