package io.vfbridge.simulator;

/**
 * A resource pack given to a user; servers created for the user join their first enabled
 * pack.
 */
final class UserPack {

	private final int id;

	private final int userId;

	private final Seed.ResourcePackSeed pack;

	private boolean enabled;

	UserPack(int id, int userId, Seed.ResourcePackSeed pack, boolean enabled) {
		this.id = id;
		this.userId = userId;
		this.pack = pack;
		this.enabled = enabled;
	}

	int id() {
		return this.id;
	}

	int userId() {
		return this.userId;
	}

	Seed.ResourcePackSeed pack() {
		return this.pack;
	}

	boolean enabled() {
		return this.enabled;
	}

	void enable(boolean enabled) {
		this.enabled = enabled;
	}

}
