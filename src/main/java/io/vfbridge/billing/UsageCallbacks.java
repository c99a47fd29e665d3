package io.vfbridge.billing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.vfbridge.provisioning.JobContext;
import io.vfbridge.provisioning.JobHandler;
import io.vfbridge.provisioning.JobOutcome;
import io.vfbridge.provisioning.JobQueue;
import io.vfbridge.provisioning.NewJob;
import io.vfbridge.provisioning.ServiceUsage;
import io.vfbridge.provisioning.UsageProperties;
import io.vfbridge.provisioning.UsageStore;
import io.vfbridge.provisioning.UsageSynced;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pushes each usage sync run's figures to billing when
 * {@code vfbridge.usage.callback-url} is set: the run enqueues a job, and the job POSTs
 * every service synced since the run started, signed like the operation callbacks
 * ({@code webhook-id} = {@code usage_<run id>}, stable across retries), retried by the
 * queue until billing answers 2xx.
 */
@Component
class UsageCallbacks implements JobHandler {

	static final String TYPE = "billing.usage_callback";

	private final UsageProperties usage;

	private final BillingProperties billing;

	private final UsageStore store;

	private final JobQueue queue;

	private final JsonMapper json;

	private final Clock clock;

	private final SignedCallbacks callbacks;

	UsageCallbacks(UsageProperties usage, BillingProperties billing, UsageStore store, JobQueue queue, JsonMapper json,
			Clock clock, SignedCallbacks callbacks) {
		this.usage = usage;
		this.billing = billing;
		this.store = store;
		this.queue = queue;
		this.json = json;
		this.clock = clock;
		this.callbacks = callbacks;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@EventListener
	void synced(UsageSynced run) {
		if (this.usage.callbackUrl() == null || run.succeeded() == 0) {
			return;
		}
		ObjectNode payload = this.json.createObjectNode()
			.put("runId", run.runId().toString())
			.put("since", run.startedAt().toString());
		// one push per run, even when the run itself runs again after a crash
		UUID id = UUID.nameUUIDFromBytes(("usage-callback:" + run.runId()).getBytes(StandardCharsets.UTF_8));
		this.queue.enqueueIfAbsent(new NewJob(id, "usage-callback:" + run.runId(), TYPE, payload.toString(), null, null,
				null, run.runId()), this.clock.instant());
	}

	@Override
	public JobOutcome handle(JobContext job) throws Exception {
		JsonNode payload = job.payload();
		String secret = this.billing.effectiveCallbackSecret();
		if (this.usage.callbackUrl() == null || secret == null) {
			return new JobOutcome.Failed("no usage callback URL or signing secret is configured");
		}
		Instant since = Instant.parse(payload.get("since").asString());
		List<ServiceUsage> services = this.store.syncedSince(since);
		Instant now = this.clock.instant();
		ObjectNode body = this.json.createObjectNode();
		body.put("type", "usage.synced");
		body.put("timestamp", now.toString());
		ObjectNode data = body.putObject("data");
		data.put("runId", payload.get("runId").asString());
		data.put("syncedSince", since.toString());
		data.set("services", this.json.valueToTree(services));
		byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
		Optional<JobOutcome.RetryLater> refused = this.callbacks.post(URI.create(this.usage.callbackUrl().toString()),
				"usage_" + payload.get("runId").asString(), now, bytes, "usage callback");
		return refused.isPresent() ? refused.get()
				: new JobOutcome.Succeeded(this.json.createObjectNode().put("services", services.size()));
	}

}
