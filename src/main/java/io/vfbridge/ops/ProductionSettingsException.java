package io.vfbridge.ops;

import java.util.List;

/**
 * The production profile lacks settings it cannot run without; names each of them, never
 * a value.
 */
class ProductionSettingsException extends IllegalStateException {

	private final List<String> problems;

	ProductionSettingsException(List<String> problems) {
		super("vfbridge refuses to start with the '" + ProductionSettings.PROFILE + "' profile: " + problems.size()
				+ " setting(s) missing or invalid:\n  - " + String.join("\n  - ", problems));
		this.problems = List.copyOf(problems);
	}

	/** One line per missing or invalid setting. */
	List<String> problems() {
		return this.problems;
	}

}
