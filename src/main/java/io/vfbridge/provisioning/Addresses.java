package io.vfbridge.provisioning;

/** IPv4 and IPv6 address arithmetic for validating and describing network events. */
final class Addresses {

	private Addresses() {
	}

	/** The dotted-quad address as an unsigned 32-bit number. */
	static long ipv4(String address) {
		long value = 0;
		for (String part : address.split("\\.")) {
			value = (value << 8) | Integer.parseInt(part);
		}
		return value;
	}

	/** The number as a dotted-quad address. */
	static String format(long address) {
		return ((address >> 24) & 0xff) + "." + ((address >> 16) & 0xff) + "." + ((address >> 8) & 0xff) + "."
				+ (address & 0xff);
	}

	/**
	 * The first and last address of an IPv4 CIDR block such as {@code 203.0.113.0/28}.
	 */
	static long[] cidrBounds(String cidr) {
		int slash = cidr.indexOf('/');
		long address = ipv4(cidr.substring(0, slash));
		int prefix = Integer.parseInt(cidr.substring(slash + 1));
		long size = 1L << (32 - prefix);
		long first = address & ~(size - 1) & 0xffffffffL;
		return new long[] { first, first + size - 1 };
	}

	/**
	 * Whether the text is an IPv6 address: eight groups of up to four hex digits, or
	 * fewer with one {@code ::}.
	 */
	static boolean isIpv6(String text) {
		if (!text.contains(":") || text.indexOf("::") != text.lastIndexOf("::")) {
			return false;
		}
		boolean compressed = text.contains("::");
		String body = compressed ? text.replace("::", ":") : text;
		if (compressed && body.startsWith(":")) {
			body = body.substring(1);
		}
		if (compressed && body.endsWith(":")) {
			body = body.substring(0, body.length() - 1);
		}
		String[] groups = body.isEmpty() ? new String[0] : body.split(":", -1);
		for (String group : groups) {
			if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch((c) -> Character.digit(c, 16) >= 0)) {
				return false;
			}
		}
		return compressed ? groups.length < 8 : groups.length == 8;
	}

}
