package io.vfbridge.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vfbridge.customers.CustomerMapping;
import io.vfbridge.customers.ServiceMapping;
import io.vfbridge.customers.ServiceState;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionApiException;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.BuildServerRequest;
import io.vfbridge.virtfusion.model.CreateServerRequest;
import io.vfbridge.virtfusion.model.NewSshKey;
import io.vfbridge.virtfusion.model.Server;
import io.vfbridge.virtfusion.model.SshKey;
import io.vfbridge.virtfusion.model.UserServer;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * {@code service.create}: the customer's user, then exactly one server, then its build,
 * followed until it completes. VirtFusion's {@code POST /servers} has no idempotency key,
 * so the intent is recorded before the call; when the answer is lost, the next run lists
 * the owner's servers and adopts the single unbuilt, unlinked server created since, or
 * stops for a person when there are several. Creates of one customer are serialized. A
 * build is never sent to a server that is building or built.
 */
@Component
@UsesOperation({ VirtFusionOperation.FIND_USER_BY_EXT_RELATION_ID, VirtFusionOperation.CREATE_USER,
		VirtFusionOperation.CREATE_SERVER, VirtFusionOperation.LIST_USER_SERVERS, VirtFusionOperation.FIND_SERVER,
		VirtFusionOperation.BUILD_SERVER, VirtFusionOperation.LIST_USER_SSH_KEYS, VirtFusionOperation.ADD_SSH_KEY,
		VirtFusionOperation.RESET_SERVER_PASSWORD })
class CreateServiceHandler implements JobHandler {

	static final String TYPE = "service.create";

	private static final Duration LOCK_WAIT = Duration.ofSeconds(1);

	private final Lifecycle lifecycle;

	private final Plans plans;

	CreateServiceHandler(Lifecycle lifecycle, Plans plans) {
		this.lifecycle = lifecycle;
		this.plans = plans;
	}

	/** How far the create got, kept across runs. */
	record Progress(Instant createIntentAt, Instant buildIntentAt, Instant buildSentAt) {

		static final Progress NONE = new Progress(null, null, null);

		Progress withCreateIntent(Instant at) {
			return new Progress(at, this.buildIntentAt, this.buildSentAt);
		}

		Progress withBuildIntent(Instant at) {
			return new Progress(this.createIntentAt, at, this.buildSentAt);
		}

		Progress withBuildSent(Instant at) {
			return new Progress(this.createIntentAt, this.buildIntentAt, at);
		}

	}

	@Override
	public String type() {
		return TYPE;
	}

	/**
	 * The mappings a run starts from; a refusal when the service cannot be created; and
	 * whether the run holds the customer's create lock.
	 */
	private record Start(CustomerMapping customer, ServiceMapping service, JobOutcome refusal, boolean locked) {
	}

	/** The server, and how far the create got. */
	private record Created(Server server, Progress progress) {
	}

	@Override
	public JobOutcome handle(JobContext job) {
		EventData event = job.payload(EventData.class);
		Plans.Spec spec = this.plans.resolve(event.service());
		String panel = this.lifecycle.panel(spec.panel());
		VirtFusionClient client = this.lifecycle.client(panel);
		String owner = job.id().toString();
		// the mappings (created by the first run) and the create lock: one commit
		Start start = this.lifecycle.together(() -> start(event, panel, owner));
		if (start.refusal() != null) {
			return start.refusal();
		}
		CustomerMapping customer = start.customer();
		ServiceMapping service = start.service();
		Progress progress = Optional.ofNullable(job.checkpoint(Progress.class)).orElse(Progress.NONE);
		boolean buildIntentRecorded = false;
		// VirtFusion's answer about the server this run created or adopted: as current as
		// a read would be, so the build step needs no second GET of it
		Server fresh = null;
		if (service.serverId() == null) {
			if (!start.locked()) {
				return new JobOutcome.Waiting("another create for customer " + customer.billingId() + " is in progress",
						LOCK_WAIT);
			}
			boolean unlocked = false;
			try {
				long userId = this.lifecycle.userFor(client, customer);
				CreateServerRequest request = spec.createRequest(userId);
				if (Boolean.TRUE.equals(event.dryRun())) {
					linkUserIfNew(customer, userId);
					client.createServer(request, true);
					return new JobOutcome.Succeeded(
							job.json().createObjectNode().put("dryRun", true).put("valid", true));
				}
				Created created = createExactlyOnce(job, client, service, customer, userId, spec, request, progress);
				// a server to build gets its build intent in the link's commit
				buildIntentRecorded = spec.osTemplateId() != null;
				progress = buildIntentRecorded ? created.progress().withBuildIntent(this.lifecycle.customers().now())
						: created.progress();
				service = link(job, service, customer, owner, created.server(), buildIntentRecorded ? progress : null);
				fresh = created.server();
				unlocked = true;
			}
			catch (VirtFusionApiException ex) {
				if (!ex.isRetryable()) {
					this.lifecycle.move(service, ServiceState.FAILED, ex.error());
				}
				throw ex;
			}
			finally {
				if (!unlocked) {
					this.lifecycle.customers().unlockForCreate(customer.id(), owner);
				}
			}
		}
		return build(job, client, service, spec, customer, progress, buildIntentRecorded, fresh);
	}

