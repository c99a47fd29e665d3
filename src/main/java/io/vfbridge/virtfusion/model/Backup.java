package io.vfbridge.virtfusion.model;

/**
 * A backup of a server.
 *
 * @param id the backup id
 * @param serverId the server
 * @param storage where it is stored
 * @param deleting whether it is being deleted
 * @param restoring whether it is being restored
 * @param progress whether it is in progress
 * @param complete whether it is complete
 * @param deleteAfter when it will be deleted, if scheduled
 * @param created when it was made
 * @param updated when it was last changed
 */
public record Backup(Long id, Long serverId, Storage storage, Boolean deleting, Boolean restoring, Boolean progress,
		Boolean complete, String deleteAfter, String created, String updated) {

	/**
	 * Backup storage.
	 *
	 * @param id the storage id
	 * @param name its name
	 * @param enabled whether it is enabled
	 */
	public record Storage(Long id, String name, Boolean enabled) {
	}

}
