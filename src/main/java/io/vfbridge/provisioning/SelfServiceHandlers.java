package io.vfbridge.provisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.vfbridge.customers.CustomerMapping;
import io.vfbridge.customers.ServiceMapping;
import io.vfbridge.customers.ServiceState;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionApiException;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.CreditGrant;
import io.vfbridge.virtfusion.model.ExtRelationId;
import io.vfbridge.virtfusion.model.HourlyResourcePack;
import io.vfbridge.virtfusion.model.NewSshKey;
import io.vfbridge.virtfusion.model.ProfileAssignment;
import io.vfbridge.virtfusion.model.ResourcePack;
import io.vfbridge.virtfusion.model.ResourcePackAssignment;
import io.vfbridge.virtfusion.model.ResourcePackState;
import io.vfbridge.virtfusion.model.SelfServiceAccess;
import io.vfbridge.virtfusion.model.SshKey;
import io.vfbridge.virtfusion.model.User;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The customer events beyond the account itself: SSH keys, and VirtFusion's self service
 * (hourly and resource-pack billing) of the customer's VirtFusion user: credit, group
 * profiles, resource packs, the hourly pack, access, and pack-wide server actions. Each
 * reads the user first and does only what is not already so. Adding credit or a resource
 * pack cannot be checked afterwards (VirtFusion lists neither), so such a call is made at
 * most once: when its answer was lost, the operation stops for a person instead of
 * crediting twice.
 */
final class SelfServiceHandlers {

	private static final Duration WAIT_FOR_CUSTOMER = Duration.ofSeconds(5);

	private SelfServiceHandlers() {
	}

	/** The customer's VirtFusion user, as one customer handler needs it. */
	record Account(CustomerMapping customer, VirtFusionClient client, ExtRelationId ext, long userId) {

		ObjectNode result() {
			return CustomerHandlers.result(this.customer);
		}

	}

	/**
	 * A customer handler: the customer's VirtFusion user (adopted or created), then the
	 * work.
	 */
	abstract static class AccountHandler implements JobHandler {

		final Lifecycle lifecycle;

		AccountHandler(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public JobOutcome handle(JobContext job) {
			String panel = this.lifecycle.panel(null);
			Optional<CustomerMapping> known = this.lifecycle.customers().findCustomer(job.customerId(), panel);
			if (known.isEmpty()) {
				// intake accepted it because a service.create or customer.upsert of the
				// customer was queued: that runs in another order, so wait for it
				return new JobOutcome.RetryLater(
						"customer " + job.customerId()
								+ " is not mapped to a VirtFusion user yet; waiting for its creation",
						WAIT_FOR_CUSTOMER);
			}
			CustomerMapping customer = known.get();
			if ("deleted".equals(customer.state())) {
				return new JobOutcome.Failed("customer " + job.customerId() + " was deleted");
			}
			VirtFusionClient client = this.lifecycle.client(panel);
			long userId = this.lifecycle.ensureUser(client, customer);
			CustomerMapping linked = this.lifecycle.customers().findCustomer(customer.id()).orElse(customer);
			Account account = new Account(linked, client, ExtRelationId.of(linked.extRelationId()), userId);
			ObjectNode result = account.result();
			handle(job, job.payload(EventData.class), account, result);
			return new JobOutcome.Succeeded(result);
		}

		abstract void handle(JobContext job, EventData event, Account account, ObjectNode result);

	}

	/**
	 * Makes a call that VirtFusion cannot take twice and vfbridge cannot check
	 * afterwards, at most once: the intent is recorded first, and a later run that finds
	 * it (the answer was lost, or vfbridge crashed before recording the outcome) needs a
	 * person. A failure that provably left VirtFusion unchanged (never sent, or a 4xx)
	 * clears the intent.
	 */
	static <T> T once(JobContext job, String what, Supplier<T> call) {
		Intent intent = job.checkpoint(Intent.class);
		if (intent != null && intent.sent()) {
			throw JobOutcomeException.attention("an earlier attempt to " + what
					+ " may have reached VirtFusion without an answer; check VirtFusion (reference " + reference(job)
					+ ") and send a new request if it is not there");
		}
		job.saveCheckpoint(new Intent(true));
		try {
			return call.get();
		}
		catch (VirtFusionApiException ex) {
			boolean unchanged = !ex.mayHaveReachedVirtFusion()
					|| (ex.failure() == VirtFusionApiException.Failure.HTTP_STATUS && ex.status() < 500);
			if (unchanged) {
				job.saveCheckpoint(new Intent(false));
			}
			throw ex;
		}
	}

