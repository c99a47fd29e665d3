package io.vfbridge.billing;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.vfbridge.provisioning.UsageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** Callbacks have a secret of their own; falling back to the webhook secret is warned. */
@ExtendWith(OutputCaptureExtension.class)
class SignedCallbacksTests {

	private static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final String CALLBACK_SECRET = "whsec_Y2FsbGJhY2sgc2VjcmV0IG9mIHRoaXJ0eS10d28gYiE=";

	private static final URI BILLING = URI.create("https://billing.example.com/vfbridge");

	@Test
	void warnsAtStartWhenCallbacksFallBackToTheWebhookSecret(CapturedOutput output) {
		new SignedCallbacks(billing(BILLING, null), usage(null));
		assertThat(output).contains("vfbridge.billing.callback-secret (VFBRIDGE_BILLING_CALLBACKSECRET) is not set")
			.doesNotContain(WEBHOOK_SECRET.substring(6));
		assertThat(billing(BILLING, null).effectiveCallbackSecret()).isEqualTo(WEBHOOK_SECRET);
		assertThat(SignedCallbacks.fallbackWarning(billing(null, null), usage(BILLING))).isPresent();
	}

	@Test
	void signsWithTheCallbackSecretWithoutAWarning() {
		assertThat(billing(BILLING, CALLBACK_SECRET).effectiveCallbackSecret()).isEqualTo(CALLBACK_SECRET);
		assertThat(SignedCallbacks.fallbackWarning(billing(BILLING, CALLBACK_SECRET), usage(BILLING))).isEmpty();
		// no callbacks configured: nothing is signed, nothing to warn about
		assertThat(SignedCallbacks.fallbackWarning(billing(null, null), usage(null))).isEmpty();
	}

	private static BillingProperties billing(URI callbackUrl, String callbackSecret) {
		return new BillingProperties(List.of(WEBHOOK_SECRET), List.of(), Duration.ofMinutes(5),
				DataSize.ofKilobytes(256), Duration.ofDays(30), callbackUrl, callbackSecret, Duration.ofSeconds(10));
	}

	private static UsageProperties usage(URI callbackUrl) {
		return new UsageProperties(true, Duration.ofHours(1), Duration.ofMinutes(1), true, callbackUrl);
	}

}
