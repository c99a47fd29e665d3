package io.vfbridge.virtfusion.model;

import java.util.List;

/**
 * A VirtFusion user to create. Name and email are required; null fields are left out.
 *
 * @param name the display name
 * @param email the email address (unique in VirtFusion)
 * @param extRelationId the billing system's integer id
 * @param relStr the string external key
 * @param selfService the self-service mode: 0 off, 1 hourly, 2 resource packs, 3 both
 * @param selfServiceHourlyCredit whether hourly billing uses a credit balance
 * @param selfServiceHourlyGroupProfiles hourly group profile ids
 * @param selfServiceResourceGroupProfiles resource group profile ids
 * @param selfServiceHourlyResourcePack the hourly resource pack id
 * @param sendMail whether VirtFusion emails the login details (its default: false)
 */
public record CreateUserRequest(String name, String email, Long extRelationId, String relStr, Integer selfService,
		Boolean selfServiceHourlyCredit, List<Long> selfServiceHourlyGroupProfiles,
		List<Long> selfServiceResourceGroupProfiles, Long selfServiceHourlyResourcePack, Boolean sendMail) {

	public CreateUserRequest {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a user needs a name");
		}
		if (email == null || !email.contains("@")) {
			throw new IllegalArgumentException("a user needs an email address");
		}
		if (extRelationId != null && extRelationId < 0) {
			throw new IllegalArgumentException("extRelationId must not be negative");
		}
		if (relStr != null && relStr.isBlank()) {
			throw new IllegalArgumentException("relStr must not be blank when given");
		}
		ModifyUserRequest.checkSelfService(selfService);
		selfServiceHourlyGroupProfiles = ModifyUserRequest.ids(selfServiceHourlyGroupProfiles);
		selfServiceResourceGroupProfiles = ModifyUserRequest.ids(selfServiceResourceGroupProfiles);
	}

	/** A builder for a user with this name and email. */
	public static Builder builder(String name, String email) {
		return new Builder(name, email);
	}

	/** Builds a {@link CreateUserRequest}. */
	public static final class Builder {

		private final String name;

		private final String email;

		private Long extRelationId;

		private String relStr;

		private Integer selfService;

		private Boolean selfServiceHourlyCredit;

		private List<Long> selfServiceHourlyGroupProfiles;

		private List<Long> selfServiceResourceGroupProfiles;

		private Long selfServiceHourlyResourcePack;

		private Boolean sendMail;

		private Builder(String name, String email) {
			this.name = name;
			this.email = email;
		}

		/** The external key: sets {@code extRelationId} or {@code relStr}. */
		public Builder externalId(ExtRelationId externalId) {
			if (externalId.relStr()) {
				this.relStr = externalId.value();
				this.extRelationId = null;
			}
			else {
				this.extRelationId = Long.valueOf(externalId.value());
				this.relStr = null;
			}
			return this;
		}

		/** The self-service mode: 0 off, 1 hourly, 2 resource packs, 3 both. */
		public Builder selfService(int selfService) {
			this.selfService = selfService;
			return this;
		}

		/** Whether hourly billing uses a credit balance. */
		public Builder selfServiceHourlyCredit(boolean selfServiceHourlyCredit) {
			this.selfServiceHourlyCredit = selfServiceHourlyCredit;
			return this;
		}

		/** Hourly group profile ids. */
		public Builder selfServiceHourlyGroupProfiles(List<Long> profileIds) {
			this.selfServiceHourlyGroupProfiles = profileIds;
			return this;
		}

		/** Resource group profile ids. */
		public Builder selfServiceResourceGroupProfiles(List<Long> profileIds) {
			this.selfServiceResourceGroupProfiles = profileIds;
			return this;
		}

		/** The hourly resource pack id. */
		public Builder selfServiceHourlyResourcePack(long packId) {
			this.selfServiceHourlyResourcePack = packId;
			return this;
		}

		/** Whether VirtFusion emails the login details. */
		public Builder sendMail(boolean sendMail) {
			this.sendMail = sendMail;
			return this;
		}

		/** The request; throws {@link IllegalArgumentException} when invalid. */
		public CreateUserRequest build() {
			return new CreateUserRequest(this.name, this.email, this.extRelationId, this.relStr, this.selfService,
					this.selfServiceHourlyCredit, this.selfServiceHourlyGroupProfiles,
					this.selfServiceResourceGroupProfiles, this.selfServiceHourlyResourcePack, this.sendMail);
		}

	}

}
