package io.vfbridge.virtfusion.model;

import java.util.List;
import java.util.Map;

/**
 * The firewall of one server interface.
 *
 * @param enabled whether the firewall is on
 * @param rules the applied rules (their shape is not documented, so kept generic)
 */
public record Firewall(Boolean enabled, List<Map<String, Object>> rules) {

	public Firewall {
		rules = Copies.list(rules);
	}

}
