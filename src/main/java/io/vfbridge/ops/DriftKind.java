package io.vfbridge.ops;

import java.util.Locale;

/** What reconciliation found different between vfbridge and VirtFusion. */
public enum DriftKind {

	/** A service's server no longer exists in VirtFusion. */
	SERVER_MISSING,

	/** A server of a known customer's VirtFusion user that no service maps. */
	ORPHAN_SERVER,

	/** The server is (not) suspended while the service says otherwise. */
	SUSPENDED_MISMATCH,

	/** The server belongs to another VirtFusion user than the service's customer. */
	OWNER_MISMATCH,

	/** The server's resources are not those of the service's package. */
	PACKAGE_MISMATCH,

	/**
	 * A service provisioning or terminating for too long, or an operation of it stuck
	 * (dead, needing attention, or waiting too long).
	 */
	SERVICE_STUCK;

	/** The stored and shown value. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The kind with this stored value. */
	public static DriftKind of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
