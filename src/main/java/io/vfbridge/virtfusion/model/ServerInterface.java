package io.vfbridge.virtfusion.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A server's network interface as VirtFusion names it in paths and bodies:
 * {@code primary} or {@code secondary}.
 */
public enum ServerInterface {

	/** The primary (public) interface. */
	PRIMARY("primary"),

	/** The secondary (usually private) interface. */
	SECONDARY("secondary");

	private final String value;

	ServerInterface(String value) {
		this.value = value;
	}

	/** The value VirtFusion expects, in a path or a JSON body. */
	@JsonValue
	public String value() {
		return this.value;
	}

}
