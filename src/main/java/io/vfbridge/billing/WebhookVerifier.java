package io.vfbridge.billing;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BinaryOperator;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.vfbridge.security.Problems;

/**
 * The one place webhook signatures and timestamps are checked (Standard Webhooks): the
 * three headers must be present, the timestamp within the tolerance either way, and one
 * of the space-separated signatures valid for one of the live secrets or public keys,
 * compared in constant time over the raw body bytes. A malformed header (too many
 * signatures, one of the wrong length or not base64, an oversized id) is refused with 400
 * before any cryptography, and each secret's HMAC is computed once per delivery whatever
 * the number of signatures.
 */
class WebhookVerifier {

	private final List<byte[]> secrets;

	private final List<PublicKey> publicKeys;

	private final Duration tolerance;

	private final Clock clock;

	private final BinaryOperator<byte[]> hmac;

	WebhookVerifier(BillingProperties properties, Clock clock) {
		this(properties, clock, WebhookSignature::hmac);
	}

	/**
	 * With the HMAC function given ({@code (key, content) -> mac}), so a test can count
	 * the MACs computed.
	 */
	WebhookVerifier(BillingProperties properties, Clock clock, BinaryOperator<byte[]> hmac) {
		this.hmac = hmac;
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
	 * @throws ErrorResponseException 400 when a header is malformed or oversized, 401
	 * with the reason when it is not authentic or not fresh
	 */
	void verify(String id, String timestamp, String signatures, byte[] body) {
		if (!isConfigured()) {
			throw invalid("no webhook secret is configured (vfbridge.billing.webhook-secrets)");
		}
		if (isBlank(id) || isBlank(timestamp) || isBlank(signatures)) {
			throw invalid("the headers webhook-id, webhook-timestamp and webhook-signature are required");
		}
		requireBoundedId(id);
		List<WebhookSignature.Presented> presented;
		try {
			presented = WebhookSignature.parse(signatures);
		}
		catch (IllegalArgumentException ex) {
			throw malformed(ex.getMessage());
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
		if (presented.stream().anyMatch(WebhookSignature.Presented::isHmac)) {
			for (byte[] secret : this.secrets) {
				byte[] expected = this.hmac.apply(secret, content);
				for (WebhookSignature.Presented signature : presented) {
					// every secret and signature is compared: no early exit that would
					// time which one matched
					valid |= signature.isHmac() && MessageDigest.isEqual(expected, signature.bytes());
				}
			}
		}
		for (WebhookSignature.Presented signature : presented) {
			if (signature.isEd25519()) {
				for (PublicKey key : this.publicKeys) {
					valid |= WebhookSignature.verifyEd25519(key, content, signature.bytes());
				}
			}
		}
		if (!valid) {
			throw invalid("no valid signature");
		}
	}

	/**
	 * 400 for a {@code webhook-id} longer than {@value WebhookSignature#MAX_ID_LENGTH}
	 * characters or with control characters: it is the idempotency key and goes into log
	 * lines.
	 */
	static void requireBoundedId(String id) {
		if (id.length() > WebhookSignature.MAX_ID_LENGTH) {
			throw malformed("webhook-id is longer than " + WebhookSignature.MAX_ID_LENGTH + " characters");
		}
		if (id.chars().anyMatch(Character::isISOControl)) {
			throw malformed("webhook-id contains control characters");
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static ErrorResponseException malformed(String detail) {
		return Problems.problem(HttpStatus.BAD_REQUEST, "malformed-signature", "Malformed webhook headers", detail);
	}

	private static ErrorResponseException invalid(String detail) {
		return Problems.problem(HttpStatus.UNAUTHORIZED, "invalid-signature", "Invalid webhook signature", detail);
	}

}
