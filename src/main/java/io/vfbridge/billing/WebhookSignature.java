package io.vfbridge.billing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature scheme: the signed content is
 * {@code id.timestamp.body}; {@code v1,<base64 HMAC-SHA256>} with a shared {@code whsec_}
 * secret, or {@code v1a,<base64 ed25519>} with a key pair ({@code whpk_} public key).
 */
final class WebhookSignature {

	static final String SECRET_PREFIX = "whsec_";

	static final String PUBLIC_KEY_PREFIX = "whpk_";

	/**
	 * The most signatures one {@code webhook-signature} header may carry: a sender
	 * rotating keys sends two or three; more only multiplies the work of checking them.
	 */
	static final int MAX_SIGNATURES = 5;

	/** The longest {@code webhook-id} accepted (it is stored and logged). */
	static final int MAX_ID_LENGTH = 255;

	private static final int HMAC_LENGTH = 32;

	private static final int ED25519_SIGNATURE_LENGTH = 64;

	/**
	 * The DER prefix that turns a raw 32-byte ed25519 key into an X.509
	 * SubjectPublicKeyInfo.
	 */
	private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

	private WebhookSignature() {
	}

	/**
	 * One signature of a {@code webhook-signature} header.
	 *
	 * @param version the scheme ({@code v1}, {@code v1a}, or one this verifier does not
	 * know and ignores)
	 * @param bytes the decoded signature
	 */
	record Presented(String version, byte[] bytes) {

		boolean isHmac() {
			return this.version.equals("v1");
		}

		boolean isEd25519() {
			return this.version.equals("v1a");
		}

	}

	/**
	 * Splits and decodes a {@code webhook-signature} header without any cryptography, so
	 * a malformed or oversized header costs nothing to refuse.
	 * @throws IllegalArgumentException naming what is wrong: more than
	 * {@link #MAX_SIGNATURES} entries, an entry without its {@code version,} prefix, one
	 * that is not base64, or a {@code v1}/{@code v1a} signature of the wrong length
	 */
	static List<Presented> parse(String header) {
		String[] entries = header.trim().split(" +");
		if (entries.length > MAX_SIGNATURES) {
			throw new IllegalArgumentException(
					"webhook-signature carries " + entries.length + " signatures; at most " + MAX_SIGNATURES);
		}
		List<Presented> presented = new ArrayList<>(entries.length);
		for (String entry : entries) {
			int comma = entry.indexOf(',');
			if (comma <= 0) {
				throw new IllegalArgumentException("a webhook-signature entry is not of the form <version>,<base64>");
			}
			String version = entry.substring(0, comma);
			byte[] bytes;
			try {
				bytes = Base64.getDecoder().decode(entry.substring(comma + 1));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("a webhook-signature entry is not base64");
			}
			if (version.equals("v1") && bytes.length != HMAC_LENGTH) {
				throw new IllegalArgumentException("a v1 signature has " + HMAC_LENGTH + " bytes");
			}
			if (version.equals("v1a") && bytes.length != ED25519_SIGNATURE_LENGTH) {
				throw new IllegalArgumentException("a v1a signature has " + ED25519_SIGNATURE_LENGTH + " bytes");
			}
			presented.add(new Presented(version, bytes));
		}
		return presented;
	}

	/** The bytes that are signed. */
	static byte[] signedContent(String id, String timestamp, byte[] body) {
		byte[] head = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
		byte[] content = new byte[head.length + body.length];
		System.arraycopy(head, 0, content, 0, head.length);
		System.arraycopy(body, 0, content, head.length, body.length);
		return content;
	}

	/** The raw HMAC key of a {@code whsec_} secret (the prefix is optional). */
	static byte[] secretKey(String secret) {
		String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
		return Base64.getDecoder().decode(encoded);
	}

	/** The {@code v1} signature of the content with the key. */
	static byte[] hmac(byte[] key, byte[] content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(content);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is missing from this JVM", ex);
		}
	}

	/**
	 * The header value {@code v1,<base64>} signing the content with a {@code whsec_}
	 * secret.
	 */
	static String sign(String secret, String id, String timestamp, byte[] body) {
		return "v1," + Base64.getEncoder().encodeToString(hmac(secretKey(secret), signedContent(id, timestamp, body)));
	}

	/**
	 * The ed25519 public key of a {@code whpk_} string: the base64 of either the raw 32
	 * bytes or the DER SubjectPublicKeyInfo that other Standard Webhooks tooling prints.
	 * @throws IllegalArgumentException for anything else
	 */
	static PublicKey publicKey(String key) {
		String encoded = key.startsWith(PUBLIC_KEY_PREFIX) ? key.substring(PUBLIC_KEY_PREFIX.length()) : key;
		byte[] decoded = Base64.getDecoder().decode(encoded);
		byte[] der = decoded;
		if (decoded.length == 32) {
			der = new byte[ED25519_X509_PREFIX.length + decoded.length];
			System.arraycopy(ED25519_X509_PREFIX, 0, der, 0, ED25519_X509_PREFIX.length);
			System.arraycopy(decoded, 0, der, ED25519_X509_PREFIX.length, decoded.length);
		}
		try {
			// the Ed25519 key factory refuses a SubjectPublicKeyInfo of any other
			// algorithm
			return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException(
					"an ed25519 public key is its raw 32 bytes or its DER SubjectPublicKeyInfo, in base64", ex);
		}
	}

	/** Whether the ed25519 signature is valid for the content. */
	static boolean verifyEd25519(PublicKey key, byte[] content, byte[] signature) {
		try {
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(key);
			verifier.update(content);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
