package io.vfbridge.virtfusion.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An address to remove from a server interface's network whitelist (sent as the body of a
 * DELETE).
 *
 * @param iface the interface
 * @param ip the IPv4 or IPv6 address
 */
public record WhitelistRemoval(@JsonProperty("interface") ServerInterface iface, String ip) {

	public WhitelistRemoval {
		if (iface == null) {
			throw new IllegalArgumentException("a whitelist removal needs an interface");
		}
		if (ip == null || ip.isBlank()) {
			throw new IllegalArgumentException("a whitelist removal needs an ip");
		}
	}

}
