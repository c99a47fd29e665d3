package io.vfbridge.ops;

import java.util.Optional;

import io.vfbridge.customers.Customers;
import io.vfbridge.customers.ServiceMapping;
import io.vfbridge.customers.ServiceState;
import io.vfbridge.provisioning.JobContext;
import io.vfbridge.provisioning.JobHandler;
import io.vfbridge.provisioning.JobOutcome;
import io.vfbridge.provisioning.KnownSubjects;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionClients;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.Server;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/** The job types of reconciliation: a run, and the two fixes no other job type does. */
final class ReconciliationHandlers {

	/** Sets a service's state from its server. */
	static final String REFRESH_SERVICE = "reconciliation.refresh_service";

	/** Suspends a server no service maps. */
	static final String SUSPEND_ORPHAN = "reconciliation.suspend_orphan";

	private ReconciliationHandlers() {
	}

	/** {@code reconciliation.run}: compares everything and stores a drift report. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.LIST_USER_SERVERS,
			VirtFusionOperation.GET_PACKAGE })
	static class Run implements JobHandler {

		private final Reconciliation reconciliation;

		Run(Reconciliation reconciliation) {
			this.reconciliation = reconciliation;
		}

		@Override
		public String type() {
			return Reconciliation.RUN;
		}

		@Override
		public JobOutcome handle(JobContext job) {
			String trigger = job.payload().path("trigger").asString("schedule");
			DriftReport report = this.reconciliation.run(job.id(),
					"operator".equals(trigger) ? "operator" : "schedule");
			ObjectNode result = job.json().createObjectNode();
			result.put("reportId", report.id().toString());
			result.put("servicesChecked", report.servicesChecked());
			result.put("customersChecked", report.customersChecked());
			result.put("findings", report.findings().size());
			result.put("errors", report.errors().size());
			return new JobOutcome.Succeeded(result);
		}

	}

	/**
	 * {@code reconciliation.refresh_service}: a server that is gone puts the service in
	 * {@code needs_attention} (a terminating one becomes terminated); a built server
	 * makes it active or suspended as the server is. The mapping is never dropped.
	 */
	@Component
	@UsesOperation(VirtFusionOperation.FIND_SERVER)
	static class RefreshService implements JobHandler {

		private final Customers customers;

		private final VirtFusionClients clients;

		RefreshService(Customers customers, VirtFusionClients clients) {
			this.customers = customers;
			this.clients = clients;
		}

		@Override
		public String type() {
			return REFRESH_SERVICE;
		}

		@Override
		public JobOutcome handle(JobContext job) {
			Optional<ServiceMapping> known = this.customers.findService(job.serviceId());
			if (known.isEmpty()) {
				return new JobOutcome.Failed("vfbridge knows no service " + job.serviceId());
			}
			ServiceMapping service = known.get();
			if (service.serverId() == null) {
				return new JobOutcome.Succeeded(result(job, service, "the service has no server yet"));
			}
			Optional<Server> server = this.clients.client(service.panel()).findServer(service.serverId(), false);
			ServiceState state;
			String reason = null;
			if (server.isEmpty()) {
				state = (service.state() == ServiceState.TERMINATING) ? ServiceState.TERMINATED
						: ServiceState.NEEDS_ATTENTION;
				if (state == ServiceState.NEEDS_ATTENTION) {
					reason = "server " + service.serverId() + " no longer exists in VirtFusion (reconciliation)";
				}
			}
			else if (!server.get().isBuilt() || service.state() == ServiceState.TERMINATING) {
				return new JobOutcome.Succeeded(result(job, service,
						"left as it is: the server is " + (server.get().isBuilt() ? "still there" : "not built")));
			}
			else {
				state = Boolean.TRUE.equals(server.get().suspended()) ? ServiceState.SUSPENDED : ServiceState.ACTIVE;
			}
			ServiceState target = state;
			String why = reason;
			service = this.customers.updateService(service.id(), (s) -> s.moveTo(target, why, this.customers.now()));
			return new JobOutcome.Succeeded(result(job, service, null));
		}

		private static JsonNode result(JobContext job, ServiceMapping service, String note) {
			ObjectNode result = job.json().createObjectNode();
			result.put("serviceId", service.billingId());
			result.put("state", service.state().value());
			if (note != null) {
				result.put("note", note);
			}
			return result;
		}

	}

	/**
	 * {@code reconciliation.suspend_orphan}: suspends a server that no service maps; one
	 * that a service maps by now, that an import queued or running is about to link, or
	 * that is gone, is left alone.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.SUSPEND_SERVER })
	static class SuspendOrphan implements JobHandler {

		private final Customers customers;

		private final VirtFusionClients clients;

		private final KnownSubjects subjects;

		SuspendOrphan(Customers customers, VirtFusionClients clients, KnownSubjects subjects) {
			this.customers = customers;
			this.clients = clients;
			this.subjects = subjects;
		}

		@Override
		public String type() {
			return SUSPEND_ORPHAN;
		}

		@Override
		public JobOutcome handle(JobContext job) {
			JsonNode payload = job.payload();
			String panel = payload.path("panel").asString();
			long serverId = payload.path("serverId").asLong();
			ObjectNode result = job.json().createObjectNode().put("panel", panel).put("serverId", serverId);
			if (this.customers.isServerLinked(panel, serverId)) {
				return new JobOutcome.Succeeded(result.put("note", "a service maps the server now: left alone"));
			}
			if (this.subjects.importQueued(serverId)) {
				return new JobOutcome.Succeeded(result.put("note", "an import of the server is queued: left alone"));
			}
			VirtFusionClient client = this.clients.client(panel);
			Optional<Server> server = client.findServer(serverId, false);
			if (server.isEmpty()) {
				return new JobOutcome.Succeeded(result.put("note", "the server no longer exists"));
			}
			if (!Boolean.TRUE.equals(server.get().suspended())) {
				// looked at again right before the call: an import may have arrived
				// meanwhile
				if (this.customers.isServerLinked(panel, serverId) || this.subjects.importQueued(serverId)) {
					return new JobOutcome.Succeeded(result.put("note", "an import of the server arrived: left alone"));
				}
				client.suspendServer(serverId);
			}
			return new JobOutcome.Succeeded(result.put("suspended", true));
		}

	}

}