	/** Whether a call that must not be repeated was sent. */
	record Intent(boolean sent) {
	}

	/** The text reference vfbridge gives VirtFusion: the operation. */
	static String reference(JobContext job) {
		return "vfbridge operation " + job.id();
	}

	// ---------------------------------------------------------------- SSH keys

	/** The key's type and base64 body, without its comment. */
	static String keyBody(String publicKey) {
		String[] parts = publicKey.trim().split("\\s+");
		return (parts.length >= 2) ? parts[0] + " " + parts[1] : publicKey.trim();
	}

	/**
	 * {@code customer.ssh_key_add}: a key the user has already (same type and body) is
	 * reported, not added again.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.LIST_USER_SSH_KEYS, VirtFusionOperation.ADD_SSH_KEY })
	static class AddSshKey extends AccountHandler {

		AddSshKey(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "customer.ssh_key_add";
		}

		@Override
		void handle(JobContext job, EventData event, Account account, ObjectNode result) {
			EventData.SshKey key = event.sshKey();
			Optional<SshKey> existing = account.client()
				.listUserSshKeys(account.userId())
				.stream()
				.filter((k) -> k.publicKey() != null && keyBody(k.publicKey()).equals(keyBody(key.publicKey())))
				.findFirst();
			SshKey added = existing.orElseGet(
					() -> account.client().addSshKey(new NewSshKey(account.userId(), key.name(), key.publicKey())));
			result.put("sshKeyId", added.id()).put("name", added.name()).put("changed", existing.isEmpty());
		}

	}

	/**
	 * {@code customer.ssh_key_delete}: only a key of this customer's user; gone is
	 * success.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.LIST_USER_SSH_KEYS, VirtFusionOperation.DELETE_SSH_KEY })
	static class DeleteSshKey extends AccountHandler {

		DeleteSshKey(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "customer.ssh_key_delete";
		}

		@Override
		void handle(JobContext job, EventData event, Account account, ObjectNode result) {
			long keyId = event.sshKey().id();
			boolean owned = account.client()
				.listUserSshKeys(account.userId())
				.stream()
				.anyMatch((k) -> Objects.equals(k.id(), keyId));
			if (owned) {
				try {
					account.client().deleteSshKey(keyId);
				}
				catch (VirtFusionApiException ex) {
					if (!ex.isNotFound()) {
						throw ex;
					}
				}
			}
			result.put("sshKeyId", keyId).put("changed", owned);
		}

	}

	// ---------------------------------------------------------------- credit

	/**
	 * {@code customer.credit_add}: at most once (see {@link SelfServiceHandlers#once});
	 * the credit carries the operation id as its text reference unless billing gives one.
	 */
	@Component
	@UsesOperation(VirtFusionOperation.ADD_CREDIT)
	static class AddCredit extends AccountHandler {

		AddCredit(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "customer.credit_add";
		}

		@Override
		void handle(JobContext job, EventData event, Account account, ObjectNode result) {
			EventData.Credit credit = event.credit();
			String reference = (credit.reference2() != null) ? credit.reference2() : reference(job);
			Long creditId = once(job, "add " + credit.tokens() + " tokens of credit",
					() -> account.client()
						.addCredit(account.ext(), new CreditGrant(credit.tokens(), credit.reference1(), reference)))
				.id();
			if (creditId != null) {
				result.put("creditId", creditId);
			}
			result.put("tokens", credit.tokens()).put("reference", reference);
		}

	}

