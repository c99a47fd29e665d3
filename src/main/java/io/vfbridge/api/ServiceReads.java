package io.vfbridge.api;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.vfbridge.billing.InvalidRequestException;
import io.vfbridge.security.Problems;
import io.vfbridge.virtfusion.VirtFusionApiException;
import io.vfbridge.virtfusion.model.Backup;
import io.vfbridge.virtfusion.model.Firewall;
import io.vfbridge.virtfusion.model.OsTemplateGroup;
import io.vfbridge.virtfusion.model.QueueItem;
import io.vfbridge.virtfusion.model.Server;
import io.vfbridge.virtfusion.model.ServerInterface;
import io.vfbridge.virtfusion.model.TrafficBlocks;
import io.vfbridge.virtfusion.model.TrafficStatistics;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The client area's reads of one billing service, each a live VirtFusion read of the
 * service's server (never cached): details, OS templates for a rebuild, traffic, traffic
 * blocks, backups, firewall and queue items.
 */
@Service
class ServiceReads {

	private final Targets targets;

	ServiceReads(Targets targets) {
		this.targets = targets;
	}

	/** The mapping merged with a live read of the server. */
	ServiceDetails details(String serviceId, boolean remoteState) {
		Targets.ServiceTarget target = this.targets.service(serviceId);
		Server server = target.client().findServer(target.serverId(), remoteState).orElseThrow(target::serverGone);
		return new ServiceDetails(MappingsController.ServiceView.of(target.service(), target.customer()),
				ServerView.of(server, remoteState));
	}

	List<OsTemplateGroup> templates(String serviceId) {
		return read(serviceId, (target) -> target.client().listServerTemplates(target.serverId()));
	}

	TrafficStatistics traffic(String serviceId) {
		return read(serviceId, (target) -> target.client().getServerTraffic(target.serverId()));
	}

	TrafficBlocks trafficBlocks(String serviceId) {
		return read(serviceId, (target) -> target.client().listTrafficBlocks(target.serverId()));
	}

	List<Backup> backups(String serviceId) {
		return read(serviceId, (target) -> target.client().listServerBackups(target.serverId()));
	}

	Firewall firewall(String serviceId, String iface) {
		ServerInterface which = serverInterface(iface);
		return read(serviceId, (target) -> target.client().getFirewall(target.serverId(), which));
	}

	/** A queue item of the service's server; one of another server is not found. */
	QueueItemView queueItem(String serviceId, long queueId) {
		Targets.ServiceTarget target = this.targets.service(serviceId);
		QueueItem item = CatalogReads.notFoundAs(() -> target.client().getQueueItem(queueId), "queue-item-not-found",
				"Queue item not found", "VirtFusion has no queue item " + queueId);
		if (item.serverId() == null || item.serverId() != target.serverId()) {
			throw Problems.problem(HttpStatus.NOT_FOUND, "queue-item-not-found", "Queue item not found",
					"queue item " + queueId + " does not belong to service " + serviceId);
		}
		return QueueItemView.of(item);
	}

	static ServerInterface serverInterface(String iface) {
		for (ServerInterface candidate : ServerInterface.values()) {
			if (candidate.value().equals(iface)) {
				return candidate;
			}
		}
		throw new InvalidRequestException("interface", "must be 'primary' or 'secondary'");
	}

	private <T> T read(String serviceId, Function<Targets.ServiceTarget, T> read) {
		Targets.ServiceTarget target = this.targets.service(serviceId);
		try {
			return read.apply(target);
		}
		catch (VirtFusionApiException ex) {
			if (ex.isNotFound()) {
				throw target.serverGone();
			}
			throw ex;
		}
	}

	/**
	 * A service as vfbridge maps it and its server as VirtFusion has it now.
	 *
	 * @param service the mapping (as {@code GET /v1/services/{id}} shows it)
	 * @param server the live server
	 */
	record ServiceDetails(MappingsController.ServiceView service, ServerView server) {
	}

