package io.vfbridge.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.vfbridge.customers.CustomerMapping;
import io.vfbridge.customers.Customers;
import io.vfbridge.customers.ServiceMapping;
import io.vfbridge.customers.ServiceState;
import io.vfbridge.virtfusion.VirtFusionApiException;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionClients;
import io.vfbridge.virtfusion.model.CreateUserRequest;
import io.vfbridge.virtfusion.model.ExtRelationId;
import io.vfbridge.virtfusion.model.Server;
import io.vfbridge.virtfusion.model.ServerPasswordReset;
import io.vfbridge.virtfusion.model.User;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps every lifecycle handler shares: which panel and client, the service's mapping
 * and live server, the customer's VirtFusion user (adopted by extRelationId, or created),
 * and the result shape. Every step looks at VirtFusion before it changes anything.
 */
@Component
class Lifecycle {

	/**
	 * The name of a new root password among an operation's secrets (and in its result).
	 */
	static final String ROOT_PASSWORD = "rootPassword";

	private final VirtFusionClients clients;

	private final Customers customers;

	private final ProvisioningProperties properties;

	private final JsonMapper json;

	private final OperationSecrets secrets;

	private final TransactionTemplate transactions;

	Lifecycle(VirtFusionClients clients, Customers customers, ProvisioningProperties properties, JsonMapper json,
			OperationSecrets secrets, TransactionTemplate transactions) {
		this.clients = clients;
		this.customers = customers;
		this.properties = properties;
		this.json = json;
		this.secrets = secrets;
		this.transactions = transactions;
	}

	/**
	 * Runs {@code writes} (mapping changes, checkpoints, secrets) as one transaction: one
	 * commit to wait for instead of one per statement. Only for writes that belong
	 * together, and never around a VirtFusion call (no connection is held while one
	 * runs).
	 */
	<T> T together(Supplier<T> writes) {
		return this.transactions.execute((status) -> writes.get());
	}

	ProvisioningProperties properties() {
		return this.properties;
	}

	Customers customers() {
		return this.customers;
	}

	/** The panel a request names, or the default one. */
	String panel(String requested) {
		String panel = (requested != null) ? requested : this.clients.defaultPanel();
		if (!this.clients.has(panel)) {
			throw JobOutcomeException.failed("VirtFusion panel '" + panel + "' is not configured");
		}
		return panel;
	}

	VirtFusionClient client(String panel) {
		return this.clients.client(panel);
	}

	/**
	 * The mapping of the job's service; a service vfbridge never created cannot be acted
	 * on.
	 */
	ServiceMapping service(JobContext job) {
		return this.customers.findService(job.serviceId())
			.orElseThrow(() -> JobOutcomeException.failed("service " + job.serviceId()
					+ " is not known to vfbridge: no service.create was processed for it"));
	}

	/**
	 * The service's server as VirtFusion has it now. A server that VirtFusion no longer
	 * has puts the service in {@code needs_attention}: the mapping is kept, never
	 * silently dropped.
	 */
	Server liveServer(ServiceMapping service) {
		if (service.state() == ServiceState.TERMINATED || service.state() == ServiceState.TERMINATING) {
			throw JobOutcomeException.failed("service " + service.billingId() + " is " + service.state().value());
		}
		if (service.serverId() == null) {
			throw JobOutcomeException.failed("service " + service.billingId() + " has no server in VirtFusion (it is "
					+ service.state().value() + ")");
		}
		Optional<Server> server = client(service.panel()).findServer(service.serverId(), false);
		if (server.isEmpty()) {
			String reason = "server " + service.serverId() + " no longer exists in VirtFusion";
			this.customers.updateService(service.id(),
					(s) -> s.moveTo(ServiceState.NEEDS_ATTENTION, reason, this.customers.now()));
			throw JobOutcomeException.attention(reason);
		}
		return server.get();
	}

	/**
	 * The customer's VirtFusion user id: known already, adopted by extRelationId (users
	 * that the WHMCS or Blesta modules created), or created. An email that another
	 * VirtFusion user already has (409) is never worked around with a second user: it
	 * needs a person.
	 */
	long ensureUser(VirtFusionClient client, CustomerMapping customer) {
		long userId = userFor(client, customer);
		if (customer.virtfusionUserId() == null) {
			linkUser(customer, userId);
		}
		return userId;
	}

	/**
	 * What {@link #ensureUser} does, without recording a new link: the caller records it
	 * with {@link #linkUser} (in a transaction of its own choosing). Until then the user
	 * is found again by its extRelationId, so a link lost to a crash costs one lookup,
	 * never a second user.
	 */
	long userFor(VirtFusionClient client, CustomerMapping customer) {
		if (customer.virtfusionUserId() != null) {
			return customer.virtfusionUserId();
		}
		ExtRelationId ext = ExtRelationId.of(customer.extRelationId());
		Optional<User> existing = client.findUserByExtRelationId(ext);
		if (existing.isPresent()) {
			return existing.get().id();
		}
		try {
			return client
				.createUser(CreateUserRequest.builder(customer.name(), customer.email())
					.externalId(ext)
					.sendMail(false)
					.build())
				.id();
		}
		catch (VirtFusionApiException ex) {
			if (ex.status() == 409) {
				String reason = "VirtFusion already has a user with the email " + customer.email()
						+ " but not with extRelationId " + customer.extRelationId()
						+ "; set that user's external relation id in VirtFusion (or change the customer's email), "
						+ "then retry this operation";
				this.customers.updateCustomer(customer.id(), (c) -> c.needAttention(reason, this.customers.now()));
				throw JobOutcomeException.attention(reason);
			}
			throw ex;
		}
	}