	/** {@code customer.credit_cancel}: a credit VirtFusion no longer has is success. */
	@Component
	@UsesOperation(VirtFusionOperation.CANCEL_CREDIT)
	static class CancelCredit extends AccountHandler {

		CancelCredit(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "customer.credit_cancel";
		}

		@Override
		void handle(JobContext job, EventData event, Account account, ObjectNode result) {
			long creditId = event.credit().id();
			boolean found = true;
			try {
				account.client().cancelCredit(creditId);
			}
			catch (VirtFusionApiException ex) {
				if (!ex.isNotFound()) {
					throw ex;
				}
				found = false;
			}
			result.put("creditId", creditId).put("cancelled", true).put("changed", found);
		}

	}

	// ---------------------------------------------------------------- group profiles

	/** Adds or removes a group profile, unless the user's profiles say it is done. */
	abstract static class GroupProfile extends AccountHandler {

		private final boolean hourly;

		private final boolean add;

		GroupProfile(Lifecycle lifecycle, boolean hourly, boolean add) {
			super(lifecycle);
			this.hourly = hourly;
			this.add = add;
		}

		@Override
		void handle(JobContext job, EventData event, Account account, ObjectNode result) {
			long profileId = event.profileId();
			User user = account.client()
				.findUserByExtRelationId(account.ext())
				.orElseThrow(() -> JobOutcomeException
					.attention("VirtFusion user with extRelationId " + account.ext() + " disappeared"));
			List<Long> profiles = this.hourly ? user.selfServiceHourlyGroupProfiles()
					: user.selfServiceResourceGroupProfiles();
			boolean has = profiles != null && profiles.contains(profileId);
			boolean changed = has != this.add;
			if (changed) {
				VirtFusionClient client = account.client();
				if (this.hourly && this.add) {
					client.addHourlyGroupProfile(account.ext(), new ProfileAssignment(profileId));
				}
				else if (this.hourly) {
					client.removeHourlyGroupProfile(account.ext(), profileId);
				}
				else if (this.add) {
					client.addResourceGroupProfile(account.ext(), new ProfileAssignment(profileId));
				}
				else {
					client.removeResourceGroupProfile(account.ext(), profileId);
				}
			}
			result.put("profileId", profileId).put("changed", changed);
		}

	}

	/** {@code customer.hourly_group_profile_add}. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_USER_BY_EXT_RELATION_ID, VirtFusionOperation.ADD_HOURLY_GROUP_PROFILE })
	static class AddHourlyGroupProfile extends GroupProfile {

		AddHourlyGroupProfile(Lifecycle lifecycle) {
			super(lifecycle, true, true);
		}

		@Override
		public String type() {
			return "customer.hourly_group_profile_add";
		}

	}

	/** {@code customer.hourly_group_profile_remove}. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_USER_BY_EXT_RELATION_ID,
			VirtFusionOperation.REMOVE_HOURLY_GROUP_PROFILE })
	static class RemoveHourlyGroupProfile extends GroupProfile {

		RemoveHourlyGroupProfile(Lifecycle lifecycle) {
			super(lifecycle, true, false);
		}

		@Override
		public String type() {
			return "customer.hourly_group_profile_remove";
		}

	}

	/** {@code customer.resource_group_profile_add}. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_USER_BY_EXT_RELATION_ID, VirtFusionOperation.ADD_RESOURCE_GROUP_PROFILE })
	static class AddResourceGroupProfile extends GroupProfile {

		AddResourceGroupProfile(Lifecycle lifecycle) {
			super(lifecycle, false, true);
		}

		@Override
		public String type() {
			return "customer.resource_group_profile_add";
		}

	}

	/** {@code customer.resource_group_profile_remove}. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_USER_BY_EXT_RELATION_ID,
			VirtFusionOperation.REMOVE_RESOURCE_GROUP_PROFILE })
	static class RemoveResourceGroupProfile extends GroupProfile {

		RemoveResourceGroupProfile(Lifecycle lifecycle) {
			super(lifecycle, false, false);
		}

		@Override
		public String type() {
			return "customer.resource_group_profile_remove";
		}

	}

	// ---------------------------------------------------------------- resource packs

	/**
	 * {@code customer.resource_pack_add}: at most once; the answer is the user's pack id,
	 * which the other pack events take.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.ADD_RESOURCE_PACK, VirtFusionOperation.GET_RESOURCE_PACK })
	static class AddResourcePack extends AccountHandler {

		AddResourcePack(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "customer.resource_pack_add";
		}

		@Override
		void handle(JobContext job, EventData event, Account account, ObjectNode result) {
			EventData.ResourcePack pack = event.resourcePack();
			boolean enabled = !Boolean.FALSE.equals(pack.enabled());
			Long packId = once(job, "add resource pack " + pack.templateId(), () -> account.client()
				.addResourcePack(account.ext(), new ResourcePackAssignment(pack.templateId(), enabled))).id();
			result.put("templateId", pack.templateId()).put("enabled", enabled);
			if (packId != null) {
				result.put("resourcePackId", packId);
				ResourcePack added = account.client().getResourcePack(packId, false);
				result.put("name", added.name());
			}
		}

	}

	/** {@code customer.resource_pack_modify}: enables or disables the user's pack. */
	@Component
	@UsesOperation(VirtFusionOperation.MODIFY_RESOURCE_PACK)
	static class ModifyResourcePack extends AccountHandler {

