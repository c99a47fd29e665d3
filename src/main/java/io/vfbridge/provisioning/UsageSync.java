package io.vfbridge.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionClients;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.Server;
import io.vfbridge.virtfusion.model.TrafficStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The usage sync: pulls the traffic (and, where the hypervisor reports it, the disk) of
 * every active or suspended service from VirtFusion and stores it. Each instance's
 * scheduler asks {@link PeriodicJobs} for the run of the current slot, so it runs once
 * per {@code sync-interval} however many instances there are. A service whose pull fails
 * keeps its last figures, gets the error and its time recorded and counts as a failure in
 * {@value #METRIC} ({@code outcome=failure}); the run goes on with the others.
 */
@Component
@EnableConfigurationProperties(UsageProperties.class)
@UsesOperation({ VirtFusionOperation.GET_SERVER_TRAFFIC, VirtFusionOperation.FIND_SERVER })
public class UsageSync implements JobHandler {

	/** The job type of a run. */
	public static final String TYPE = "usage.sync";

	/** Services synced, tagged {@code outcome} = {@code success} or {@code failure}. */
	static final String METRIC = "vfbridge.usage.sync";

	private static final Logger log = LoggerFactory.getLogger(UsageSync.class);

	private final UsageProperties properties;

	private final PeriodicJobs periodic;

	private final UsageStore store;

	private final VirtFusionClients clients;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Counter succeeded;

	private final Counter failed;

	UsageSync(UsageProperties properties, PeriodicJobs periodic, UsageStore store, VirtFusionClients clients,
			ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
		this.properties = properties;
		this.periodic = periodic;
		this.store = store;
		this.clients = clients;
		this.events = events;
		this.clock = clock;
		this.succeeded = Counter.builder(METRIC)
			.description("services whose usage was pulled from VirtFusion")
			.tag("outcome", "success")
			.register(meters);
		this.failed = Counter.builder(METRIC)
			.description("services whose usage was pulled from VirtFusion")
			.tag("outcome", "failure")
			.register(meters);
	}

	/** Enqueues the run of the current slot unless an instance did already. */
	@Scheduled(initialDelayString = "${vfbridge.usage.check-interval:PT1M}",
			fixedDelayString = "${vfbridge.usage.check-interval:PT1M}")
	void enqueueDueRun() {
		if (this.properties.enabled()) {
			this.periodic.enqueueForSlot(TYPE, this.properties.syncInterval(), this.clock.instant());
		}
	}

	/** Starts a run now, after any run that is queued or running. */
	public UUID runNow() {
		return this.periodic.enqueueNow(TYPE, this.clock.instant());
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public JobOutcome handle(JobContext job) {
		Instant startedAt = this.clock.instant();
		int ok = 0;
		List<String> failures = new ArrayList<>();
		for (UsageStore.Target target : this.store.targets()) {
			try {
				this.store.recordSuccess(target.id(), pull(target), this.clock.instant());
				this.succeeded.increment();
				ok++;
			}
			catch (RuntimeException ex) {
				// one service's failure must not stop the others, and must not go unseen
				String error = ex.getMessage();
				this.store.recordFailure(target.id(), error, this.clock.instant());
				this.failed.increment();
				failures.add(target.billingId());
				log.warn("Usage sync of service {} (server {}) failed: {}", target.billingId(), target.serverId(),
						error);
			}
		}
		this.events.publishEvent(new UsageSynced(job.id(), startedAt, ok, failures.size()));
		ObjectNode result = JsonNodes.object().put("startedAt", startedAt.toString()).put("succeeded", ok);
		result.put("failed", failures.size());
		failures.forEach(result.putArray("failedServices")::add);
		return new JobOutcome.Succeeded(result);
	}

	private List<ServiceUsage.Period> pull(UsageStore.Target target) {
		VirtFusionClient client = this.clients.client(target.panel());
		TrafficStatistics traffic = client.getServerTraffic(target.serverId());
		Long diskCapacity = null;
		Long diskUsed = null;
		if (this.properties.disk()) {
			Server server = client.findServer(target.serverId(), true).orElse(null);
			if (server != null && server.remoteState() != null
					&& server.remoteState().get("disk") instanceof Map<?, ?> disks) {
				for (Object disk : disks.values()) {
					if (disk instanceof Map<?, ?> figures) {
						diskCapacity = add(diskCapacity, figures.get("capacity"));
						diskUsed = add(diskUsed, figures.get("physical"));
					}
				}
			}
		}
		List<ServiceUsage.Period> periods = new ArrayList<>();
		boolean newest = true;
		for (TrafficStatistics.Month month : traffic.monthly()) {
			java.time.LocalDateTime start = UsageStore.periodTime(month.start());
			if (start == null) {
				continue;
			}
			periods.add(new ServiceUsage.Period(start, UsageStore.periodTime(month.end()), month.rx(), month.tx(),
					month.total(), month.limit(), newest ? diskCapacity : null, newest ? diskUsed : null, null));
			newest = false;
		}
		return periods;
	}

	private static Long add(Long sum, Object value) {
		if (!(value instanceof Number number)) {
			return sum;
		}
		return ((sum != null) ? sum : 0L) + number.longValue();
	}

}
