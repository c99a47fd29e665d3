package io.vfbridge.virtfusion.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How many IPv4 addresses to add to a server interface; VirtFusion picks them.
 *
 * @param iface the interface
 * @param quantity the number of addresses, at least 1
 */
public record Ipv4Quantity(@JsonProperty("interface") ServerInterface iface, int quantity) {

	public Ipv4Quantity {
		if (iface == null) {
			throw new IllegalArgumentException("an IPv4 quantity needs an interface");
		}
		if (quantity < 1) {
			throw new IllegalArgumentException("quantity must be at least 1");
		}
	}

}