	/** Records the customer's VirtFusion user. */
	void linkUser(CustomerMapping customer, long userId) {
		this.customers.updateCustomer(customer.id(), (c) -> c.linkUser(userId, this.customers.now()));
	}

	/**
	 * While a (re)build runs: what to tell the queue (wait, the build failed, it took too
	 * long), or empty once the server is built.
	 * @param started when vfbridge asked for the build
	 */
	Optional<JobOutcome> followBuild(ServiceMapping service, Server server, Instant started) {
		if (isBuilt(server)) {
			return Optional.empty();
		}
		if (Boolean.TRUE.equals(server.buildFailed())) {
			String reason = "VirtFusion reports that the build of server " + server.id() + " failed";
			move(service, ServiceState.NEEDS_ATTENTION, reason);
			return Optional.of(new JobOutcome.NeedsAttention(reason, null));
		}
		if (this.customers.now().isAfter(started.plus(this.properties.buildTimeout()))) {
			String reason = "the build of server " + server.id() + " did not complete within "
					+ this.properties.buildTimeout();
			move(service, ServiceState.NEEDS_ATTENTION, reason);
			return Optional.of(new JobOutcome.NeedsAttention(reason, null));
		}
		return Optional.of(new JobOutcome.Waiting(
				"server " + server.id() + " is building (commission status " + server.commissionStatus() + ")",
				this.properties.buildPollInterval()));
	}

	/**
	 * A built server goes live: billing gets a root password it can use (when the build's
	 * answer with the password was lost, a new one is set), the service is active, and
	 * its addresses are recorded.
	 */
	JobOutcome activate(JobContext job, VirtFusionClient client, ServiceMapping service, Server server) {
		if (!this.secrets.has(job.id(), ROOT_PASSWORD)) {
			String password = client.resetServerPassword(server.id(), new ServerPasswordReset("root", false))
				.expectedPassword();
			if (password != null) {
				this.secrets.keep(job.id(), ROOT_PASSWORD, password);
			}
		}
		ServiceMapping active = this.customers.updateService(service.id(), (s) -> {
			applyDescription(s, server);
			s.moveTo(ServiceState.ACTIVE, null, this.customers.now());
		});
		return new JobOutcome.Succeeded(result(active));
	}

	/** Keeps the root password a build answered with, for billing. */
	void keepRootPassword(JobContext job, Server built) {
		if (built.settings() != null && built.settings().decryptedPassword() != null) {
			this.secrets.keep(job.id(), ROOT_PASSWORD, built.settings().decryptedPassword());
		}
	}

	/** Records what VirtFusion says the server has (hostname, addresses). */
	ServiceMapping describe(ServiceMapping service, Server server) {
		return this.customers.updateService(service.id(), (s) -> applyDescription(s, server));
	}

	/** Applies what VirtFusion says the server has to a mapping about to be written. */
	void applyDescription(ServiceMapping service, Server server) {
		service.describe(server.hostname(), ipv4(server), ipv6(server), null, this.customers.now());
	}

	/** Moves the service to a state. */
	ServiceMapping move(ServiceMapping service, ServiceState state, String reason) {
		return this.customers.updateService(service.id(), (s) -> s.moveTo(state, reason, this.customers.now()));
	}

	/** The IPv4 addresses of every interface. */
	static List<String> ipv4(Server server) {
		return server.ipv4Addresses();
	}

	/** The IPv6 subnets of every interface, as {@code subnet/cidr}. */
	static List<String> ipv6(Server server) {
		return server.ipv6Subnets();
	}

	/** The result of a service operation: what the service is now. */
	ObjectNode result(ServiceMapping service) {
		ObjectNode result = this.json.createObjectNode();
		result.put("serviceId", service.billingId());
		result.put("state", service.state().value());
		result.put("panel", service.panel());
		if (service.serverId() != null) {
			result.put("serverId", service.serverId());
		}
		if (service.serverUuid() != null) {
			result.put("serverUuid", service.serverUuid());
		}
		if (service.hostname() != null) {
			result.put("hostname", service.hostname());
		}
		ArrayNode ipv4 = result.putArray("ipv4");
		service.ipv4().forEach(ipv4::add);
		ArrayNode ipv6 = result.putArray("ipv6");
		service.ipv6().forEach(ipv6::add);
		return result;
	}

	/** Whether a build is queued or running on the server. */
	static boolean isBuilding(Server server) {
		int status = (server.commissionStatus() != null) ? server.commissionStatus() : 0;
		return status > 0 && status < Server.BUILT_COMMISSION_STATUS;
	}

	/** Whether the server has an operating system installed. */
	static boolean isBuilt(Server server) {
		return server.commissionStatus() != null && server.commissionStatus() >= Server.BUILT_COMMISSION_STATUS;
	}

	/** A short wait. */
	Duration buildPoll() {
		return this.properties.buildPollInterval();
	}

}
