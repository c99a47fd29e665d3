package io.vfbridge.provisioning;

import java.time.Duration;
import java.util.Optional;

import io.vfbridge.customers.CustomerMapping;
import io.vfbridge.customers.ServiceMapping;
import io.vfbridge.customers.ServiceState;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionApiException;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.BuildServerRequest;
import io.vfbridge.virtfusion.model.CpuThrottle;
import io.vfbridge.virtfusion.model.PackageChange;
import io.vfbridge.virtfusion.model.QueueTask;
import io.vfbridge.virtfusion.model.Server;
import io.vfbridge.virtfusion.model.ServerPasswordReset;
import io.vfbridge.virtfusion.model.ServerRename;
import io.vfbridge.virtfusion.model.TrafficAllowance;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The service events after creation. Each looks at the server in VirtFusion first:
 * suspending a suspended server, unsuspending a running one, terminating a server that is
 * gone all succeed as they are. A 423 (a task is running on the server) is retried later
 * by the queue; a server that vanished puts the service in {@code needs_attention}.
 */
final class ServiceActionHandlers {

	private ServiceActionHandlers() {
	}

	/** {@code service.suspend}. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.SUSPEND_SERVER })
	static class Suspend implements JobHandler {

		private final Lifecycle lifecycle;

		Suspend(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public String type() {
			return "service.suspend";
		}

		@Override
		public JobOutcome handle(JobContext job) {
			ServiceMapping service = this.lifecycle.service(job);
			Server server = this.lifecycle.liveServer(service);
			if (!Boolean.TRUE.equals(server.suspended())) {
				this.lifecycle.client(service.panel()).suspendServer(server.id());
			}
			return new JobOutcome.Succeeded(
					this.lifecycle.result(this.lifecycle.move(service, ServiceState.SUSPENDED, null)));
		}

	}

	/** {@code service.unsuspend}. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.UNSUSPEND_SERVER })
	static class Unsuspend implements JobHandler {

		private final Lifecycle lifecycle;

		Unsuspend(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public String type() {
			return "service.unsuspend";
		}

		@Override
		public JobOutcome handle(JobContext job) {
			ServiceMapping service = this.lifecycle.service(job);
			Server server = this.lifecycle.liveServer(service);
			if (Boolean.TRUE.equals(server.suspended())) {
				this.lifecycle.client(service.panel()).unsuspendServer(server.id());
			}
			return new JobOutcome.Succeeded(
					this.lifecycle.result(this.lifecycle.move(service, ServiceState.ACTIVE, null)));
		}

	}

	/**
	 * {@code service.terminate}: asks VirtFusion to delete the server (after
	 * {@code delayMinutes}) and keeps the service {@code terminating} until VirtFusion no
	 * longer has it; a server already gone is success. With a delay over an hour the
	 * operation succeeds once the deletion is scheduled.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.DELETE_SERVER })
	static class Terminate implements JobHandler {

		private static final int LONGEST_FOLLOWED_DELAY_MINUTES = 60;

		private final Lifecycle lifecycle;

		Terminate(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public String type() {
			return "service.terminate";
		}

		/** When the deletion was asked for. */
		record Progress(java.time.Instant requestedAt, int delayMinutes) {
		}

