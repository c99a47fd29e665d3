package io.vfbridge.virtfusion.model;

import java.util.List;
import java.util.Objects;

/**
 * The rulesets to apply to a server interface: they replace every existing rule; an empty
 * list flushes all rules.
 *
 * @param rulesets the firewall ruleset ids
 */
public record FirewallRulesets(List<Long> rulesets) {

	public FirewallRulesets {
		if (rulesets == null || rulesets.stream().anyMatch(Objects::isNull)) {
			throw new IllegalArgumentException("rulesets must be a list of ids (empty flushes all rules)");
		}
		rulesets = List.copyOf(rulesets);
	}

	/** No ruleset: flushes every rule of the interface. */
	public static FirewallRulesets none() {
		return new FirewallRulesets(List.of());
	}

}
