package io.vfbridge.ops;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Health, metrics and the audit of VirtFusion calls, under {@code vfbridge.ops}.
 *
 * @param health the health indicators
 * @param metrics the metrics read from the database
 * @param audit the audit of VirtFusion calls
 */
@Validated
@ConfigurationProperties("vfbridge.ops")
public record OpsProperties(@DefaultValue @Valid Health health, @DefaultValue @Valid Metrics metrics,
		@DefaultValue @Valid Audit audit) {

	/**
	 * The health indicators.
	 *
	 * @param virtfusionCacheTtl how long the result of a panel's probe (connect plus a
	 * read per permission vfbridge needs) is reused
	 * @param queueMaxOldestAge the queue is {@code DEGRADED} when its oldest queued job
	 * waits longer than this
	 */
	public record Health(@DefaultValue("30s") @NotNull Duration virtfusionCacheTtl,
			@DefaultValue("15m") @NotNull Duration queueMaxOldestAge) {
	}

	/**
	 * The metrics read from the database.
	 *
	 * @param queueCacheTtl how long the job counts by status are reused between scrapes
	 * and health checks
	 */
	public record Metrics(@DefaultValue("10s") @NotNull Duration queueCacheTtl) {
	}

	/**
	 * The audit of VirtFusion calls.
	 *
	 * @param enabled whether calls are recorded
	 * @param retention how long a recorded call is kept
	 * @param maxBodyChars how much of each (redacted) body is kept
	 * @param bufferSize calls waiting to be written; beyond it a call is dropped (and
	 * counted), never the job slowed
	 * @param batchSize calls written per statement
	 */
	public record Audit(@DefaultValue("true") boolean enabled, @DefaultValue("30d") @NotNull Duration retention,
			@DefaultValue("4000") @Min(0) @Max(100_000) int maxBodyChars, @DefaultValue("10000") @Min(1) int bufferSize,
			@DefaultValue("200") @Min(1) int batchSize) {
	}

}