		@Override
		public JobOutcome handle(JobContext job) {
			Optional<ServiceMapping> known = this.lifecycle.customers().findService(job.serviceId());
			if (known.isEmpty()) {
				return new JobOutcome.Succeeded(JsonNodes.object()
					.put("serviceId", job.serviceId())
					.put("state", "terminated")
					.put("note", "vfbridge never created this service"));
			}
			ServiceMapping service = known.get();
			if (service.serverId() == null) {
				return new JobOutcome.Succeeded(
						this.lifecycle.result(this.lifecycle.move(service, ServiceState.TERMINATED, null)));
			}
			VirtFusionClient client = this.lifecycle.client(service.panel());
			Optional<Server> server = client.findServer(service.serverId(), false);
			if (server.isEmpty()) {
				return new JobOutcome.Succeeded(
						this.lifecycle.result(this.lifecycle.move(service, ServiceState.TERMINATED, null)));
			}
			Progress progress = job.checkpoint(Progress.class);
			if (progress == null) {
				EventData event = job.payload(EventData.class);
				int delay = (event.delayMinutes() != null) ? event.delayMinutes()
						: this.lifecycle.properties().terminateDelayMinutes();
				try {
					client.deleteServer(server.get().id(), delay);
				}
				catch (VirtFusionApiException ex) {
					if (!ex.isNotFound()) {
						throw ex;
					}
					// gone already: the client repeated a DELETE whose answer was lost
					// after VirtFusion had deleted the server
					return new JobOutcome.Succeeded(
							this.lifecycle.result(this.lifecycle.move(service, ServiceState.TERMINATED, null)));
				}
				progress = new Progress(this.lifecycle.customers().now(), delay);
				job.saveCheckpoint(progress);
				service = this.lifecycle.move(service, ServiceState.TERMINATING, null);
			}
			if (progress.delayMinutes() > LONGEST_FOLLOWED_DELAY_MINUTES) {
				ObjectNode result = this.lifecycle.result(service);
				result.put("deletesAt",
						progress.requestedAt().plus(Duration.ofMinutes(progress.delayMinutes())).toString());
				return new JobOutcome.Succeeded(result);
			}
			return new JobOutcome.Waiting("waiting for VirtFusion to delete server " + service.serverId(),
					this.lifecycle.properties().terminatePollInterval());
		}

	}

	/**
	 * {@code service.change_package}, with optional resource overrides applied after it.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.CHANGE_SERVER_PACKAGE })
	static class ChangePackage implements JobHandler {

		private final Lifecycle lifecycle;

		ChangePackage(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public String type() {
			return "service.change_package";
		}

		@Override
		public JobOutcome handle(JobContext job) {
			EventData event = job.payload(EventData.class);
			ServiceMapping service = this.lifecycle.service(job);
			Server server = this.lifecycle.liveServer(service);
			VirtFusionClient client = this.lifecycle.client(service.panel());
			long packageId = event.service().packageId();
			PackageChange change = client.changeServerPackage(server.id(), packageId, null);
			Resize.apply(client, server.id(), event.service().resources(), null);
			service = this.lifecycle.customers()
				.updateService(service.id(), (s) -> s.changePackage(packageId, this.lifecycle.customers().now()));
			ObjectNode result = this.lifecycle.result(service);
			result.put("packageId", packageId);
			change.info().forEach(result.withArray("info")::add);
			return new JobOutcome.Succeeded(result);
		}

	}

	/** {@code service.resize}: memory, CPU cores, traffic and CPU throttle. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.MODIFY_SERVER_MEMORY,
			VirtFusionOperation.MODIFY_SERVER_CPU_CORES, VirtFusionOperation.MODIFY_SERVER_TRAFFIC,
			VirtFusionOperation.THROTTLE_SERVER_CPU })
	static class Resize implements JobHandler {

		private final Lifecycle lifecycle;

		Resize(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public String type() {
			return "service.resize";
		}

		@Override
		public JobOutcome handle(JobContext job) {
			EventData event = job.payload(EventData.class);
			EventData.Resources resources = event.service().resources();
			Integer throttle = event.service().cpuThrottle();
			if ((resources == null || (resources.memory() == null && resources.cpuCores() == null
					&& resources.traffic() == null && resources.storage() == null)) && throttle == null) {
				return new JobOutcome.Failed("service.resize names nothing to change");
			}
			if (resources != null && resources.storage() != null) {
				return new JobOutcome.Failed("VirtFusion's API cannot resize storage; change the package instead");
			}
			ServiceMapping service = this.lifecycle.service(job);
			Server server = this.lifecycle.liveServer(service);
			apply(this.lifecycle.client(service.panel()), server.id(), resources, throttle);
			return new JobOutcome.Succeeded(this.lifecycle.result(service));
		}

		static void apply(VirtFusionClient client, long serverId, EventData.Resources resources, Integer throttle) {
			if (resources != null) {
				if (resources.memory() != null) {
					client.modifyServerMemory(serverId, resources.memory());
				}
				if (resources.cpuCores() != null) {
					client.modifyServerCpuCores(serverId, resources.cpuCores());
				}
				if (resources.traffic() != null) {
					client.modifyServerTraffic(serverId, new TrafficAllowance(resources.traffic()));
				}
			}
			if (throttle != null) {
				client.throttleServerCpu(serverId, new CpuThrottle(throttle), true);
			}
		}

	}

	/** {@code service.rename}: the server's display name. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.MODIFY_SERVER_NAME })
	static class Rename implements JobHandler {

		private final Lifecycle lifecycle;

		Rename(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public String type() {
			return "service.rename";
		}

		@Override
		public JobOutcome handle(JobContext job) {
			String name = job.payload(EventData.class).service().name();
			ServiceMapping service = this.lifecycle.service(job);
			Server server = this.lifecycle.liveServer(service);
			if (!name.equals(server.name())) {
				this.lifecycle.client(service.panel()).modifyServerName(server.id(), new ServerRename(name));
			}
			return new JobOutcome.Succeeded(this.lifecycle.result(service).put("name", name));
		}

	}

	/**
	 * {@code service.reset_password}: a new root (or Administrator) password, handed to
	 * billing once.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.RESET_SERVER_PASSWORD })
	static class ResetPassword implements JobHandler {

		private final Lifecycle lifecycle;

		private final OperationSecrets secrets;

		ResetPassword(Lifecycle lifecycle, OperationSecrets secrets) {
			this.lifecycle = lifecycle;
			this.secrets = secrets;
		}

		@Override
		public String type() {
			return "service.reset_password";
		}

		@Override
		public JobOutcome handle(JobContext job) {
			String user = Optional.ofNullable(job.payload(EventData.class).user()).orElse("root");
			ServiceMapping service = this.lifecycle.service(job);
			Server server = this.lifecycle.liveServer(service);
			String password = this.lifecycle.client(service.panel())
				.resetServerPassword(server.id(), new ServerPasswordReset(user, false))
				.expectedPassword();
			if (password != null) {
				this.secrets.keep(job.id(), Lifecycle.ROOT_PASSWORD, password);
			}
			return new JobOutcome.Succeeded(this.lifecycle.result(service).put("user", user));
		}

	}

	/**
	 * {@code service.rebuild}: reinstalls the server, then follows the build like a
	 * create.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.BUILD_SERVER,
			VirtFusionOperation.RESET_SERVER_PASSWORD })
	static class Rebuild implements JobHandler {

		private final Lifecycle lifecycle;

		Rebuild(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public String type() {
			return "service.rebuild";
		}

		/** When the rebuild was sent. */
		record Progress(java.time.Instant sentAt) {
		}

		@Override
		public JobOutcome handle(JobContext job) {
			EventData event = job.payload(EventData.class);
			ServiceMapping service = this.lifecycle.service(job);
			Server server = this.lifecycle.liveServer(service);
			VirtFusionClient client = this.lifecycle.client(service.panel());
			Progress progress = job.checkpoint(Progress.class);
			if (progress == null) {
				if (Lifecycle.isBuilding(server)) {
					return new JobOutcome.Waiting("another build of server " + server.id() + " is running",
							this.lifecycle.buildPoll());
				}
				job.saveCheckpoint(new Progress(this.lifecycle.customers().now()));
				BuildServerRequest.Builder request = BuildServerRequest.builder(event.service().osTemplateId())
					.email(false);
				String hostname = (event.service().hostname() != null) ? event.service().hostname()
						: service.hostname();
				if (hostname != null) {
					request.hostname(hostname).name(hostname);
				}
				this.lifecycle.keepRootPassword(job, client.buildServer(server.id(), request.build()));
				this.lifecycle.move(service, ServiceState.PROVISIONING, "rebuilding");
				return new JobOutcome.Waiting("rebuild of server " + server.id() + " queued",
						this.lifecycle.buildPoll());
			}
			return this.lifecycle.followBuild(service, server, progress.sentAt())
				.orElseGet(() -> this.lifecycle.activate(job, client, service, server));
		}

	}

	/** {@code service.change_owner}: to another billing customer's VirtFusion user. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.FIND_USER_BY_EXT_RELATION_ID,
			VirtFusionOperation.CREATE_USER, VirtFusionOperation.CHANGE_SERVER_OWNER })
	static class ChangeOwner implements JobHandler {

		private final Lifecycle lifecycle;

		ChangeOwner(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public String type() {
			return "service.change_owner";
		}

		@Override
		public JobOutcome handle(JobContext job) {
			EventData.Customer target = job.payload(EventData.class).newCustomer();
			ServiceMapping service = this.lifecycle.service(job);
			Server server = this.lifecycle.liveServer(service);
			VirtFusionClient client = this.lifecycle.client(service.panel());
			CustomerMapping customer = this.lifecycle.customers()
				.customer(target.id(), service.panel(), target.email(), target.name());
			long userId = this.lifecycle.ensureUser(client, customer);
			if (server.ownerId() == null || server.ownerId() != userId) {
				client.changeServerOwner(server.id(), userId);
			}
			service = this.lifecycle.customers()
				.updateService(service.id(), (s) -> s.transferTo(customer.id(), this.lifecycle.customers().now()));
			return new JobOutcome.Succeeded(this.lifecycle.result(service).put("customerId", customer.billingId()));
		}

	}

	/**
	 * {@code service.power}: boot, shutdown, restart or poweroff, queued on the
	 * hypervisor.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.BOOT_SERVER,
			VirtFusionOperation.SHUTDOWN_SERVER, VirtFusionOperation.RESTART_SERVER,
			VirtFusionOperation.POWER_OFF_SERVER })
	static class Power implements JobHandler {

		private final Lifecycle lifecycle;

		Power(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public String type() {
			return "service.power";
		}

		@Override
		public JobOutcome handle(JobContext job) {
			String action = job.payload(EventData.class).action();
			ServiceMapping service = this.lifecycle.service(job);
			Server server = this.lifecycle.liveServer(service);
			VirtFusionClient client = this.lifecycle.client(service.panel());
			QueueTask task = switch (action) {
				case "boot" -> client.bootServer(server.id());
				case "shutdown" -> client.shutdownServer(server.id());
				case "restart" -> client.restartServer(server.id());
				case "poweroff" -> client.powerOffServer(server.id());
				default -> throw JobOutcomeException.failed("unknown power action " + action);
			};
			ObjectNode result = this.lifecycle.result(service).put("action", action);
			if (task.queueId() != null) {
				result.put("queueId", task.queueId());
			}
			return new JobOutcome.Succeeded(result);
		}

	}

}
