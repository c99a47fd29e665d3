package io.vfbridge.virtfusion.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The currency a self-service report is shown in.
 *
 * @param code the currency code ({@code ""} when none is set)
 * @param prefix the symbol before amounts
 * @param suffix the symbol after amounts
 * @param value the price of one token
 * @param currentValue the current price of one token
 * @param defaultCurrency the default currency ({@code default}, report only)
 */
public record CurrencyDisplay(String code, String prefix, String suffix, BigDecimal value, BigDecimal currentValue,
		@JsonProperty("default") CurrencyDisplay defaultCurrency) {
}