	/**
	 * A server as the client area shows it: no passwords, no hypervisor internals.
	 *
	 * @param id the server id
	 * @param uuid its UUID
	 * @param name its name
	 * @param hostname its hostname
	 * @param state VirtFusion's state ({@code complete}, {@code queued}, ...)
	 * @param commissionStatus 0 created, 1–2 building, 3 built
	 * @param built whether it has been built
	 * @param buildFailed whether the last build failed
	 * @param suspended whether it is suspended
	 * @param isProtected whether it is protected from deletion ({@code protected})
	 * @param osTemplateId the OS template it was installed from
	 * @param location the hypervisor group's name
	 * @param resources memory (MB), storage (GB), traffic (GB, 0 unlimited), CPU cores
	 * @param ipv4 its IPv4 addresses
	 * @param ipv6 its IPv6 subnets ({@code subnet/cidr})
	 * @param trafficPeriod the current traffic period and allowance
	 * @param backupPlan the backup plan, if any
	 * @param isoMounted whether an ISO is mounted
	 * @param taskActive whether a task runs on it now
	 * @param builtAt when it was built
	 * @param created when it was created
	 * @param updated when it last changed
	 * @param remoteState the hypervisor's live view, only with {@code remoteState=true}
	 */
	record ServerView(Long id, String uuid, String name, String hostname, String state, Integer commissionStatus,
			boolean built, Boolean buildFailed, Boolean suspended, Boolean isProtected, Long osTemplateId,
			String location, Server.Resources resources, List<String> ipv4, List<String> ipv6,
			Server.TrafficPeriod trafficPeriod, Server.BackupPlan backupPlan, Boolean isoMounted, Boolean taskActive,
			String builtAt, String created, String updated, Map<String, Object> remoteState) {

		static ServerView of(Server server, boolean remoteState) {
			List<Server.NetworkInterface> interfaces = (server.network() != null) ? server.network().interfaces()
					: List.of();
			List<String> ipv4 = interfaces.stream()
				.flatMap((nic) -> nic.ipv4().stream())
				.map(Server.Ipv4Address::address)
				.toList();
			List<String> ipv6 = interfaces.stream()
				.flatMap((nic) -> nic.ipv6().stream())
				.map((subnet) -> subnet.subnet() + "/" + subnet.cidr())
				.toList();
			Server.TrafficPeriod period = (server.traffic() != null && server.traffic().publicTraffic() != null)
					? server.traffic().publicTraffic().currentPeriod() : null;
			return new ServerView(server.id(), server.uuid(), server.name(), server.hostname(),
					(server.state() != null) ? server.state().toString().toLowerCase(java.util.Locale.ROOT) : null,
					server.commissionStatus(), server.isBuilt(), server.buildFailed(), server.suspended(),
					server.isProtected(), (server.settings() != null) ? server.settings().osTemplateInstallId() : null,
					(server.hypervisor() != null && server.hypervisor().group() != null)
							? server.hypervisor().group().name() : null,
					(server.settings() != null) ? server.settings().resources() : null, ipv4, ipv6, period,
					server.backupPlan(), (server.media() != null) ? server.media().isoMounted() : null,
					(server.tasks() != null) ? server.tasks().active() : null, server.built(), server.created(),
					server.updated(), remoteState ? server.remoteState() : null);
		}

	}

	/**
	 * Where a queued hypervisor job stands.
	 *
	 * @param id the queue item id
	 * @param serverId the server it acts on
	 * @param action what it does ({@code build_server}, {@code restart_server}, ...)
	 * @param progress 0 to 100
	 * @param done whether it is over
	 * @param failed whether it is over and failed
	 * @param error the failure's message, if any
	 * @param started when it started
	 * @param updated when it last changed
	 * @param finished when it finished, null while running
	 */
	record QueueItemView(Long id, Long serverId, String action, Integer progress, boolean done, boolean failed,
			String error, String started, String updated, String finished) {

		static QueueItemView of(QueueItem item) {
			String error = (item.errors() != null && item.errors().exception() != null)
					? item.errors().exception().message() : null;
			return new QueueItemView(item.id(), item.serverId(), item.action(), item.progress(), item.isDone(),
					item.hasFailed(), error, item.started(), item.updated(), item.finished());
		}

	}

}
