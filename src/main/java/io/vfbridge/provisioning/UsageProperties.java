package io.vfbridge.provisioning;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The usage sync, under {@code vfbridge.usage}.
 *
 * @param enabled whether usage is pulled on a schedule (an operator can always start a
 * run)
 * @param syncInterval how often every active service's usage is pulled, once across all
 * instances
 * @param checkInterval how often each instance looks whether a sync is due
 * @param disk whether the disk is read too (VirtFusion asks the hypervisor: slower)
 * @param callbackUrl where each run's usage is POSTed, signed like the operation
 * callbacks; no push when unset
 */
@Validated
@ConfigurationProperties("vfbridge.usage")
public record UsageProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1h") @NotNull Duration syncInterval,
		@DefaultValue("1m") @NotNull Duration checkInterval, @DefaultValue("true") boolean disk, URI callbackUrl) {

}