	private Start start(EventData event, String panel, String owner) {
		EventData.Customer who = event.customer();
		CustomerMapping customer = this.lifecycle.customers().customer(who.id(), panel, who.email(), who.name());
		ServiceMapping service = this.lifecycle.customers().service(event.service().id(), customer);
		if (service.state() == ServiceState.TERMINATED || service.state() == ServiceState.TERMINATING) {
			return new Start(customer, service, new JobOutcome.Failed(
					"service " + service.billingId() + " was terminated; it is not created again"), false);
		}
		if (!service.panel().equals(panel) || !service.customerId().equals(customer.id())) {
			return new Start(customer, service, new JobOutcome.Failed(
					"service " + service.billingId() + " already exists for another customer or panel"), false);
		}
		boolean locked = service.serverId() == null && this.lifecycle.customers()
			.tryLockForCreate(customer.id(), owner, this.lifecycle.properties().createLockDuration());
		return new Start(customer, service, null, locked);
	}

	private void linkUserIfNew(CustomerMapping customer, long userId) {
		if (customer.virtfusionUserId() == null) {
			this.lifecycle.linkUser(customer, userId);
		}
	}

	/**
	 * Creates the server, or adopts the one an earlier run created when that run's answer
	 * was lost. The intent is committed before {@code POST /servers}, together with the
	 * service's plan and state and the customer's new user link.
	 */
	private Created createExactlyOnce(JobContext job, VirtFusionClient client, ServiceMapping service,
			CustomerMapping customer, long userId, Plans.Spec spec, CreateServerRequest request, Progress progress) {
		if (progress.createIntentAt() != null) {
			Optional<Server> adopted = adopt(client, service, userId, progress.createIntentAt());
			if (adopted.isPresent()) {
				linkUserIfNew(customer, userId);
				return new Created(adopted.get(), progress);
			}
		}
		Progress intended = progress.withCreateIntent(this.lifecycle.customers().now());
		this.lifecycle.together(() -> {
			linkUserIfNew(customer, userId);
			this.lifecycle.customers().updateService(service.id(), (s) -> {
				s.plan(spec.packageId(), spec.hypervisorGroupId(), spec.osTemplateId(), spec.hostname(),
						this.lifecycle.customers().now());
				s.moveTo(ServiceState.PROVISIONING, null, this.lifecycle.customers().now());
			});
			job.saveCheckpoint(intended);
			return null;
		});
		Server server = client.createServer(request, false)
			.orElseThrow(() -> JobOutcomeException.failed("VirtFusion created a server but did not return it"));
		return new Created(server, intended);
	}

	/**
	 * Links the server to the service with what VirtFusion says it has, releases the
	 * create lock and records the next checkpoint (when there is one): one commit. Lost
	 * to a crash, the create intent kept leads the next run to adopt this server.
	 */
	private ServiceMapping link(JobContext job, ServiceMapping service, CustomerMapping customer, String owner,
			Server server, Progress next) {
		return this.lifecycle.together(() -> {
			ServiceMapping linked = this.lifecycle.customers().updateService(service.id(), (s) -> {
				s.linkServer(server.id(), server.uuid(), this.lifecycle.customers().now());
				this.lifecycle.applyDescription(s, server);
			});
			this.lifecycle.customers().unlockForCreate(customer.id(), owner);
			if (next != null) {
				job.saveCheckpoint(next);
			}
			return linked;
		});
	}

	/**
	 * The single unbuilt, unlinked server of the owner created since the intent, if there
	 * is one.
	 */
	private Optional<Server> adopt(VirtFusionClient client, ServiceMapping service, long userId, Instant intent) {
		Instant since = intent.minus(this.lifecycle.properties().adoptionWindow());
		List<Server> candidates = new ArrayList<>();
		for (UserServer owned : client.listUserServers(userId)) {
			if (owned.id() == null || this.lifecycle.customers().isServerLinked(service.panel(), owned.id())
					|| (owned.commissionStatus() != null && owned.commissionStatus() != 0)) {
				continue;
			}
			client.findServer(owned.id(), false)
				.filter((server) -> createdSince(server, since))
				.ifPresent(candidates::add);
		}
		if (candidates.size() > 1) {
			ObjectNode details = JsonNodes.object()
				.put("serviceId", service.billingId())
				.put("reason", "several unlinked servers appeared after a lost create answer");
			candidates.forEach((server) -> details.withArray("candidateServerIds").add(server.id()));
			throw new JobOutcomeException(new JobOutcome.NeedsAttention("after a lost answer, VirtFusion user " + userId
					+ " has several new unbuilt servers that could be this service's: "
					+ candidates.stream().map(Server::id).toList() + "; link the right one and delete the others",
					details));
		}
		return candidates.stream().findFirst();
	}

