package io.vfbridge.billing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.vfbridge.provisioning.JobOutcome;
import io.vfbridge.provisioning.UsageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Posts callbacks to billing, signed like the webhooks billing sends us (Standard
 * Webhooks headers, {@code vfbridge.billing.callback-secret}, or the first webhook secret
 * with a warning at start-up): the one place both the operation and the usage callbacks
 * go through.
 */
@Component
class SignedCallbacks {

	private static final Logger log = LoggerFactory.getLogger(SignedCallbacks.class);

	private final BillingProperties properties;

	private final HttpClient http;

	SignedCallbacks(BillingProperties properties, UsageProperties usage) {
		fallbackWarning(properties, usage).ifPresent(log::warn);
		this.properties = properties;
		this.http = HttpClient.newBuilder().connectTimeout(properties.callbackTimeout()).build();
	}

	/**
	 * The warning due when callbacks are configured but signed with the first webhook
	 * secret for want of {@code vfbridge.billing.callback-secret}: whoever can check a
	 * callback could then forge a webhook.
	 */
	static Optional<String> fallbackWarning(BillingProperties properties, UsageProperties usage) {
		boolean callbacks = properties.callbackUrl() != null || usage.callbackUrl() != null;
		boolean ownSecret = properties.callbackSecret() != null && !properties.callbackSecret().isBlank();
		if (!callbacks || ownSecret || properties.webhookSecrets().isEmpty()) {
			return Optional.empty();
		}
		return Optional.of("vfbridge.billing.callback-secret (VFBRIDGE_BILLING_CALLBACKSECRET) is not set: callbacks "
				+ "to billing are signed with the first webhook secret, so whoever can verify a callback can also "
				+ "forge a webhook. Give callbacks a secret of their own.");
	}

	/**
	 * Posts {@code body} to {@code url} as message {@code id}.
	 * @param what what is posted, for the reason of a retry ("callback", "usage
	 * callback")
	 * @return empty when billing took it (any 2xx), else when to try again (at least its
	 * {@code Retry-After})
	 */
	Optional<JobOutcome.RetryLater> post(URI url, String id, Instant now, byte[] body, String what)
			throws IOException, InterruptedException {
		String timestamp = Long.toString(now.getEpochSecond());
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(this.properties.callbackTimeout())
			.header("Content-Type", "application/json")
			.header("webhook-id", id)
			.header("webhook-timestamp", timestamp)
			.header("webhook-signature",
					WebhookSignature.sign(this.properties.effectiveCallbackSecret(), id, timestamp, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() / 100 == 2) {
			return Optional.empty();
		}
		Duration retryAfter = response.headers()
			.firstValue("Retry-After")
			.filter((value) -> value.matches("\\d+"))
			.map((value) -> Duration.ofSeconds(Long.parseLong(value)))
			.orElse(null);
		return Optional.of(new JobOutcome.RetryLater(
				"billing answered the " + what + " with HTTP " + response.statusCode(), retryAfter));
	}

}
