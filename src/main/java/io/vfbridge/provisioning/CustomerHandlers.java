package io.vfbridge.provisioning;

import java.util.Optional;

import io.vfbridge.customers.CustomerMapping;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionApiException;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.ExtRelationId;
import io.vfbridge.virtfusion.model.ModifyUserRequest;
import io.vfbridge.virtfusion.model.User;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The customer events, on the default panel: keep the VirtFusion user in step with
 * billing.
 */
final class CustomerHandlers {

	private CustomerHandlers() {
	}

	static ObjectNode result(CustomerMapping customer) {
		ObjectNode result = JsonNodes.object()
			.put("customerId", customer.billingId())
			.put("panel", customer.panel())
			.put("state", customer.state());
		if (customer.extRelationId() != null) {
			result.put("extRelationId", customer.extRelationId());
		}
		if (customer.virtfusionUserId() != null) {
			result.put("virtfusionUserId", customer.virtfusionUserId());
		}
		return result;
	}

	/**
	 * {@code customer.upsert}: the user exists (adopted or created) with billing's name
	 * and email.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_USER_BY_EXT_RELATION_ID, VirtFusionOperation.CREATE_USER,
			VirtFusionOperation.MODIFY_USER })
	static class Upsert implements JobHandler {

		private final Lifecycle lifecycle;

		Upsert(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public String type() {
			return "customer.upsert";
		}

		@Override
		public JobOutcome handle(JobContext job) {
			EventData.Customer who = job.payload(EventData.class).customer();
			String panel = this.lifecycle.panel(null);
			VirtFusionClient client = this.lifecycle.client(panel);
			CustomerMapping customer = this.lifecycle.customers().customer(who.id(), panel, who.email(), who.name());
			this.lifecycle.ensureUser(client, customer);
			ExtRelationId ext = ExtRelationId.of(customer.extRelationId());
			User user = client.findUserByExtRelationId(ext)
				.orElseThrow(() -> JobOutcomeException.attention("VirtFusion user with extRelationId "
						+ customer.extRelationId() + " disappeared while it was being updated"));
			if (!who.email().equalsIgnoreCase(String.valueOf(user.email())) || !who.name().equals(user.name())) {
				client.modifyUser(ext, ModifyUserRequest.builder().name(who.name()).email(who.email()).build());
			}
			CustomerMapping updated = this.lifecycle.customers()
				.updateCustomer(customer.id(),
						(c) -> c.updateContact(who.email(), who.name(), this.lifecycle.customers().now()));
			return new JobOutcome.Succeeded(result(updated));
		}

	}

	/** {@code customer.reset_password}: a new panel password, handed to billing once. */
	@Component
	@UsesOperation({ VirtFusionOperation.RESET_USER_PASSWORD })
	static class ResetPassword implements JobHandler {

		private final Lifecycle lifecycle;

		private final OperationSecrets secrets;

		ResetPassword(Lifecycle lifecycle, OperationSecrets secrets) {
			this.lifecycle = lifecycle;
			this.secrets = secrets;
		}

		@Override
		public String type() {
			return "customer.reset_password";
		}

		@Override
		public JobOutcome handle(JobContext job) {
			CustomerMapping customer = known(this.lifecycle, job);
			String password = this.lifecycle.client(customer.panel())
				.resetUserPassword(ExtRelationId.of(customer.extRelationId()))
				.password();
			if (password != null) {
				this.secrets.keep(job.id(), "panelPassword", password);
			}
			return new JobOutcome.Succeeded(result(customer));
		}

	}

	/**
	 * {@code customer.delete}: a user already gone is success; one that still owns
	 * servers needs a person.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.DELETE_USER })
	static class Delete implements JobHandler {

		private final Lifecycle lifecycle;

		Delete(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public String type() {
			return "customer.delete";
		}

		@Override
		public JobOutcome handle(JobContext job) {
			String panel = this.lifecycle.panel(null);
			Optional<CustomerMapping> known = this.lifecycle.customers().findCustomer(job.customerId(), panel);
			if (known.isEmpty() || known.get().extRelationId() == null) {
				return new JobOutcome.Succeeded(JsonNodes.object()
					.put("customerId", job.customerId())
					.put("state", "deleted")
					.put("note", "vfbridge never created this customer"));
			}
			CustomerMapping customer = known.get();
			try {
				this.lifecycle.client(panel).deleteUser(ExtRelationId.of(customer.extRelationId()));
			}
			catch (VirtFusionApiException ex) {
				if (ex.status() == 409) {
					return new JobOutcome.NeedsAttention("VirtFusion refused to delete user " + customer.extRelationId()
							+ " (" + ex.error() + "); it probably still owns servers: terminate them first", null);
				}
				if (!ex.isNotFound()) {
					throw ex;
				}
			}
			CustomerMapping deleted = this.lifecycle.customers()
				.updateCustomer(customer.id(), (c) -> c.markDeleted(this.lifecycle.customers().now()));
			return new JobOutcome.Succeeded(result(deleted));
		}

	}

	private static CustomerMapping known(Lifecycle lifecycle, JobContext job) {
		String panel = lifecycle.panel(null);
		CustomerMapping customer = lifecycle.customers()
			.findCustomer(job.customerId(), panel)
			.orElseThrow(
					() -> JobOutcomeException.failed("customer " + job.customerId() + " is not known to vfbridge"));
		if (customer.virtfusionUserId() == null) {
			throw JobOutcomeException.failed("customer " + job.customerId() + " has no VirtFusion user yet");
		}
		return customer;
	}

}
