package io.vfbridge.provisioning;

import java.util.List;
import java.util.Optional;

import io.vfbridge.customers.CustomerMapping;
import io.vfbridge.customers.ServiceMapping;
import io.vfbridge.customers.ServiceState;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.Page;
import io.vfbridge.virtfusion.model.PageRequest;
import io.vfbridge.virtfusion.model.Server;
import io.vfbridge.virtfusion.model.ServerListQuery;
import io.vfbridge.virtfusion.model.ServerSummary;
import io.vfbridge.virtfusion.model.User;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * {@code service.import}: links a server that another billing module created to a billing
 * service, and its owner to the billing customer. It only reads VirtFusion: no server or
 * user is created, built, suspended or deleted, and no password is set. The service's
 * state is the server's (built: active or suspended; not built: needs attention). A
 * conflict with what vfbridge already maps fails the operation with nothing changed;
 * importing the same pair again changes nothing. With {@code dryRun} it only says what it
 * would do.
 */
@Component
@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.LIST_SERVERS })
class ImportServiceHandler implements JobHandler {

	static final String TYPE = "service.import";

	private final Lifecycle lifecycle;

	private final Plans plans;

	ImportServiceHandler(Lifecycle lifecycle, Plans plans) {
		this.lifecycle = lifecycle;
		this.plans = plans;
	}

	@Override
	public String type() {
		return TYPE;
	}

	/** What an import does (or would do), as its result and the bulk summary name it. */
	enum Verdict {

		LINKED("linked"), ALREADY_LINKED("already_linked"), NEEDS_ATTENTION("needs_attention"), FAILED("failed");

		private final String value;

		Verdict(String value) {
			this.value = value;
		}

		String value() {
			return this.value;
		}

	}

	/** The decision, from what vfbridge maps and what VirtFusion has. */
	private record Decision(Verdict verdict, String reason, ServiceState state, Long extRelationId, boolean adopt) {

		static Decision refuse(Verdict verdict, String reason) {
			return new Decision(verdict, reason, null, null, false);
		}

	}

	@Override
	public JobOutcome handle(JobContext job) {
		EventData event = job.payload(EventData.class);
		boolean dryRun = Boolean.TRUE.equals(event.dryRun());
		String panel = this.lifecycle.panel(event.service().panel());
		Long packageId = (event.service().plan() != null) ? Long.valueOf(this.plans.packageOf(event.service().plan()))
				: event.service().packageId();
		VirtFusionClient client = this.lifecycle.client(panel);
		Optional<Server> found = find(client, event.server());
		if (found.isEmpty()) {
			String reason = "VirtFusion has no server " + describe(event.server()) + " (404)";
			return dryRun ? dryRun(job, event, Verdict.FAILED, reason, null) : new JobOutcome.Failed(reason);
		}
		Server server = found.get();
		Decision decision = decide(event, panel, server);
		if (dryRun) {
			return dryRun(job, event, decision.verdict(), decision.reason(), server);
		}
		return switch (decision.verdict()) {
			case FAILED -> new JobOutcome.Failed(decision.reason());
			case NEEDS_ATTENTION -> (decision.state() == null)
					? new JobOutcome.NeedsAttention(decision.reason(), details(job, event, server, decision))
					: link(job, event, panel, server, decision, packageId);
			case ALREADY_LINKED -> new JobOutcome.Succeeded(result(job, existing(event), decision));
			case LINKED -> link(job, event, panel, server, decision, packageId);
		};
	}

