package io.vfbridge.virtfusion.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * IPv4 addresses to remove from a server (sent as the body of a DELETE). The interface is
 * documented as required but VirtFusion accepts its absence; {@code null} leaves it out.
 *
 * @param iface the interface, or null to leave it out
 * @param addresses the addresses, at least one
 */
public record Ipv4Removal(@JsonProperty("interface") ServerInterface iface,
		@JsonProperty("ip") List<String> addresses) {

	public Ipv4Removal {
		addresses = checked(addresses);
	}

	/** Removes the addresses without naming an interface. */
	public Ipv4Removal(List<String> addresses) {
		this(null, addresses);
	}

	static List<String> checked(List<String> addresses) {
		if (addresses == null || addresses.isEmpty()
				|| addresses.stream().anyMatch((address) -> address == null || address.isBlank())) {
			throw new IllegalArgumentException("at least one IPv4 address is needed, none blank");
		}
		return List.copyOf(addresses);
	}

}
