package io.vfbridge.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.vfbridge.customers.CustomerMapping;
import io.vfbridge.customers.Customers;
import io.vfbridge.customers.ServiceMapping;
import io.vfbridge.provisioning.JobQueue;
import io.vfbridge.provisioning.NewJob;
import io.vfbridge.provisioning.Operations;
import io.vfbridge.provisioning.PeriodicJobs;
import io.vfbridge.security.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconciliation: runs the comparison (as a queued job, so it happens once however many
 * instances run), stores the report, and applies a finding's suggested fix through the
 * queue, once. Only the kinds listed in {@code vfbridge.reconciliation.auto-apply} are
 * fixed without an operator.
 */
@Service
@EnableConfigurationProperties(ReconciliationProperties.class)
public class Reconciliation {

	/** The job type of a run. */
	public static final String RUN = "reconciliation.run";

	/** Who applies findings automatically. */
	static final String AUTO_APPLY = "auto-apply";

	private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

	private final DriftDetector detector;

	private final DriftReports reports;

	private final PeriodicJobs periodic;

	private final JobQueue queue;

	private final Operations operations;

	private final Customers customers;

	private final ReconciliationProperties properties;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock;

	Reconciliation(DriftDetector detector, DriftReports reports, PeriodicJobs periodic, JobQueue queue,
			Operations operations, Customers customers, ReconciliationProperties properties,
			TransactionTemplate transactions, JsonMapper json, Clock clock) {
		this.detector = detector;
		this.reports = reports;
		this.periodic = periodic;
		this.queue = queue;
		this.operations = operations;
		this.customers = customers;
		this.properties = properties;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
	}

	/** Enqueues a run now (an operator's trigger); returns its operation id. */
	public UUID trigger() {
		return this.periodic.enqueueNow(RUN, this.clock.instant());
	}

	/** Enqueues the run of the current period unless some instance already did. */
	void schedule() {
		this.periodic.enqueueForSlot(RUN, this.properties.interval(), this.clock.instant());
	}

	/**
	 * Compares, stores the report and applies the fixes of the auto-apply kinds.
	 * @param operationId the run's operation
	 * @param trigger {@code schedule} or {@code operator}
	 */
	DriftReport run(UUID operationId, String trigger) {
		Instant started = this.clock.instant();
		DriftDetector.Result result = this.detector.detect();
		DriftReport report = new DriftReport(UUID.randomUUID(), operationId, trigger, started, this.clock.instant(),
				result.servicesChecked(), result.customersChecked(), result.errors(), result.findings());
		this.reports.save(report, this.properties.keepReports());
		for (DriftFinding finding : report.findings()) {
			if (this.properties.autoApply().contains(DriftKind.of(finding.kind()))) {
				try {
					apply(finding.id(), AUTO_APPLY);
				}
				catch (RuntimeException ex) {
					log.warn("Could not auto-apply drift finding {} ({}): {}", finding.id(), finding.kind(),
							ex.getMessage());
				}
			}
		}
		return this.reports.latest().filter((latest) -> latest.id().equals(report.id())).orElse(report);
	}

	/** The latest report. */
	public Optional<DriftReport> latest() {
		return this.reports.latest();
	}

	/**
	 * Applies a finding's suggested fix through the job queue, once: applying it again
	 * returns the operation of the first time and enqueues nothing.
	 * @return the finding as applied, and whether this call applied it
	 * @throws org.springframework.web.ErrorResponseException 404 for an unknown finding
	 * @throws io.vfbridge.provisioning.IllegalJobTransitionException when the stuck
	 * operation cannot be retried or cancelled in its status
	 */
	public Applied apply(UUID findingId, String actor) {
		return this.transactions.execute((status) -> {
			DriftFinding finding = this.reports.lockFinding(findingId)
				.orElseThrow(() -> Problems.problem(HttpStatus.NOT_FOUND, "drift-finding-not-found",
						"Drift finding not found", "no drift finding " + findingId));
			if (finding.appliedOperationId() != null) {
				return new Applied(finding, false);
			}
			Instant now = this.clock.instant();
			UUID operationId = carryOut(finding, actor, now);
			this.reports.markApplied(findingId, actor, operationId, now);
			return new Applied(this.reports.lockFinding(findingId).orElseThrow(), true);
		});
	}

	private UUID carryOut(DriftFinding finding, String actor, Instant now) {
		DriftAction action = DriftAction.of(finding.action());
		if (action == DriftAction.RETRY_OPERATION) {
			return this.operations.retry(finding.operationId(), actor).orElseThrow().operationId();
		}
		if (action == DriftAction.CANCEL_OPERATION) {
			return this.operations.cancel(finding.operationId(), actor).orElseThrow().operationId();
		}
		if (action == DriftAction.IMPORT) {
			throw Problems.problem(HttpStatus.CONFLICT, "import-needs-service", "Import needs a service",
					"only the operator knows which billing service server " + finding.serverId()
							+ " belongs to: POST /v1/services/{serviceId}/import with {\"customer\":{\"id\":\""
							+ finding.customerId() + "\"},\"server\":{\"id\":" + finding.serverId() + "}}");
		}
		ObjectNode payload = this.json.createObjectNode();
		String orderingKey;
		if (action == DriftAction.SUSPEND_ORPHAN) {
			payload.put("panel", finding.panel()).put("serverId", finding.serverId());
			orderingKey = "server:" + finding.panel() + ":" + finding.serverId();
		}
		else {
			ServiceMapping service = this.customers.findService(finding.serviceId())
				.orElseThrow(() -> Problems.problem(HttpStatus.NOT_FOUND, "service-not-found", "Service not found",
						"vfbridge knows no service " + finding.serviceId()));
			ObjectNode target = payload.putObject("service").put("id", service.billingId());
			if (action == DriftAction.CHANGE_PACKAGE) {
				target.put("packageId", service.packageId());
			}
			if (action == DriftAction.CHANGE_OWNER) {
				CustomerMapping owner = this.customers.findCustomer(service.customerId()).orElseThrow();
				payload.putObject("newCustomer")
					.put("id", owner.billingId())
					.put("email", owner.email())
					.put("name", owner.name());
			}
			orderingKey = NewJob.serviceKey(service.billingId());
		}
		UUID id = UUID.randomUUID();
		this.queue.enqueue(new NewJob(id, orderingKey, action.jobType(), payload.toString(), finding.panel(),
				finding.serviceId(), finding.customerId(), null), now);
		return id;
	}

	/**
	 * A finding after an apply.
	 *
	 * @param finding the finding, with the operation that carries its fix
	 * @param newlyApplied whether this call applied it (false: it had been already)
	 */
	public record Applied(DriftFinding finding, boolean newlyApplied) {
	}

}