		ModifyResourcePack(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "customer.resource_pack_modify";
		}

		@Override
		void handle(JobContext job, EventData event, Account account, ObjectNode result) {
			EventData.ResourcePack pack = event.resourcePack();
			account.client().modifyResourcePack(pack.id(), new ResourcePackState(pack.enabled()));
			result.put("resourcePackId", pack.id()).put("enabled", pack.enabled());
		}

	}

	/**
	 * {@code customer.resource_pack_delete}: a pack VirtFusion no longer has is success;
	 * one that still has servers is refused by VirtFusion unless
	 * {@code disableIfUndeletable}.
	 */
	@Component
	@UsesOperation(VirtFusionOperation.DELETE_RESOURCE_PACK)
	static class DeleteResourcePack extends AccountHandler {

		DeleteResourcePack(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "customer.resource_pack_delete";
		}

		@Override
		void handle(JobContext job, EventData event, Account account, ObjectNode result) {
			EventData.ResourcePack pack = event.resourcePack();
			boolean found = true;
			try {
				account.client().deleteResourcePack(pack.id(), Boolean.TRUE.equals(pack.disableIfUndeletable()));
			}
			catch (VirtFusionApiException ex) {
				if (!ex.isNotFound()) {
					throw ex;
				}
				found = false;
			}
			result.put("resourcePackId", pack.id()).put("changed", found);
		}

	}

	/**
	 * Pack-wide server actions: the pack (with its servers) is read first, the action
	 * applied, and the customer's services on those servers follow in vfbridge's state.
	 */
	abstract static class PackServers extends AccountHandler {

		PackServers(Lifecycle lifecycle) {
			super(lifecycle);
		}

		abstract void act(VirtFusionClient client, long packId, EventData event);

		/** The state the pack's services move to, or null to leave them. */
		abstract ServiceState serviceState(EventData event);

		@Override
		void handle(JobContext job, EventData event, Account account, ObjectNode result) {
			long packId = event.resourcePack().id();
			ResourcePack pack = account.client().getResourcePack(packId, true);
			List<Long> serverIds = new ArrayList<>();
			for (Map<String, Object> server : pack.servers()) {
				// VirtFusion does not say whose a pack is; its servers do: never act on
				// another user's pack
				if (server.get("owner") instanceof Number owner && owner.longValue() != account.userId()) {
					throw JobOutcomeException
						.failed("resource pack " + packId + " has servers of another VirtFusion user (" + owner
								+ "), not of customer " + account.customer().billingId());
				}
				if (server.get("id") instanceof Number id) {
					serverIds.add(id.longValue());
				}
			}
			act(account.client(), packId, event);
			ServiceState state = serviceState(event);
			List<String> services = new ArrayList<>();
			for (ServiceMapping service : this.lifecycle.customers().servicesOf(account.customer().id())) {
				if (service.serverId() != null && serverIds.contains(service.serverId())
						&& service.panel().equals(account.customer().panel())) {
					services.add(service.billingId());
					if (state != null) {
						this.lifecycle.move(service, state, "resource pack " + packId);
					}
				}
			}
			result.put("resourcePackId", packId);
			serverIds.forEach(result.putArray("serverIds")::add);
			services.forEach(result.putArray("services")::add);
		}

	}

