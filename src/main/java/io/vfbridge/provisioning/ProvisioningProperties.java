package io.vfbridge.provisioning;

import java.time.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the lifecycle handlers do, under {@code vfbridge.provisioning}.
 *
 * @param buildTimeout how long a build may take before the operation needs attention
 * @param buildPollInterval how often a running build is looked at
 * @param terminateDelayMinutes VirtFusion's deletion delay when a terminate event names
 * none
 * @param terminatePollInterval how often a terminating server is looked at until it is
 * gone
 * @param secretTtl how long a new root password waits for billing to collect it
 * @param createLockDuration how long one job may hold a customer's create lock
 * @param adoptionWindow how far before the recorded create intent a server may have been
 * created and still be adopted after a lost answer (allows for clock skew between
 * vfbridge and VirtFusion)
 * @param plans products a billing system may name instead of VirtFusion ids
 * ({@code data.service.plan})
 */
@Validated
@ConfigurationProperties("vfbridge.provisioning")
public record ProvisioningProperties(@DefaultValue("30m") @NotNull Duration buildTimeout,
		@DefaultValue("5s") @NotNull Duration buildPollInterval,
		@DefaultValue("0") @Min(0) @Max(43800) int terminateDelayMinutes,
		@DefaultValue("10s") @NotNull Duration terminatePollInterval, @DefaultValue("7d") @NotNull Duration secretTtl,
		@DefaultValue("5m") @NotNull Duration createLockDuration,
		@DefaultValue("10m") @NotNull Duration adoptionWindow) {

}
