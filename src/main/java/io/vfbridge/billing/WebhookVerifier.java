package io.vfbridge.billing;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.vfbridge.security.Problems;

/**
 * The one place webhook signatures and timestamps are checked (Standard Webhooks): the
 * three headers must be present, the timestamp within the tolerance either way, and one
 * of the space-separated signatures valid for one of the live secrets or public keys,
 * compared in constant time over the raw body bytes.
 */
class WebhookVerifier {

	private final List<byte[]> secrets;

	private final List<PublicKey> publicKeys;

	private final Duration tolerance;

	private final Clock clock;

	WebhookVerifier(BillingProperties properties, Clock clock) {
		this.secrets = properties.webhookSecrets().stream().map(WebhookSignature::secretKey).toList();
		this.publicKeys = properties.webhookPublicKeys().stream().map(WebhookSignature::publicKey).toList();
		this.tolerance = properties.timestampTolerance();
		this.clock = clock;
	}

	/**
	 * Whether any secret or key is configured (without one, no webhook can be accepted).
	 */
	boolean isConfigured() {
		return !this.secrets.isEmpty() || !this.publicKeys.isEmpty();
	}

	/**
	 * Checks one delivery.
	 * @throws ErrorResponseException 401 with the reason when it is not authentic or not
	 * fresh
	 */
	void verify(String id, String timestamp, String signatures, byte[] body) {
		if (!isConfigured()) {
			throw invalid("no webhook secret is configured (vfbridge.billing.webhook-secrets)");
		}
		if (isBlank(id) || isBlank(timestamp) || isBlank(signatures)) {
			throw invalid("the headers webhook-id, webhook-timestamp and webhook-signature are required");
		}
		Instant sent;
		try {
			sent = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
		}
		catch (NumberFormatException | java.time.DateTimeException ex) {
			throw invalid("webhook-timestamp must be Unix seconds");
		}
		Instant now = this.clock.instant();
		if (sent.isBefore(now.minus(this.tolerance))) {
			throw invalid("webhook-timestamp is too old (more than " + this.tolerance.toMinutes() + " minutes)");
		}
		if (sent.isAfter(now.plus(this.tolerance))) {
			throw invalid("webhook-timestamp is too far in the future");
		}
		byte[] content = WebhookSignature.signedContent(id, timestamp.trim(), body);
		boolean valid = false;
		for (String candidate : signatures.trim().split(" +")) {
			int comma = candidate.indexOf(',');
			if (comma < 0) {
				continue;
			}
			String version = candidate.substring(0, comma);
			byte[] signature;
			try {
				signature = Base64.getDecoder().decode(candidate.substring(comma + 1));
			}
			catch (IllegalArgumentException ex) {
				continue;
			}
			if (version.equals("v1")) {
				for (byte[] secret : this.secrets) {
					// every secret is tried: no early exit that would time which one
					// matched
					valid |= MessageDigest.isEqual(WebhookSignature.hmac(secret, content), signature);
				}
			}
			else if (version.equals("v1a")) {
				for (PublicKey key : this.publicKeys) {
					valid |= WebhookSignature.verifyEd25519(key, content, signature);
				}
			}
		}
		if (!valid) {
			throw invalid("no valid signature");
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static ErrorResponseException invalid(String detail) {
		return Problems.problem(HttpStatus.UNAUTHORIZED, "invalid-signature", "Invalid webhook signature", detail);
	}

}
