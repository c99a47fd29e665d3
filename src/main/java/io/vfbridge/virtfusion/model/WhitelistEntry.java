package io.vfbridge.virtfusion.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An address to add to a server interface's network whitelist.
 *
 * @param iface the interface
 * @param ip an IPv4 or IPv6 address
 * @param cidr the prefix length, 0 to 128
 */
public record WhitelistEntry(@JsonProperty("interface") ServerInterface iface, String ip, int cidr) {

	public WhitelistEntry {
		if (iface == null) {
			throw new IllegalArgumentException("a whitelist entry needs an interface");
		}
		if (ip == null || ip.isBlank()) {
			throw new IllegalArgumentException("a whitelist entry needs an ip");
		}
		if (cidr < 0 || cidr > 128) {
			throw new IllegalArgumentException("cidr must be between 0 and 128");
		}
	}

}