	private Decision decide(EventData event, String panel, Server server) {
		String customerId = event.customer().id();
		String serviceId = event.service().id();
		Optional<ServiceMapping> service = this.lifecycle.customers().findService(serviceId);
		if (service.isPresent()) {
			ServiceMapping known = service.get();
			String owner = this.lifecycle.customers()
				.findCustomer(known.customerId())
				.map(CustomerMapping::billingId)
				.orElse(null);
			if (known.serverId() != null && !(known.serverId().equals(server.id()) && known.panel().equals(panel))) {
				return Decision.refuse(Verdict.FAILED, "conflict: service " + serviceId
						+ " is already linked to server " + known.serverId() + " on panel " + known.panel());
			}
			if (!customerId.equals(owner) || !known.panel().equals(panel)) {
				return Decision.refuse(Verdict.FAILED, "conflict: service " + serviceId
						+ " belongs to another customer or panel in vfbridge (customer " + owner + ")");
			}
			if (known.serverId() != null) {
				return new Decision(Verdict.ALREADY_LINKED,
						"service " + serviceId + " is already linked to server " + server.id(), known.state(), null,
						false);
			}
			if (known.state() == ServiceState.TERMINATED || known.state() == ServiceState.TERMINATING) {
				return Decision.refuse(Verdict.FAILED, "service " + serviceId + " was terminated");
			}
		}
		Optional<ServiceMapping> holder = this.lifecycle.customers().findServiceByServer(panel, server.id());
		if (holder.isPresent()) {
			return Decision.refuse(Verdict.FAILED,
					"conflict: server " + server.id() + " is already linked to service " + holder.get().billingId());
		}
		User owner = server.owner();
		Long ownerId = (server.ownerId() != null) ? server.ownerId() : (owner != null) ? owner.id() : null;
		if (ownerId == null) {
			return Decision.refuse(Verdict.NEEDS_ATTENTION,
					"VirtFusion did not say who owns server " + server.id() + "; look at it in the panel");
		}
		Long ownerExt = (owner != null) ? owner.extRelationId() : null;
		List<CustomerMapping> others = this.lifecycle.customers()
			.customersOfUser(panel, ownerId, ownerExt)
			.stream()
			.filter((c) -> !c.billingId().equals(customerId))
			.toList();
		if (!others.isEmpty()) {
			return Decision.refuse(Verdict.FAILED,
					"conflict: the owner of server " + server.id() + " (VirtFusion user " + ownerId
							+ ((ownerExt != null) ? ", extRelationId " + ownerExt : "") + ") is billing customer "
							+ others.get(0).billingId() + "'s user in vfbridge");
		}
		Optional<CustomerMapping> customer = this.lifecycle.customers().findCustomer(customerId, panel);
		if (customer.isPresent() && customer.get().virtfusionUserId() != null
				&& !customer.get().virtfusionUserId().equals(ownerId)) {
			return Decision.refuse(Verdict.FAILED,
					"conflict: customer " + customerId + " is VirtFusion user " + customer.get().virtfusionUserId()
							+ " in vfbridge, but server " + server.id() + " belongs to user " + ownerId);
		}
		Optional<Long> expected;
		try {
			expected = this.lifecycle.customers().extRelationIdOf(customerId, panel);
		}
		catch (IllegalArgumentException ex) {
			return Decision.refuse(Verdict.FAILED, ex.getMessage());
		}
		boolean adopt = Boolean.TRUE.equals(event.adoptUser());
		ServiceState state = Lifecycle.isBuilt(server)
				? (Boolean.TRUE.equals(server.suspended()) ? ServiceState.SUSPENDED : ServiceState.ACTIVE)
				: ServiceState.NEEDS_ATTENTION;
		String stateReason = (state == ServiceState.NEEDS_ATTENTION)
				? "server " + server.id() + " is not built in VirtFusion (commission status "
						+ server.commissionStatus() + "): build or delete it there, then refresh the service"
				: null;
		Verdict linked = (state == ServiceState.NEEDS_ATTENTION) ? Verdict.NEEDS_ATTENTION : Verdict.LINKED;
		if (ownerExt != null) {
			if (expected.isPresent() && expected.get().equals(ownerExt)) {
				return new Decision(linked, stateReason, state, ownerExt, false);
			}
			if (expected.isEmpty() && adopt) {
				// a new customer in the allocated mode takes the owner's id as its own
				return new Decision(linked, stateReason, state, ownerExt, true);
			}
			if (expected.isEmpty()) {
				return Decision.refuse(Verdict.NEEDS_ATTENTION,
						"the owner of server " + server.id() + " has extRelationId " + ownerExt + " and customer "
								+ customerId + " has none yet; send adoptUser: true to adopt that user");
			}
			return Decision.refuse(Verdict.FAILED,
					"conflict: the owner of server " + server.id() + " has extRelationId " + ownerExt
							+ ", but customer " + customerId + "'s is " + expected.get()
							+ ": the server belongs to another billing customer");
		}
		if (!adopt) {
			return Decision.refuse(Verdict.NEEDS_ATTENTION,
					"the owner of server " + server.id() + " (VirtFusion user " + ownerId
							+ ") has no extRelationId; send adoptUser: true to adopt that user for customer "
							+ customerId);
		}
		return new Decision(linked, stateReason, state, expected.orElse(null), true);
	}

