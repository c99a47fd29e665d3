package io.vfbridge.virtfusion.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A server as the list of a user's servers shows it: a client-oriented shape, different
 * from {@link Server}, with some snake_case keys.
 *
 * @param id the server id
 * @param ownerId the owner's internal user id
 * @param hypervisorId the hypervisor it runs on
 * @param name the display name
 * @param hostname the host name
 * @param commissionStatus 0 created, 1–2 building, 3 or more built
 * @param uuid the server UUID
 * @param state the provisioning state
 * @param rebuild whether a rebuild is pending
 * @param suspended whether it is suspended
 * @param isProtected whether it is protected ({@code protected})
 * @param buildFailed whether the last build failed
 * @param backupLevel the backup access level ({@code backup_level})
 * @param os the console thumbnail
 * @param serverInfo display hints ({@code server_info})
 * @param vnc the VNC endpoint (enabled arrives as 0/1 here)
 * @param resources memory, storage, traffic, CPU cores and model
 * @param network the interfaces with their addresses
 * @param config boot settings
 * @param media the mounted ISO
 */
public record UserServer(Long id, Long ownerId, Long hypervisorId, String name, String hostname,
		Integer commissionStatus, String uuid, ServerState state, Boolean rebuild, Boolean suspended,
		@JsonProperty("protected") Boolean isProtected, Boolean buildFailed,
		@JsonProperty("backup_level") Integer backupLevel, Os os, @JsonProperty("server_info") ServerInfo serverInfo,
		Vnc vnc, Server.Resources resources, Server.Network network, Config config, Server.Media media) {

	/** Whether the server has been built (commission status 3 or more). */
	public boolean isBuilt() {
		return this.commissionStatus != null && this.commissionStatus >= Server.BUILT_COMMISSION_STATUS;
	}

	/**
	 * The console thumbnail.
	 *
	 * @param screen a base64 PNG
	 */
	public record Os(String screen) {

		/** Leaves the image out. */
		@Override
		public String toString() {
			return "Os[screen=" + ((this.screen != null) ? this.screen.length() + " chars" : null) + "]";
		}

	}

	/**
	 * Display hints.
	 *
	 * @param show whether to show them
	 * @param icon an icon
	 * @param name a name
	 * @param label a label
	 */
	public record ServerInfo(Boolean show, String icon, String name, String label) {
	}

	/**
	 * Boot settings.
	 *
	 * @param uefi whether it boots with UEFI
	 * @param bootOrder the boot devices in order
	 */
	public record Config(Boolean uefi, List<String> bootOrder) {

		public Config {
			bootOrder = Copies.list(bootOrder);
		}

	}

}
