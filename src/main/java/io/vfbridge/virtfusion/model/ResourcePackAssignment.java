package io.vfbridge.virtfusion.model;

/**
 * A resource pack to give a user.
 *
 * @param packId the pack <em>template</em> id (the answer is the user's pack id)
 * @param enabled whether the user's pack starts enabled
 */
public record ResourcePackAssignment(long packId, boolean enabled) {

	public ResourcePackAssignment {
		if (packId < 1) {
			throw new IllegalArgumentException("packId must be a positive id");
		}
	}

	/** The pack, enabled. */
	public ResourcePackAssignment(long packId) {
		this(packId, true);
	}

}