	/** {@code customer.resource_pack_suspend_servers}. */
	@Component
	@UsesOperation({ VirtFusionOperation.GET_RESOURCE_PACK, VirtFusionOperation.SUSPEND_RESOURCE_PACK_SERVERS })
	static class SuspendPackServers extends PackServers {

		SuspendPackServers(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "customer.resource_pack_suspend_servers";
		}

		@Override
		void act(VirtFusionClient client, long packId, EventData event) {
			client.suspendResourcePackServers(packId);
		}

		@Override
		ServiceState serviceState(EventData event) {
			return ServiceState.SUSPENDED;
		}

	}

	/** {@code customer.resource_pack_unsuspend_servers}. */
	@Component
	@UsesOperation({ VirtFusionOperation.GET_RESOURCE_PACK, VirtFusionOperation.UNSUSPEND_RESOURCE_PACK_SERVERS })
	static class UnsuspendPackServers extends PackServers {

		UnsuspendPackServers(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "customer.resource_pack_unsuspend_servers";
		}

		@Override
		void act(VirtFusionClient client, long packId, EventData event) {
			client.unsuspendResourcePackServers(packId);
		}

		@Override
		ServiceState serviceState(EventData event) {
			return ServiceState.ACTIVE;
		}

	}

	/**
	 * {@code customer.resource_pack_delete_servers}, after {@code delayMinutes}
	 * (VirtFusion's default: 30).
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.GET_RESOURCE_PACK, VirtFusionOperation.DELETE_RESOURCE_PACK_SERVERS })
	static class DeletePackServers extends PackServers {

		DeletePackServers(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "customer.resource_pack_delete_servers";
		}

		@Override
		void act(VirtFusionClient client, long packId, EventData event) {
			client.deleteResourcePackServers(packId, event.delayMinutes());
		}

		@Override
		ServiceState serviceState(EventData event) {
			return ServiceState.TERMINATING;
		}

	}

	/** {@code customer.hourly_resource_pack_set}, unless the user has that pack. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_USER_BY_EXT_RELATION_ID, VirtFusionOperation.SET_HOURLY_RESOURCE_PACK })
	static class SetHourlyResourcePack extends AccountHandler {

		SetHourlyResourcePack(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "customer.hourly_resource_pack_set";
		}

		@Override
		void handle(JobContext job, EventData event, Account account, ObjectNode result) {
			long packId = event.hourlyResourcePackId();
			Long current = account.client()
				.findUserByExtRelationId(account.ext())
				.map(User::selfServiceHourlyResourcePack)
				.orElse(null);
			boolean changed = !Objects.equals(current, packId);
			if (changed) {
				account.client().setHourlyResourcePack(account.ext(), new HourlyResourcePack(packId));
			}
			result.put("hourlyResourcePackId", packId).put("changed", changed);
		}

	}

	/** {@code customer.self_service_access}: how the access level is derived. */
	@Component
	@UsesOperation(VirtFusionOperation.MODIFY_SELF_SERVICE_ACCESS)
	static class SelfServiceAccessHandler extends AccountHandler {

		SelfServiceAccessHandler(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "customer.self_service_access";
		}

		@Override
		void handle(JobContext job, EventData event, Account account, ObjectNode result) {
			account.client().modifySelfServiceAccess(account.ext(), new SelfServiceAccess(event.syncToProfiles()));
			result.put("syncToProfiles", event.syncToProfiles());
		}

	}

}
