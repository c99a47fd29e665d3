package io.vfbridge.virtfusion.model;

/**
 * An SSH key to add to a user.
 *
 * @param userId the owner's <em>internal</em> VirtFusion user id
 * @param name the key's name
 * @param publicKey the OpenSSH public key
 */
public record NewSshKey(long userId, String name, String publicKey) {

	public NewSshKey {
		if (userId < 1) {
			throw new IllegalArgumentException("an SSH key needs the owner's internal user id");
		}
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("an SSH key needs a name");
		}
		if (publicKey == null || publicKey.isBlank()) {
			throw new IllegalArgumentException("an SSH key needs the public key");
		}
	}

}
