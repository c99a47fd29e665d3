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

import org.springframework.stereotype.Component;

/**
 * Posts callbacks to billing, signed like the webhooks billing sends us (Standard
 * Webhooks headers, {@code vfbridge.billing.callback-secret}): the one place both the
 * operation and the usage callbacks go through.
 */
@Component
class SignedCallbacks {

	private final BillingProperties properties;

	private final HttpClient http;

	SignedCallbacks(BillingProperties properties) {
		this.properties = properties;
		this.http = HttpClient.newBuilder().connectTimeout(properties.callbackTimeout()).build();
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
