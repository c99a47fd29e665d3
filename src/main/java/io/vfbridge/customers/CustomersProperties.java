package io.vfbridge.customers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How billing customers map to VirtFusion users, under {@code vfbridge.customers}.
 *
 * @param extRelationId {@code billing-id}: an integer billing customer id is the user's
 * {@code extRelationId} (what the WHMCS and Blesta modules do, so their users are
 * adopted); {@code allocated}: vfbridge hands out integers from a sequence (for billing
 * systems with string ids)
 */
@ConfigurationProperties("vfbridge.customers")
public record CustomersProperties(@DefaultValue("billing-id") ExtRelationIdMode extRelationId) {

	/** Where a user's extRelationId comes from. */
	public enum ExtRelationIdMode {

		/** The billing customer id, which must be an integer. */
		BILLING_ID,

		/** A number from vfbridge's own sequence. */
		ALLOCATED

	}

}
