package io.vfbridge.ops;

import java.time.Duration;
import java.util.Set;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reconciliation of vfbridge's mappings with VirtFusion, under
 * {@code vfbridge.reconciliation}.
 *
 * @param enabled whether runs are scheduled (the operator trigger works either way)
 * @param interval how often a run is scheduled; once per interval across all instances
 * @param stuckAfter how long a service may stay provisioning or terminating, or an
 * operation stay queued or running, before it counts as stuck
 * @param autoApply the drift kinds whose suggested action is applied at once, without an
 * operator (e.g. {@code [suspended_mismatch]}); empty by default: nothing changes by
 * itself
 * @param keepReports how many reports are kept; older ones (and their findings) are
 * deleted when a new one is stored
 */
@Validated
@ConfigurationProperties("vfbridge.reconciliation")
public record ReconciliationProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("1h") @NotNull Duration interval, @DefaultValue("30m") @NotNull Duration stuckAfter,
		Set<DriftKind> autoApply, @DefaultValue("100") @Min(1) int keepReports) {

	public ReconciliationProperties {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("vfbridge.reconciliation.interval must be positive");
		}
		if (stuckAfter.isNegative()) {
			throw new IllegalArgumentException("vfbridge.reconciliation.stuck-after must not be negative");
		}
		autoApply = (autoApply != null) ? Set.copyOf(autoApply) : Set.of();
	}

}
