package io.vfbridge.billing;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Intake from billing systems and callbacks to them, under {@code vfbridge.billing}.
 *
 * @param webhookSecrets the Standard Webhooks secrets ({@code whsec_<base64>}); several
 * may be live at once while one is rotated. From the environment only
 * @param webhookPublicKeys ed25519 public keys ({@code whpk_<base64>}) accepted for
 * {@code v1a} signatures
 * @param timestampTolerance how far {@code webhook-timestamp} may be from now, either way
 * @param maxBodySize the largest request body accepted
 * @param idempotencyRetention how long webhook ids and idempotency keys are remembered
 * (at least 7 days: billing systems retry for days)
 * @param callbackUrl where to POST the result of each finished operation, signed; none
 * when unset
 * @param callbackSecret the secret that signs callbacks; the first webhook secret when
 * unset
 * @param callbackTimeout how long a callback may take
 */
@Validated
@ConfigurationProperties("vfbridge.billing")
public record BillingProperties(List<String> webhookSecrets, List<String> webhookPublicKeys,
		@DefaultValue("5m") @NotNull Duration timestampTolerance, @DefaultValue("256KB") @NotNull DataSize maxBodySize,
		@DefaultValue("30d") @NotNull Duration idempotencyRetention, URI callbackUrl, String callbackSecret,
		@DefaultValue("10s") @NotNull Duration callbackTimeout) {

	public BillingProperties {
		webhookSecrets = (webhookSecrets != null) ? List.copyOf(webhookSecrets) : List.of();
		webhookPublicKeys = (webhookPublicKeys != null) ? List.copyOf(webhookPublicKeys) : List.of();
		if (idempotencyRetention.compareTo(Duration.ofDays(7)) < 0) {
			throw new IllegalArgumentException("vfbridge.billing.idempotency-retention must be at least 7 days");
		}
	}

	/** The secret that signs callbacks, if any. */
	public String effectiveCallbackSecret() {
		if (this.callbackSecret != null && !this.callbackSecret.isBlank()) {
			return this.callbackSecret;
		}
		return this.webhookSecrets.isEmpty() ? null : this.webhookSecrets.get(0);
	}

	/** Masks the secrets. */
	@Override
	public String toString() {
		return "BillingProperties[webhookSecrets=" + this.webhookSecrets.size() + " configured, callbackUrl="
				+ this.callbackUrl + "]";
	}

}
