package io.vfbridge.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.vfbridge.customers.CustomerMapping;
import io.vfbridge.customers.Customers;
import io.vfbridge.customers.ServiceMapping;
import io.vfbridge.customers.ServiceState;
import io.vfbridge.virtfusion.UnknownPanelException;
import io.vfbridge.virtfusion.VirtFusionApiException;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionClients;
import io.vfbridge.virtfusion.model.Server;
import io.vfbridge.virtfusion.model.ServerPackage;
import io.vfbridge.virtfusion.model.User;
import io.vfbridge.virtfusion.model.UserServer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Compares every service mapping with VirtFusion and says what differs. Changes nothing.
 * A service with an operation under way is left alone (it is about to change), except to
 * notice that the operation is stuck; a VirtFusion failure is noted and the run goes on.
 */
@Component
class DriftDetector {

	private final Customers customers;

	private final VirtFusionClients clients;

	private final JdbcTemplate jdbc;

	private final ReconciliationProperties properties;

	private final Clock clock;

	DriftDetector(Customers customers, VirtFusionClients clients, JdbcTemplate jdbc,
			ReconciliationProperties properties, Clock clock) {
		this.customers = customers;
		this.clients = clients;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/** What one comparison found. */
	record Result(int servicesChecked, int customersChecked, List<String> errors, List<DriftFinding> findings) {
	}

	/** An operation of a service as far as reconciliation cares. */
	private record Op(UUID id, String type, String status, Instant createdAt) {
	}

	Result detect() {
		Instant now = this.clock.instant();
		List<ServiceMapping> services = this.customers.allServices();
		Map<UUID, CustomerMapping> customerById = this.customers.allCustomers()
			.stream()
			.collect(Collectors.toMap(CustomerMapping::id, Function.identity()));
		Map<String, Op> latest = latestOperations();
		Map<String, Op> open = oldestOpenOperations();
		Set<String> overridden = servicesWithResourceOverrides();
		Map<String, Map<Long, ServerPackage>> packages = new HashMap<>();
		List<String> errors = new ArrayList<>();
		List<DriftFinding> findings = new ArrayList<>();
		Set<String> linked = new HashSet<>();
		Set<UUID> customersBusy = new HashSet<>();
		for (ServiceMapping service : services) {
			if (service.serverId() != null) {
				linked.add(service.panel() + "/" + service.serverId());
			}
			if (open.containsKey(service.billingId())) {
				customersBusy.add(service.customerId());
			}
		}
		for (ServiceMapping service : services) {
			CustomerMapping customer = customerById.get(service.customerId());
			String customerId = (customer != null) ? customer.billingId() : null;
			Optional<DriftFinding> stuck = stuck(service, customerId, latest.get(service.billingId()),
					open.get(service.billingId()), now);
			stuck.ifPresent(findings::add);
			if (stuck.isPresent() || open.containsKey(service.billingId()) || service.serverId() == null) {
				continue;
			}
			ServiceState state = service.state();
			if (state != ServiceState.ACTIVE && state != ServiceState.SUSPENDED && state != ServiceState.PROVISIONING) {
				continue;
			}
			try {
				VirtFusionClient client = this.clients.client(service.panel());
				Optional<Server> found = client.findServer(service.serverId(), false);
				if (found.isEmpty()) {
					findings.add(DriftFinding.of(DriftKind.SERVER_MISSING, service.panel(), service.billingId(),
							customerId, service.serverId(), null, "server " + service.serverId(), "none",
							"server " + service.serverId() + " of service " + service.billingId()
									+ " no longer exists in VirtFusion",
							DriftAction.REFRESH_SERVICE,
							"look again and mark the service needs_attention if the server is still gone"));
					continue;
				}
				Server server = found.get();
				compare(service, customerId, customer, server, overridden, packages, client).forEach(findings::add);
			}
			catch (VirtFusionApiException | UnknownPanelException ex) {
				errors.add("service " + service.billingId() + ": " + ex.getMessage());
			}
		}
		int customersChecked = 0;
		for (CustomerMapping customer : customerById.values()) {
			if (customer.virtfusionUserId() == null || !"active".equals(customer.state())
					|| customersBusy.contains(customer.id())) {
				continue;
			}
			try {
				List<UserServer> servers = this.clients.client(customer.panel())
					.listUserServers(customer.virtfusionUserId());
				customersChecked++;
				for (UserServer server : servers) {
					if (!linked.contains(customer.panel() + "/" + server.id())) {
						findings.add(orphan(customer, server));
					}
				}
			}
			catch (VirtFusionApiException | UnknownPanelException ex) {
				errors.add("customer " + customer.billingId() + ": " + ex.getMessage());
			}
		}
		return new Result(services.size(), customersChecked, errors, findings);
	}

	/**
	 * An orphan server of a known customer. One that its owner had before vfbridge knew
	 * the customer (the owner's extRelationId is the customer's, and the server is older
	 * than the customer's mapping) was made by the billing module vfbridge took over: it
	 * is to be imported into the service it belongs to, which the operator names. Any
	 * other (a leftover of a create whose answer was lost, say) is to be suspended.
	 */
	private DriftFinding orphan(CustomerMapping customer, UserServer listed) {
		String detail = "server " + listed.id() + " of customer " + customer.billingId() + "'s VirtFusion user "
				+ customer.virtfusionUserId() + " is mapped by no service";
		Optional<Server> server = this.clients.client(customer.panel()).findServer(listed.id(), false);
		Long ownerExt = server.map(Server::owner).map(User::extRelationId).orElse(null);
		// VirtFusion's "created" has whole seconds: a server made in the same second as
		// the
		// mapping is not known to be older
		boolean older = server.map(Server::created)
			.map(DriftDetector::instant)
			.filter((created) -> !created.plusSeconds(1).isAfter(customer.createdAt()))
			.isPresent();
		if (ownerExt != null && ownerExt.equals(customer.extRelationId()) && older) {
			return DriftFinding.of(DriftKind.ORPHAN_SERVER, customer.panel(), null, customer.billingId(), listed.id(),
					null, "a service mapping", "none (" + listed.hostname() + ")",
					detail + "; it predates vfbridge's mapping of the customer (made by the billing module before)",
					DriftAction.IMPORT,
					"import it into the billing service it belongs to: POST /v1/services/{serviceId}/import with "
							+ "{\"customer\":{\"id\":\"" + customer.billingId() + "\"},\"server\":{\"id\":"
							+ listed.id() + "}}");
		}
		return DriftFinding.of(DriftKind.ORPHAN_SERVER, customer.panel(), null, customer.billingId(), listed.id(), null,
				"a service mapping", "none (" + listed.hostname() + ")", detail, DriftAction.SUSPEND_ORPHAN,
				"suspend the server (it is never deleted) if no service maps it by then");
	}

	private static Instant instant(String timestamp) {
		try {
			return java.time.OffsetDateTime.parse(timestamp).toInstant();
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

	private List<DriftFinding> compare(ServiceMapping service, String customerId, CustomerMapping customer,
			Server server, Set<String> overridden, Map<String, Map<Long, ServerPackage>> packages,
			VirtFusionClient client) {
		List<DriftFinding> findings = new ArrayList<>();
		boolean suspended = Boolean.TRUE.equals(server.suspended());
		if (service.state() == ServiceState.SUSPENDED && !suspended) {
			findings.add(DriftFinding.of(DriftKind.SUSPENDED_MISMATCH, service.panel(), service.billingId(), customerId,
					server.id(), null, "suspended", "not suspended",
					"service " + service.billingId() + " is suspended but server " + server.id() + " is not",
					DriftAction.SUSPEND, "suspend the server (service.suspend)"));
		}
		else if (service.state() == ServiceState.ACTIVE && suspended) {
			findings.add(DriftFinding.of(DriftKind.SUSPENDED_MISMATCH, service.panel(), service.billingId(), customerId,
					server.id(), null, "not suspended", "suspended",
					"service " + service.billingId() + " is active but server " + server.id() + " is suspended",
					DriftAction.UNSUSPEND, "unsuspend the server (service.unsuspend)"));
		}
		if (customer != null && customer.virtfusionUserId() != null && server.ownerId() != null
				&& !server.ownerId().equals(customer.virtfusionUserId())) {
			findings.add(DriftFinding.of(DriftKind.OWNER_MISMATCH, service.panel(), service.billingId(), customerId,
					server.id(), null, "user " + customer.virtfusionUserId(), "user " + server.ownerId(),
					"server " + server.id() + " belongs to VirtFusion user " + server.ownerId() + ", not to customer "
							+ customerId + "'s user " + customer.virtfusionUserId(),
					DriftAction.CHANGE_OWNER,
					"move the server back to customer " + customerId + " (service.change_owner)"));
		}
		if (service.packageId() != null && !overridden.contains(service.billingId()) && server.settings() != null
				&& server.settings().resources() != null) {
			ServerPackage wanted = packages.computeIfAbsent(service.panel(), (panel) -> new HashMap<>())
				.computeIfAbsent(service.packageId(), client::getPackage);
			Server.Resources has = server.settings().resources();
			String expected = "package " + wanted.id() + ": " + wanted.memory() + " MB, " + wanted.cpuCores()
					+ " cores";
			String actual = has.memory() + " MB, " + has.cpuCores() + " cores";
			if (!sameNumber(wanted.memory(), has.memory()) || !sameNumber(wanted.cpuCores(), has.cpuCores())) {
				findings.add(
						DriftFinding.of(DriftKind.PACKAGE_MISMATCH, service.panel(), service.billingId(), customerId,
								server.id(), null, expected, actual,
								"server " + server.id() + " does not have the resources of package "
										+ service.packageId(),
								DriftAction.CHANGE_PACKAGE,
								"change the server to package " + service.packageId() + " (service.change_package)"));
			}
		}
		return findings;
	}

	private Optional<DriftFinding> stuck(ServiceMapping service, String customerId, Op latest, Op open, Instant now) {
		Instant threshold = now.minus(this.properties.stuckAfter());
		if (latest != null && ("dead".equals(latest.status()) || "needs_attention".equals(latest.status()))) {
			return Optional.of(DriftFinding.of(
					DriftKind.SERVICE_STUCK, service.panel(), service.billingId(), customerId, service.serverId(),
					latest.id(), "the latest operation finished", latest.status(), "operation " + latest.id() + " ("
							+ latest.type() + ") of service " + service.billingId() + " is " + latest.status(),
					DriftAction.RETRY_OPERATION, "retry operation " + latest.id()));
		}
		if (open != null && open.createdAt().isBefore(threshold)) {
			return Optional.of(DriftFinding.of(DriftKind.SERVICE_STUCK, service.panel(), service.billingId(),
					customerId, service.serverId(), open.id(), "done within " + this.properties.stuckAfter(),
					open.status() + " since " + open.createdAt(),
					"operation " + open.id() + " (" + open.type() + ") of service " + service.billingId() + " is still "
							+ open.status() + " after " + this.properties.stuckAfter(),
					DriftAction.CANCEL_OPERATION, "cancel operation " + open.id() + " (not possible while it runs)"));
		}
		if (open == null && service.updatedAt().isBefore(threshold)) {
			if (service.state() == ServiceState.TERMINATING) {
				return Optional.of(DriftFinding.of(DriftKind.SERVICE_STUCK, service.panel(), service.billingId(),
						customerId, service.serverId(), null, "terminated", "terminating since " + service.updatedAt(),
						"service " + service.billingId() + " has been terminating since " + service.updatedAt()
								+ " with no operation under way",
						DriftAction.TERMINATE,
						"terminate again (service.terminate; a server already gone is success)"));
			}
			if (service.state() == ServiceState.PROVISIONING) {
				return Optional.of(DriftFinding.of(DriftKind.SERVICE_STUCK, service.panel(), service.billingId(),
						customerId, service.serverId(), null, "active", "provisioning since " + service.updatedAt(),
						"service " + service.billingId() + " has been provisioning since " + service.updatedAt()
								+ " with no operation under way",
						DriftAction.REFRESH_SERVICE, "set the service's state from its server"));
			}
		}
		return Optional.empty();
	}

	private static boolean sameNumber(Number a, Number b) {
		return a != null && b != null && a.longValue() == b.longValue();
	}

	/** The newest operation of each service (callbacks left out). */
	private Map<String, Op> latestOperations() {
		Map<String, Op> ops = new HashMap<>();
		this.jdbc.query("""
				select distinct on (service_id) service_id, id, type, status, created_at from job
				where service_id is not null and parent_job_id is null
				order by service_id, seq desc
				""", (rs) -> {
			ops.put(rs.getString(1), new Op(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant()));
		});
		return ops;
	}

	/** The oldest queued or running operation of each service that has one. */
	private Map<String, Op> oldestOpenOperations() {
		Map<String, Op> ops = new HashMap<>();
		this.jdbc.query("""
				select distinct on (service_id) service_id, id, type, status, created_at from job
				where service_id is not null and status in ('queued', 'running')
				order by service_id, seq
				""", (rs) -> {
			ops.put(rs.getString(1), new Op(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant()));
		});
		return ops;
	}

	/**
	 * Services whose resources were set apart from their package (a create or package
	 * change with overrides, a resize): their resources say nothing about the package.
	 */
	private Set<String> servicesWithResourceOverrides() {
		return new HashSet<>(this.jdbc.queryForList("""
				select distinct service_id from job
				where service_id is not null and status = 'succeeded'
				  and (type = 'service.resize' or jsonb_typeof(payload -> 'service' -> 'resources') = 'object')
				""", String.class));
	}

}
