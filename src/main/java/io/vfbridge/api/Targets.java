package io.vfbridge.api;

import java.util.List;

import io.vfbridge.billing.InvalidRequestException;
import io.vfbridge.customers.CustomerMapping;
import io.vfbridge.customers.Customers;
import io.vfbridge.customers.ServiceMapping;
import io.vfbridge.security.Problems;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionClients;
import io.vfbridge.virtfusion.model.ExtRelationId;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Resolves what a read is about (a panel named by a query parameter, a billing service
 * and its server, a billing customer and its VirtFusion user) and answers the problem
 * when it cannot: 400 for an unknown panel, 404 for an unknown service or customer, 409
 * while the VirtFusion side does not exist yet.
 */
@Component
class Targets {

	private final VirtFusionClients clients;

	private final Customers customers;

	Targets(VirtFusionClients clients, Customers customers) {
		this.clients = clients;
		this.customers = customers;
	}

	/** The panel named by the {@code panel} query parameter, the default when absent. */
	String panel(String requested) {
		if (requested == null || requested.isBlank()) {
			return this.clients.defaultPanel();
		}
		if (!this.clients.has(requested)) {
			throw new InvalidRequestException("panel",
					"unknown VirtFusion panel '" + requested + "'; configured: " + List.copyOf(this.clients.panels()));
		}
		return requested;
	}

	/** The interactive client of a panel returned by {@link #panel(String)}. */
	VirtFusionClient client(String panel) {
		return this.clients.interactiveClient(panel);
	}

	/** A billing service that has a VirtFusion server. */
	ServiceTarget service(String serviceId) {
		ServiceMapping service = this.customers.findService(serviceId)
			.orElseThrow(() -> Problems.problem(HttpStatus.NOT_FOUND, "service-not-found", "Service not found",
					"vfbridge knows no service " + serviceId));
		if (service.serverId() == null) {
			throw Problems.problem(HttpStatus.CONFLICT, "service-has-no-server", "Service has no server yet",
					"service " + serviceId + " is " + service.state().value()
							+ " and has no VirtFusion server yet; follow its operations");
		}
		CustomerMapping customer = this.customers.findCustomer(service.customerId()).orElse(null);
		return new ServiceTarget(service, customer, this.clients.interactiveClient(service.panel()),
				service.serverId());
	}

	/** A billing customer on a panel. */
	CustomerTarget customer(String customerId, String panel) {
		CustomerMapping customer = this.customers.findCustomer(customerId, panel)
			.orElseThrow(() -> Problems.problem(HttpStatus.NOT_FOUND, "customer-not-found", "Customer not found",
					"vfbridge knows no customer " + customerId + " on panel '" + panel + "'"));
		return new CustomerTarget(customer, this.clients.interactiveClient(panel));
	}

	/**
	 * A service and the server it maps to.
	 *
	 * @param service the mapping
	 * @param customer its customer's mapping, null if it was lost
	 * @param client the client of the service's panel
	 * @param serverId the VirtFusion server
	 */
	record ServiceTarget(ServiceMapping service, CustomerMapping customer, VirtFusionClient client, long serverId) {

		/** The owner's external id, for the user-keyed operations. */
		ExtRelationId owner() {
			if (this.customer == null || this.customer.extRelationId() == null) {
				throw Problems.problem(HttpStatus.CONFLICT, "customer-has-no-user", "Customer has no VirtFusion user",
						"the customer of service " + this.service.billingId() + " has no VirtFusion user");
			}
			return ExtRelationId.of(this.customer.extRelationId());
		}

		/** The problem when VirtFusion no longer has the server. */
		ErrorResponseException serverGone() {
			return Problems.problem(HttpStatus.NOT_FOUND, "server-not-found", "Server not found",
					"VirtFusion has no server " + this.serverId + " for service " + this.service.billingId()
							+ " (state " + this.service.state().value() + ")");
		}

	}

	/**
	 * A customer and the client of its panel.
	 *
	 * @param customer the mapping
	 * @param client the client of the panel
	 */
	record CustomerTarget(CustomerMapping customer, VirtFusionClient client) {

		/** The external id VirtFusion knows the user by. */
		ExtRelationId extRelationId() {
			if (this.customer.extRelationId() == null || "deleted".equals(this.customer.state())) {
				throw noUser();
			}
			return ExtRelationId.of(this.customer.extRelationId());
		}

		/** The internal VirtFusion user id, once the user exists. */
		long userId() {
			if (this.customer.virtfusionUserId() == null) {
				throw noUser();
			}
			return this.customer.virtfusionUserId();
		}

		private ErrorResponseException noUser() {
			return Problems.problem(HttpStatus.CONFLICT, "customer-has-no-user", "Customer has no VirtFusion user",
					"customer " + this.customer.billingId() + " has no VirtFusion user on panel '"
							+ this.customer.panel() + "' (state " + this.customer.state() + ")");
		}

	}

}
