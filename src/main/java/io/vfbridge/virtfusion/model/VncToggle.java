package io.vfbridge.virtfusion.model;

/**
 * The body of the VNC toggle.
 *
 * @param action enable or disable
 */
public record VncToggle(VncAction action) {

	public VncToggle {
		if (action == null) {
			throw new IllegalArgumentException("a VNC toggle needs an action");
		}
	}

	/** Turns VNC on. */
	public static VncToggle enable() {
		return new VncToggle(VncAction.ENABLE);
	}

	/** Turns VNC off. */
	public static VncToggle disable() {
		return new VncToggle(VncAction.DISABLE);
	}

}
