package io.vfbridge.customers;

import java.util.Locale;

/** Where a billing service stands in VirtFusion. */
public enum ServiceState {

	/** Known, nothing created in VirtFusion yet. */
	PENDING,

	/** The server is being created or built. */
	PROVISIONING,

	/** Built and running. */
	ACTIVE,

	/** Suspended in VirtFusion. */
	SUSPENDED,

	/** Deletion asked for; waiting for VirtFusion to confirm. */
	TERMINATING,

	/** Gone from VirtFusion. */
	TERMINATED,

	/** Creation failed permanently (VirtFusion refused it). */
	FAILED,

	/**
	 * A person must look (the server vanished, several candidates after a lost answer,
	 * ...).
	 */
	NEEDS_ATTENTION;

	/** The stored and shown value. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The state with this stored value. */
	public static ServiceState of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
