package io.vfbridge.virtfusion.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Turns a server's VNC console on or off. */
public enum VncAction {

	/** Turns VNC on. */
	ENABLE("enable"),

	/** Turns VNC off. */
	DISABLE("disable");

	private final String value;

	VncAction(String value) {
		this.value = value;
	}

	/** The value VirtFusion expects in {@code action}. */
	@JsonValue
	public String value() {
		return this.value;
	}

}
