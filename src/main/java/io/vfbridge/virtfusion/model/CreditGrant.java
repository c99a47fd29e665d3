package io.vfbridge.virtfusion.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Credit (tokens) to add to a user's self-service balance.
 *
 * @param tokens the number of tokens (a token's price is the currency's {@code value});
 * VirtFusion 6+ treats a negative number as a removal
 * @param reference1 an optional numeric reference ({@code reference_1})
 * @param reference2 an optional text reference, at most 1000 characters
 * ({@code reference_2})
 */
public record CreditGrant(BigDecimal tokens, @JsonProperty("reference_1") Long reference1,
		@JsonProperty("reference_2") String reference2) {

	/** The longest text reference VirtFusion keeps. */
	public static final int MAX_REFERENCE_LENGTH = 1000;

	public CreditGrant {
		if (tokens == null || tokens.signum() == 0) {
			throw new IllegalArgumentException("a credit needs a non-zero number of tokens");
		}
		if (reference2 != null && reference2.length() > MAX_REFERENCE_LENGTH) {
			throw new IllegalArgumentException("reference2 is at most " + MAX_REFERENCE_LENGTH + " characters");
		}
	}

}