	/**
	 * Writes the customer (adopting the owner), the service, its server link, its
	 * description and its state: one commit. Another import that linked the server
	 * meanwhile wins; this one fails with nothing written.
	 */
	private JobOutcome link(JobContext job, EventData event, String panel, Server server, Decision decision,
			Long packageId) {
		EventData.Customer who = event.customer();
		User owner = server.owner();
		long ownerId = (server.ownerId() != null) ? server.ownerId() : owner.id();
		String email = (who.email() != null) ? who.email() : (owner != null) ? owner.email() : null;
		String name = (who.name() != null) ? who.name() : (owner != null) ? owner.name() : null;
		if (email == null || name == null) {
			return new JobOutcome.Failed("customer " + who.id()
					+ " is new to vfbridge and VirtFusion did not name the owner: send customer.email and customer.name");
		}
		ServiceMapping linked;
		try {
			linked = this.lifecycle.together(() -> {
				CustomerMapping customer = this.lifecycle.customers()
					.adoptUser(who.id(), panel, decision.extRelationId(), ownerId, email, name);
				ServiceMapping service = this.lifecycle.customers().service(event.service().id(), customer);
				return this.lifecycle.customers().updateService(service.id(), (s) -> {
					s.linkServer(server.id(), server.uuid(), this.lifecycle.customers().now());
					s.describe(server.hostname(), Lifecycle.ipv4(server), Lifecycle.ipv6(server), packageId,
							this.lifecycle.customers().now());
					s.moveTo(decision.state(), decision.reason(), this.lifecycle.customers().now());
				});
			});
		}
		catch (DataIntegrityViolationException ex) {
			return new JobOutcome.Failed("conflict: server " + server.id() + " or customer " + who.id()
					+ " was linked by another operation meanwhile; nothing was changed");
		}
		ObjectNode result = result(job, Optional.of(linked), decision);
		if (decision.verdict() == Verdict.NEEDS_ATTENTION) {
			return new JobOutcome.NeedsAttention(decision.reason(), result);
		}
		return new JobOutcome.Succeeded(result);
	}

	private Optional<ServiceMapping> existing(EventData event) {
		return this.lifecycle.customers().findService(event.service().id());
	}

	private ObjectNode result(JobContext job, Optional<ServiceMapping> service, Decision decision) {
		ObjectNode result = service.map(this.lifecycle::result).orElseGet(() -> job.json().createObjectNode());
		result.put("outcome", decision.verdict().value());
		if (decision.adopt() && decision.extRelationId() != null) {
			result.put("note",
					"VirtFusion's API cannot set the extRelationId of an existing user: set " + decision.extRelationId()
							+ " on the owner in the VirtFusion panel for login links and "
							+ "self-service calls to reach it");
		}
		return result;
	}

	private ObjectNode details(JobContext job, EventData event, Server server, Decision decision) {
		return job.json()
			.createObjectNode()
			.put("outcome", decision.verdict().value())
			.put("serviceId", event.service().id())
			.put("serverId", server.id())
			.put("reason", decision.reason());
	}

	private JobOutcome dryRun(JobContext job, EventData event, Verdict verdict, String reason, Server server) {
		ObjectNode result = job.json()
			.createObjectNode()
			.put("dryRun", true)
			.put("serviceId", event.service().id())
			.put("outcome", verdict.value());
		if (reason != null) {
			result.put("reason", reason);
		}
		if (server != null) {
			result.put("serverId", server.id());
		}
		return new JobOutcome.Succeeded(result);
	}

	/** The server by id, or by UUID through the server list; empty when there is none. */
	private static Optional<Server> find(VirtFusionClient client, EventData.ServerRef ref) {
		if (ref.id() != null) {
			return client.findServer(ref.id(), false);
		}
		for (int page = 1; page <= Page.MAX_PAGES; page++) {
			Page<ServerSummary> servers = client.listServers(ServerListQuery.all(), PageRequest.largest(page));
			for (ServerSummary summary : servers.data()) {
				if (ref.uuid().equalsIgnoreCase(summary.uuid()) && summary.id() != null) {
					return client.findServer(summary.id(), false);
				}
			}
			if (!servers.hasNext()) {
				break;
			}
		}
		return Optional.empty();
	}

	private static String describe(EventData.ServerRef ref) {
		return (ref.id() != null) ? Long.toString(ref.id()) : ref.uuid();
	}

}
