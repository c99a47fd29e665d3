package io.vfbridge.virtfusion.model;

import java.util.List;

/**
 * A VirtFusion user (the owner of servers), as returned by create, retrieve and modify.
 *
 * @param id the internal user id (used by server and SSH key operations)
 * @param admin whether the user is an administrator
 * @param extRelationId the billing system's integer id, null for panel-made accounts
 * @param relStr the string external key, if one was set
 * @param selfService the self-service mode: 0 off, 1 hourly, 2 resource packs, 3 both
 * @param selfServiceHourlyCredit whether hourly billing uses a credit balance
 * @param selfServiceHourlyGroupProfiles hourly group profile ids
 * @param selfServiceResourceGroupProfiles resource group profile ids
 * @param selfServiceHourlyResourcePack the hourly resource pack id
 * @param name the display name
 * @param email the unique email address
 * @param timezone the user's time zone
 * @param suspended whether the account is suspended
 * @param twoFactorAuth whether two-factor authentication is on
 * @param enabled whether the account is enabled (modify's answer)
 * @param created when it was created
 * @param updated when it was last changed
 * @param password the generated panel password: only in the answer to create, once
 */
public record User(Long id, Boolean admin, Long extRelationId, String relStr, Integer selfService,
		Boolean selfServiceHourlyCredit, List<Long> selfServiceHourlyGroupProfiles,
		List<Long> selfServiceResourceGroupProfiles, Long selfServiceHourlyResourcePack, String name, String email,
		String timezone, Boolean suspended, Boolean twoFactorAuth, Boolean enabled, String created, String updated,
		String password) {

	/** Masks the password so a user can be logged. */
	@Override
	public String toString() {
		return "User[id=" + this.id + ", extRelationId=" + this.extRelationId + ", email=" + this.email + "]";
	}

}
