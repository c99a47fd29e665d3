package io.vfbridge.billing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code whpk_} public keys: the raw 32-byte form and the DER SubjectPublicKeyInfo
 * form are the same key. The vectors were made with the JDK's Ed25519
 * {@code KeyPairGenerator}; the raw key is the last 32 bytes of the X.509 encoding.
 */
class WebhookSignatureTests {

	static final String RAW_KEY = "whpk_wIjeJi9YV0qCuGm5Tp0t5W4TRfNZUZEiD4f4JHuMddM=";

	static final String DER_KEY = "whpk_MCowBQYDK2VwAyEAwIjeJi9YV0qCuGm5Tp0t5W4TRfNZUZEiD4f4JHuMddM=";

	static final byte[] CONTENT = WebhookSignature.signedContent("msg_vector", "1700000000",
			"{\"type\":\"service.suspend\"}".getBytes(StandardCharsets.UTF_8));

	static final byte[] SIGNATURE = Base64.getDecoder()
		.decode("2ARM3knYvmy6zpNNngnsov0fC04rdqNl6c3UMNBwGWENc9viBK6CR66znvV4iu4b2RiOEo9lMHroHG8cFU1wCg==");

	@Test
	void verifiesTheVectorWithTheRawKey() {
		PublicKey key = WebhookSignature.publicKey(RAW_KEY);
		assertThat(WebhookSignature.verifyEd25519(key, CONTENT, SIGNATURE)).isTrue();
	}

	@Test
	void verifiesTheVectorWithTheDerKey() {
		PublicKey key = WebhookSignature.publicKey(DER_KEY);
		assertThat(WebhookSignature.verifyEd25519(key, CONTENT, SIGNATURE)).isTrue();
		assertThat(key.getEncoded()).isEqualTo(WebhookSignature.publicKey(RAW_KEY).getEncoded());
	}

	@Test
	void refusesTheVectorWhenTheContentChanges() {
		byte[] other = WebhookSignature.signedContent("msg_vector", "1700000001",
				"{\"type\":\"service.suspend\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(WebhookSignature.verifyEd25519(WebhookSignature.publicKey(DER_KEY), other, SIGNATURE)).isFalse();
	}

	@Test
	void readsBothEncodingsOfAFreshKeyAsTheSameKey() throws Exception {
		KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		byte[] der = pair.getPublic().getEncoded();
		byte[] raw = Arrays.copyOfRange(der, der.length - 32, der.length);
		PublicKey fromRaw = WebhookSignature.publicKey("whpk_" + Base64.getEncoder().encodeToString(raw));
		PublicKey fromDer = WebhookSignature.publicKey("whpk_" + Base64.getEncoder().encodeToString(der));
		assertThat(fromRaw.getEncoded()).isEqualTo(der);
		assertThat(fromDer.getEncoded()).isEqualTo(der);
	}

	@Test
	void refusesKeysOfAnotherLengthOrAlgorithm() throws Exception {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebhookSignature.publicKey("whpk_" + Base64.getEncoder().encodeToString(new byte[31])));
		byte[] rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebhookSignature.publicKey("whpk_" + Base64.getEncoder().encodeToString(rsa)));
		byte[] x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebhookSignature.publicKey("whpk_" + Base64.getEncoder().encodeToString(x25519)));
	}

}
