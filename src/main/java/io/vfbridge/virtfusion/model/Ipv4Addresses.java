package io.vfbridge.virtfusion.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Given IPv4 addresses to add to a server interface.
 *
 * @param iface the interface
 * @param addresses the addresses, at least one
 */
public record Ipv4Addresses(@JsonProperty("interface") ServerInterface iface,
		@JsonProperty("ip") List<String> addresses) {

	public Ipv4Addresses {
		if (iface == null) {
			throw new IllegalArgumentException("IPv4 addresses need an interface");
		}
		addresses = Ipv4Removal.checked(addresses);
	}

}
