package io.vfbridge.virtfusion;

import java.util.Set;
import java.util.TreeSet;

/** A panel name that is not configured under {@code vfbridge.virtfusion.panels}. */
public class UnknownPanelException extends IllegalArgumentException {

	private final String panel;

	UnknownPanelException(String panel, Set<String> known) {
		super("unknown VirtFusion panel '" + panel + "'; configured: " + new TreeSet<>(known));
		this.panel = panel;
	}

	/** The name that was asked for. */
	public String panel() {
		return this.panel;
	}

}
