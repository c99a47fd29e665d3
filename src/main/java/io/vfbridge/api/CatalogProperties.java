package io.vfbridge.api;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the storefront reads go to VirtFusion, under {@code vfbridge.catalog}.
 *
 * @param cacheTtl how long rarely changing data (packages, OS templates, hypervisor
 * groups, currencies) is served from memory, per panel; {@code 0s} turns the cache off
 * @param capacityTtl how long a location's free capacity is served from memory, per
 * panel; {@code 0s} asks VirtFusion every time
 * @param pageSize the page size used to walk VirtFusion's paginated lists (1 to 200)
 */
@Validated
@ConfigurationProperties("vfbridge.catalog")
public record CatalogProperties(@DefaultValue("5m") @NotNull Duration cacheTtl,
		@DefaultValue("30s") @NotNull Duration capacityTtl, @DefaultValue("200") @Min(1) @Max(200) int pageSize) {

	public CatalogProperties {
		if (cacheTtl.isNegative() || capacityTtl.isNegative()) {
			throw new IllegalArgumentException("vfbridge.catalog TTLs must not be negative");
		}
	}

}
