package io.vfbridge.virtfusion.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A self-service currency.
 *
 * @param id the currency id
 * @param code the three-letter code
 * @param value the price of one token (VirtFusion sends a decimal string)
 * @param prefix the symbol before amounts
 * @param suffix the symbol after amounts
 * @param isDefault whether it is the default currency ({@code default})
 * @param enabled whether it is enabled
 */
public record Currency(Long id, String code, BigDecimal value, String prefix, String suffix,
		@JsonProperty("default") Boolean isDefault, Boolean enabled) {
}
