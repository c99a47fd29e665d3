package io.vfbridge.billing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Standard Webhooks reference vectors and the rules around them. */
class WebhookVerifierTests {

	// the reference vector of the Standard Webhooks specification's libraries
	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

	private static final String TIMESTAMP = "1614265330";

	private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

	private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

	private static final Instant SENT = Instant.ofEpochSecond(1614265330);

	@Test
	void acceptsTheReferenceSignature() {
		assertThatCode(() -> verifier(SENT, SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY)).doesNotThrowAnyException();
	}

	@Test
	void signsExactlyAsTheReference() {
		assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
	}

	@Test
	void acceptsOneValidSignatureAmongSeveral() {
		String several = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc " + SIGNATURE + " " + randomV1();
		assertThatCode(() -> verifier(SENT, SECRET).verify(ID, TIMESTAMP, several, BODY)).doesNotThrowAnyException();
	}

	@Test
	void acceptsEitherSecretDuringRotation() {
		String newSecret = "whsec_" + Base64.getEncoder().encodeToString("a brand new secret, 32 bytes!!!!".getBytes());
		WebhookVerifier verifier = verifier(SENT, newSecret, SECRET);
		assertThatCode(() -> verifier.verify(ID, TIMESTAMP, SIGNATURE, BODY)).doesNotThrowAnyException();
		String signedWithNew = WebhookSignature.sign(newSecret, ID, TIMESTAMP, BODY);
		assertThatCode(() -> verifier.verify(ID, TIMESTAMP, signedWithNew, BODY)).doesNotThrowAnyException();
	}

	@Test
	void rejectsMissingHeaders() {
		WebhookVerifier verifier = verifier(SENT, SECRET);
		assertRejected(() -> verifier.verify(null, TIMESTAMP, SIGNATURE, BODY), "headers");
		assertRejected(() -> verifier.verify(ID, null, SIGNATURE, BODY), "headers");
		assertRejected(() -> verifier.verify(ID, TIMESTAMP, "", BODY), "headers");
	}

	@Test
	void rejectsAWrongVersionPrefix() {
		assertRejected(() -> verifier(SENT, SECRET).verify(ID, TIMESTAMP, SIGNATURE.replace("v1,", "v2,"), BODY),
				"no valid signature");
		assertMalformed(() -> verifier(SENT, SECRET).verify(ID, TIMESTAMP, SIGNATURE.substring(3), BODY),
				"<version>,<base64>");
	}

	@Test
	void refusesMoreThanFiveSignaturesBeforeComputingAnyMac() {
		String many = String.join(" ", java.util.stream.IntStream.range(0, 160).mapToObj((i) -> randomV1()).toList());
		byte[] body = new byte[250 * 1024];
		AtomicInteger macs = new AtomicInteger();
		WebhookVerifier counting = new WebhookVerifier(properties(List.of(SECRET), List.of()), clock(SENT),
				(key, content) -> {
					macs.incrementAndGet();
					return WebhookSignature.hmac(key, content);
				});
		assertMalformed(() -> counting.verify(ID, TIMESTAMP, many, body), "at most 5");
		assertThat(macs).hasValue(0);
		assertMalformed(() -> verifier(SENT, SECRET).verify(ID, TIMESTAMP, many, body), "at most 5");
	}

	@Test
	void refusesASignatureOfTheWrongLengthOrNotBase64BeforeComputingAnyMac() {
		AtomicInteger macs = new AtomicInteger();
		WebhookVerifier counting = new WebhookVerifier(properties(List.of(SECRET), List.of()), clock(SENT),
				(key, content) -> {
					macs.incrementAndGet();
					return WebhookSignature.hmac(key, content);
				});
		assertMalformed(() -> counting.verify(ID, TIMESTAMP, SIGNATURE + " v1,bm90LXZhbGlk", BODY), "32 bytes");
		assertMalformed(() -> counting.verify(ID, TIMESTAMP, SIGNATURE + " v1,not*base64!", BODY), "not base64");
		assertMalformed(() -> counting.verify(ID, TIMESTAMP, "v1a,bm90LXZhbGlk", BODY), "64 bytes");
		assertThat(macs).hasValue(0);
	}

	@Test
	void computesEachSecretsMacOncePerDelivery() {
		String other = "whsec_" + Base64.getEncoder().encodeToString("another secret of thirty-two b!!".getBytes());
		AtomicInteger macs = new AtomicInteger();
		WebhookVerifier counting = new WebhookVerifier(properties(List.of(other, SECRET), List.of()), clock(SENT),
				(key, content) -> {
					macs.incrementAndGet();
					return WebhookSignature.hmac(key, content);
				});
		String five = String.join(" ", randomV1(), randomV1(), randomV1(), randomV1(), SIGNATURE);
		assertThatCode(() -> counting.verify(ID, TIMESTAMP, five, BODY)).doesNotThrowAnyException();
		assertThat(macs).hasValue(2);
	}

