package io.vfbridge.virtfusion.model;

import java.util.List;
import java.util.Objects;

/**
 * Changes to a VirtFusion user; null fields are left out (unchanged). At least one field
 * is needed.
 *
 * @param name the display name
 * @param email the email address
 * @param selfService the self-service mode: 0 off, 1 hourly, 2 resource packs, 3 both
 * @param selfServiceHourlyCredit whether hourly billing uses a credit balance
 * @param selfServiceHourlyGroupProfiles hourly group profile ids
 * @param selfServiceResourceGroupProfiles resource group profile ids
 * @param selfServiceHourlyResourcePack the hourly resource pack id
 * @param enabled whether the account is enabled
 */
public record ModifyUserRequest(String name, String email, Integer selfService, Boolean selfServiceHourlyCredit,
		List<Long> selfServiceHourlyGroupProfiles, List<Long> selfServiceResourceGroupProfiles,
		Long selfServiceHourlyResourcePack, Boolean enabled) {

	public ModifyUserRequest {
		if (name != null && name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank when given");
		}
		if (email != null && !email.contains("@")) {
			throw new IllegalArgumentException("email must be an email address when given");
		}
		checkSelfService(selfService);
		selfServiceHourlyGroupProfiles = ids(selfServiceHourlyGroupProfiles);
		selfServiceResourceGroupProfiles = ids(selfServiceResourceGroupProfiles);
		if (name == null && email == null && selfService == null && selfServiceHourlyCredit == null
				&& selfServiceHourlyGroupProfiles == null && selfServiceResourceGroupProfiles == null
				&& selfServiceHourlyResourcePack == null && enabled == null) {
			throw new IllegalArgumentException("a user modification needs at least one change");
		}
	}

	/** A builder with no change yet. */
	public static Builder builder() {
		return new Builder();
	}

	static void checkSelfService(Integer selfService) {
		if (selfService != null && (selfService < 0 || selfService > 3)) {
			throw new IllegalArgumentException("selfService is 0 (off), 1 (hourly), 2 (resource packs) or 3 (both)");
		}
	}

	static List<Long> ids(List<Long> ids) {
		if (ids == null) {
			return null;
		}
		if (ids.stream().anyMatch(Objects::isNull)) {
			throw new IllegalArgumentException("profile ids must not contain null");
		}
		return List.copyOf(ids);
	}

	/** Builds a {@link ModifyUserRequest}. */
	public static final class Builder {

		private String name;

		private String email;

		private Integer selfService;

		private Boolean selfServiceHourlyCredit;

		private List<Long> selfServiceHourlyGroupProfiles;

		private List<Long> selfServiceResourceGroupProfiles;

		private Long selfServiceHourlyResourcePack;

		private Boolean enabled;

		private Builder() {
		}

		/** A new display name. */
		public Builder name(String name) {
			this.name = name;
			return this;
		}

		/** A new email address. */
		public Builder email(String email) {
			this.email = email;
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

		/** Enables or disables the account. */
		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		/** The request; throws {@link IllegalArgumentException} when invalid or empty. */
		public ModifyUserRequest build() {
			return new ModifyUserRequest(this.name, this.email, this.selfService, this.selfServiceHourlyCredit,
					this.selfServiceHourlyGroupProfiles, this.selfServiceResourceGroupProfiles,
					this.selfServiceHourlyResourcePack, this.enabled);
		}

	}

}