	private static boolean createdSince(Server server, Instant since) {
		if (server.created() == null) {
			return true;
		}
		try {
			return !OffsetDateTime.parse(server.created()).toInstant().isBefore(since);
		}
		catch (DateTimeParseException ex) {
			// an unreadable timestamp cannot rule the server out
			return true;
		}
	}

	/**
	 * Builds the server when an OS is given, follows the build, and reports the service.
	 * {@code fresh} is the server as VirtFusion just returned it to this run (created or
	 * adopted), else null: the server is then read.
	 */
	private JobOutcome build(JobContext job, VirtFusionClient client, ServiceMapping service, Plans.Spec spec,
			CustomerMapping customer, Progress progress, boolean intentRecorded, Server fresh) {
		Server server = (fresh != null) ? fresh : this.lifecycle.liveServer(service);
		if (spec.osTemplateId() == null) {
			return this.lifecycle.activate(job, client, service, server);
		}
		// never a second build: only a server that is neither built nor building is
		// built, and one whose
		// build vfbridge sent and VirtFusion reports failed is left for a person
		boolean sent = progress.buildSentAt() != null;
		if (!Lifecycle.isBuilt(server) && !Lifecycle.isBuilding(server)
				&& !(sent && Boolean.TRUE.equals(server.buildFailed()))) {
			// recorded with the link when this run created the server, else now
			Instant intent = intentRecorded ? progress.buildIntentAt() : this.lifecycle.customers().now();
			if (!intentRecorded) {
				job.saveCheckpoint(progress.withBuildIntent(intent));
			}
			BuildServerRequest.Builder request = BuildServerRequest.builder(spec.osTemplateId())
				.name((spec.hostname() != null) ? spec.hostname() : "service-" + service.billingId())
				.email(false);
			if (spec.hostname() != null) {
				request.hostname(spec.hostname());
			}
			List<Long> keys = sshKeys(client, customer, spec.sshKeys());
			if (!keys.isEmpty()) {
				request.sshKeys(keys);
			}
			Server built = client.buildServer(server.id(), request.build());
			// the password and the build's checkpoint: one commit (a password lost to
			// a crash is replaced when the service goes live)
			this.lifecycle.together(() -> {
				this.lifecycle.keepRootPassword(job, built);
				job.saveCheckpoint(progress.withBuildIntent(intent).withBuildSent(this.lifecycle.customers().now()));
				return null;
			});
			return new JobOutcome.Waiting("build of server " + server.id() + " queued", this.lifecycle.buildPoll());
		}
		Instant started = (progress.buildIntentAt() != null) ? progress.buildIntentAt() : job.createdAt();
		return this.lifecycle.followBuild(service, server, started)
			.orElseGet(() -> this.lifecycle.activate(job, client, service, server));
	}

	/**
	 * The ids of the customer's VirtFusion keys for these public keys, adding the missing
	 * ones.
	 */
	private List<Long> sshKeys(VirtFusionClient client, CustomerMapping customer, List<String> publicKeys) {
		if (publicKeys == null || publicKeys.isEmpty()) {
			return List.of();
		}
		// the mapping was read before ensureUser linked a new user: read it again
		long userId = this.lifecycle.customers()
			.findCustomer(customer.id())
			.map(CustomerMapping::virtfusionUserId)
			.orElseThrow(() -> new IllegalStateException("customer " + customer.billingId() + " has no user yet"));
		List<SshKey> existing = client.listUserSshKeys(userId);
		List<Long> ids = new ArrayList<>();
		int number = existing.size();
		for (String publicKey : publicKeys) {
			String material = publicKey.trim().split("\\s+").length > 1 ? publicKey.trim().split("\\s+")[1] : publicKey;
			Optional<SshKey> known = existing.stream()
				.filter((key) -> key.publicKey() != null && key.publicKey().contains(material))
				.findFirst();
			if (known.isPresent()) {
				ids.add(known.get().id());
			}
			else {
				ids.add(client.addSshKey(new NewSshKey(userId, "vfbridge-" + (++number), publicKey.trim())).id());
			}
		}
		return ids;
	}

}