	@Test
	void refusesAnOversizedOrControlCharacterWebhookId() {
		WebhookVerifier verifier = verifier(SENT, SECRET);
		assertMalformed(() -> verifier.verify("m".repeat(256), TIMESTAMP, SIGNATURE, BODY), "longer than 255");
		assertMalformed(() -> verifier.verify("msg\nforged log line", TIMESTAMP, SIGNATURE, BODY), "control");
	}

	@Test
	void rejectsAStaleTimestamp() {
		assertRejected(() -> verifier(SENT.plus(Duration.ofMinutes(5)).plusSeconds(1), SECRET).verify(ID, TIMESTAMP,
				SIGNATURE, BODY), "too old");
		assertThatCode(() -> verifier(SENT.plus(Duration.ofMinutes(5)), SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY))
			.doesNotThrowAnyException();
	}

	@Test
	void rejectsAFutureTimestamp() {
		assertRejected(() -> verifier(SENT.minus(Duration.ofMinutes(5)).minusSeconds(1), SECRET).verify(ID, TIMESTAMP,
				SIGNATURE, BODY), "future");
	}

	@Test
	void rejectsATimestampThatIsNotUnixSeconds() {
		assertRejected(() -> verifier(SENT, SECRET).verify(ID, "2021-02-25T15:02:10Z", SIGNATURE, BODY), "Unix");
	}

	@Test
	void rejectsATamperedBodyIdOrTimestamp() {
		byte[] tampered = Arrays.copyOf(BODY, BODY.length);
		tampered[10] = '3';
		WebhookVerifier verifier = verifier(SENT, SECRET);
		assertRejected(() -> verifier.verify(ID, TIMESTAMP, SIGNATURE, tampered), "no valid signature");
		assertRejected(() -> verifier.verify(ID + "x", TIMESTAMP, SIGNATURE, BODY), "no valid signature");
		assertRejected(() -> verifier.verify(ID, "1614265331", SIGNATURE, BODY), "no valid signature");
	}

	@Test
	void rejectsASignatureMadeWithAnotherSecret() {
		String other = "whsec_" + Base64.getEncoder().encodeToString("another secret of thirty-two b!!".getBytes());
		assertRejected(() -> verifier(SENT, other).verify(ID, TIMESTAMP, SIGNATURE, BODY), "no valid signature");
	}

	@Test
	void rejectsEverythingWhenNoSecretIsConfigured() {
		assertRejected(() -> verifier(SENT).verify(ID, TIMESTAMP, SIGNATURE, BODY), "no webhook secret");
	}

	@Test
	void acceptsAnEd25519SignatureFromAConfiguredPublicKey() throws Exception {
		KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		byte[] encoded = pair.getPublic().getEncoded();
		byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
		String publicKey = "whpk_" + Base64.getEncoder().encodeToString(raw);
		Signature signer = Signature.getInstance("Ed25519");
		signer.initSign(pair.getPrivate());
		signer.update(WebhookSignature.signedContent(ID, TIMESTAMP, BODY));
		String signature = "v1a," + Base64.getEncoder().encodeToString(signer.sign());
		WebhookVerifier verifier = new WebhookVerifier(properties(List.of(), List.of(publicKey)), clock(SENT));
		assertThatCode(() -> verifier.verify(ID, TIMESTAMP, signature, BODY)).doesNotThrowAnyException();
		byte[] tampered = "{\"test\": 1}".getBytes(StandardCharsets.UTF_8);
		assertRejected(() -> verifier.verify(ID, TIMESTAMP, signature, tampered), "no valid signature");
	}

	private static String randomV1() {
		byte[] bytes = new byte[32];
		new java.security.SecureRandom().nextBytes(bytes);
		return "v1," + Base64.getEncoder().encodeToString(bytes);
	}

	private static void assertMalformed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
		assertThatThrownBy(call).isInstanceOfSatisfying(ErrorResponseException.class, (ex) -> {
			assertThat(ex.getStatusCode().value()).isEqualTo(400);
			assertThat(ex.getBody().getType().toString()).isEqualTo("urn:vfbridge:problem:malformed-signature");
			assertThat(ex.getBody().getDetail()).contains(reason);
		});
	}

	private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
		assertThatThrownBy(call).isInstanceOfSatisfying(ErrorResponseException.class, (ex) -> {
			assertThat(ex.getStatusCode().value()).isEqualTo(401);
			assertThat(ex.getBody().getType().toString()).isEqualTo("urn:vfbridge:problem:invalid-signature");
			assertThat(ex.getBody().getDetail()).contains(reason);
		});
	}

	private static WebhookVerifier verifier(Instant now, String... secrets) {
		return new WebhookVerifier(properties(List.of(secrets), List.of()), clock(now));
	}

	static BillingProperties properties(List<String> secrets, List<String> publicKeys) {
		return new BillingProperties(secrets, publicKeys, Duration.ofMinutes(5), DataSize.ofKilobytes(256),
				Duration.ofDays(30), null, null, Duration.ofSeconds(10));
	}

	private static Clock clock(Instant now) {
		return Clock.fixed(now, ZoneOffset.UTC);
	}

}
