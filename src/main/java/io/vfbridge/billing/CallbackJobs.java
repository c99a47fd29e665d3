package io.vfbridge.billing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.vfbridge.provisioning.JobContext;
import io.vfbridge.provisioning.JobHandler;
import io.vfbridge.provisioning.JobOutcome;
import io.vfbridge.provisioning.JobQueue;
import io.vfbridge.provisioning.NewJob;
import io.vfbridge.provisioning.OperationFinished;
import io.vfbridge.provisioning.OperationView;
import io.vfbridge.provisioning.Operations;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reports finished operations back to the billing system when
 * {@code vfbridge.billing.callback-url} is set: the finished operation enqueues a
 * callback job in the same transaction, and the job POSTs the operation, signed like the
 * webhooks billing sends us ({@code webhook-id} = {@code op_<operation id>}, stable
 * across retries so billing can deduplicate), retried by the queue until billing answers
 * 2xx.
 */
@Component
class CallbackJobs implements JobHandler {

	static final String TYPE = "billing.callback";

	private final BillingProperties properties;

	private final JobQueue queue;

	private final Operations operations;

	private final JsonMapper json;

	private final Clock clock;

	private final SignedCallbacks callbacks;

	CallbackJobs(BillingProperties properties, JobQueue queue, Operations operations, JsonMapper json, Clock clock,
			SignedCallbacks callbacks) {
		this.properties = properties;
		this.queue = queue;
		this.operations = operations;
		this.json = json;
		this.clock = clock;
		this.callbacks = callbacks;
	}

	@Override
	public String type() {
		return TYPE;
	}

	/** Enqueues the callback of a finished operation (not of a callback). */
	@EventListener
	void operationFinished(OperationFinished finished) {
		OperationView operation = finished.operation();
		if (this.properties.callbackUrl() == null || operation.parentOperationId() != null
				|| TYPE.equals(operation.type())) {
			return;
		}
		ObjectNode payload = this.json.createObjectNode().put("operationId", operation.operationId().toString());
		this.queue.enqueue(
				new NewJob(UUID.randomUUID(), "callback:" + operation.operationId(), TYPE, payload.toString(),
						operation.panel(), operation.serviceId(), operation.customerId(), operation.operationId()),
				this.clock.instant());
	}

	@Override
	public JobOutcome handle(JobContext job) throws Exception {
		UUID operationId = UUID.fromString(job.payload().get("operationId").asString());
		OperationView operation = this.operations.forCallback(operationId).orElse(null);
		if (operation == null) {
			return new JobOutcome.Failed("operation " + operationId + " no longer exists");
		}
		String secret = this.properties.effectiveCallbackSecret();
		if (this.properties.callbackUrl() == null || secret == null) {
			return new JobOutcome.Failed("no callback URL or signing secret is configured");
		}
		Instant now = this.clock.instant();
		ObjectNode body = this.json.createObjectNode();
		body.put("type", "operation." + operation.status());
		body.put("timestamp", now.toString());
		body.set("data", this.json.valueToTree(operation));
		byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
		Optional<JobOutcome.RetryLater> refused = this.callbacks
			.post(URI.create(this.properties.callbackUrl().toString()), "op_" + operationId, now, bytes, "callback");
		if (refused.isPresent()) {
			// the secrets stay until a callback is accepted: a refused first try must not
			// leave the retries without the root password
			return refused.get();
		}
		this.operations.secretsDelivered(operationId);
		return JobOutcome.succeeded();
	}

}
