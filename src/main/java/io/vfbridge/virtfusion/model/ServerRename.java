package io.vfbridge.virtfusion.model;

/**
 * A server's new display name.
 *
 * @param name the name, not blank
 */
public record ServerRename(String name) {

	public ServerRename {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a server name must not be blank");
		}
	}

}
