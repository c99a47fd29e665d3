package io.vfbridge.security;

import java.util.Locale;

/** What an API key may do. */
public enum Role {

	/** The billing system: lifecycle commands and reads of operations. */
	BILLING,

	/**
	 * The storefront and client area: catalogue reads, orders, client actions, login
	 * links.
	 */
	STOREFRONT,

	/** The people who run vfbridge: everything, including retries, cancels and audit. */
	OPERATOR,

	/**
	 * A metrics scraper (Prometheus): {@code /actuator/prometheus} and the health
	 * details, nothing else.
	 */
	METRICS;

	/** The lower-case name used in configuration. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
