package io.vfbridge.virtfusion.model;

import java.math.BigInteger;
import java.util.List;

/**
 * An IP block (IPv4 range or IPv6 prefix) that server addresses come from.
 *
 * @param id the block id
 * @param type 4 or 6
 * @param name the name
 * @param ipv4 IPv4 settings and counts
 * @param ipv6 IPv6 settings and counts
 * @param rdnsType the reverse DNS type code
 * @param rdnsZoneId the reverse DNS zone, if any
 * @param networkProfile the network profile id
 * @param routeBlock the routed block, if any
 * @param dhcp the DHCP setting
 * @param enabled whether the block is enabled
 * @param created when it was created
 * @param updated when it was last changed
 */
public record IpBlock(Long id, Integer type, String name, Ipv4 ipv4, Ipv6 ipv6, Integer rdnsType, Long rdnsZoneId,
		Integer networkProfile, Long routeBlock, Integer dhcp, Boolean enabled, String created, String updated) {

	/**
	 * Resolvers of a block.
	 *
	 * @param primary the primary resolver
	 * @param secondary the secondary resolver
	 */
	public record Resolvers(String primary, String secondary) {
	}

	/**
	 * IPv4 settings and counts.
	 *
	 * @param gateway the gateway
	 * @param netmask the netmask
	 * @param resolvers the resolvers
	 * @param total the addresses in the block
	 * @param usedTotal the addresses in use
	 * @param freeTotal the free addresses
	 */
	public record Ipv4(String gateway, String netmask, Resolvers resolvers, Long total, Long usedTotal,
			Long freeTotal) {
	}

	/**
	 * IPv6 settings and counts (of subnets).
	 *
	 * @param gateway the gateway
	 * @param resolvers the resolvers
	 * @param subnet the block's prefix
	 * @param from the block's prefix length
	 * @param to the prefix length of the subnets handed to servers
	 * @param restricted restricted subnets
	 * @param total the subnets in the block
	 * @param generatedTotal the subnets generated so far
	 * @param usedTotal the subnets in use
	 * @param freeTotal the free subnets
	 * @param freeGenerated the free generated subnets
	 * @param blacklistedTotal the blacklisted subnets
	 */
	public record Ipv6(String gateway, Resolvers resolvers, String subnet, Integer from, Integer to,
			List<String> restricted, BigInteger total, BigInteger generatedTotal, BigInteger usedTotal,
			BigInteger freeTotal, BigInteger freeGenerated, BigInteger blacklistedTotal) {

		public Ipv6 {
			restricted = Copies.list(restricted);
		}

	}

}
