package io.vfbridge.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionApiException;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionClients;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.ExtRelationId;
import io.vfbridge.virtfusion.model.PageRequest;
import io.vfbridge.virtfusion.model.ServerListQuery;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code virtfusion}: one indicator per configured panel. Each checks the URL and token
 * ({@code /connect}) and then makes one cheap read per permission vfbridge needs
 * (servers, packages, users, hypervisor groups), so a token scoped too narrowly shows
 * here rather than in a failed operation. Results are cached for
 * {@code vfbridge.ops.health.virtfusion-cache-ttl}. Shown in {@code /actuator/health} but
 * deliberately not part of readiness: a VirtFusion outage must not stop intake, whose
 * whole point is to queue work through such outages.
 */
@Component("virtfusionHealthContributor")
@UsesOperation({ VirtFusionOperation.TEST_CONNECTION, VirtFusionOperation.LIST_SERVERS,
		VirtFusionOperation.LIST_PACKAGES, VirtFusionOperation.FIND_USER_BY_EXT_RELATION_ID,
		VirtFusionOperation.LIST_HYPERVISOR_GROUPS })
class VirtFusionHealthContributor implements CompositeHealthContributor {

	/**
	 * An extRelationId no real customer has: a 404 for it proves the users permission.
	 */
	private static final long PROBE_EXT_RELATION_ID = 2_147_000_001L;

	private final CompositeHealthContributor panels;

	VirtFusionHealthContributor(VirtFusionClients clients, OpsProperties properties, Clock clock) {
		Map<String, HealthContributor> byPanel = new TreeMap<>();
		for (String panel : clients.panels()) {
			byPanel.put(panel, new PanelHealth(clients, panel, properties, clock));
		}
		this.panels = CompositeHealthContributor.fromMap(byPanel);
	}

	@Override
	public HealthContributor getContributor(String name) {
		return this.panels.getContributor(name);
	}

	@Override
	public java.util.stream.Stream<HealthContributors.Entry> stream() {
		return this.panels.stream();
	}

	/** One panel, probed at most once per TTL. */
	static final class PanelHealth implements HealthIndicator {

		private final VirtFusionClients clients;

		private final String panel;

		private final OpsProperties properties;

		private final Clock clock;

		private volatile Health cached;

		private volatile Instant cachedAt = Instant.MIN;

		PanelHealth(VirtFusionClients clients, String panel, OpsProperties properties, Clock clock) {
			this.clients = clients;
			this.panel = panel;
			this.properties = properties;
			this.clock = clock;
		}

		@Override
		public Health health() {
			Instant now = this.clock.instant();
			if (this.cached != null && this.cachedAt.plus(this.properties.health().virtfusionCacheTtl()).isAfter(now)) {
				return this.cached;
			}
			synchronized (this) {
				if (this.cached == null
						|| !this.cachedAt.plus(this.properties.health().virtfusionCacheTtl()).isAfter(now)) {
					this.cached = probe();
					this.cachedAt = now;
				}
				return this.cached;
			}
		}

		private Health probe() {
			VirtFusionClient client = this.clients.client(this.panel);
			Map<String, String> checks = new LinkedHashMap<>();
			boolean up = check(checks, "connect", client, VirtFusionClient::testConnection);
			if (up) {
				up &= check(checks, "servers", client,
						(c) -> c.listServers(ServerListQuery.all(), new PageRequest(1, 1)));
				up &= check(checks, "packages", client, VirtFusionClient::listPackages);
				up &= check(checks, "users", client,
						(c) -> c.findUserByExtRelationId(ExtRelationId.of(PROBE_EXT_RELATION_ID)));
				up &= check(checks, "hypervisorGroups", client, (c) -> c.listHypervisorGroups(new PageRequest(1, 1)));
			}
			Health.Builder health = up ? Health.up() : Health.down();
			return health.withDetail("checks", checks)
				.withDetail("circuitBreaker", client.circuitState().name())
				.withDetail("checkedAt", this.clock.instant().toString())
				.build();
		}

		private static boolean check(Map<String, String> checks, String name, VirtFusionClient client,
				Consumer<VirtFusionClient> call) {
			try {
				call.accept(client);
				checks.put(name, "ok");
				return true;
			}
			catch (VirtFusionApiException ex) {
				checks.put(name, (ex.status() == 401 || ex.status() == 403)
						? "the token lacks this permission (HTTP " + ex.status() + ")" : ex.getMessage());
				return false;
			}
			catch (RuntimeException ex) {
				checks.put(name, ex.getClass().getSimpleName());
				return false;
			}
		}

	}

}
