package io.vfbridge.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets vfbridge must keep for a while (a root password until billing
 * has it): each seal has a fresh 96-bit nonce stored in front of the ciphertext, and the
 * authentication tag makes any tampering an error.
 */
public final class SecretBox {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	/** A box for a base64 key of 32 bytes. */
	public SecretBox(String base64Key) {
		byte[] raw;
		try {
			raw = Base64.getDecoder().decode(base64Key.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("vfbridge.security.encryption-key must be base64");
		}
		if (raw.length != 32) {
			throw new IllegalArgumentException("vfbridge.security.encryption-key must be 32 bytes (AES-256), base64");
		}
		this.key = new SecretKeySpec(raw, "AES");
	}

	/**
	 * A box with a random key that lives as long as this process (local runs and tests
	 * only).
	 */
	public static SecretBox ephemeral() {
		byte[] raw = new byte[32];
		new SecureRandom().nextBytes(raw);
		return new SecretBox(Base64.getEncoder().encodeToString(raw));
	}

	/** Encrypts a secret. */
	public byte[] seal(String secret) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM failed", ex);
		}
	}

	/**
	 * Decrypts a sealed secret.
	 * @throws IllegalArgumentException if it was tampered with or sealed with another key
	 */
	public String open(byte[] sealed) {
		if (sealed.length <= NONCE_BYTES) {
			throw new IllegalArgumentException("not a sealed secret");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
			return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (javax.crypto.AEADBadTagException ex) {
			throw new IllegalArgumentException("the secret was tampered with or sealed with another key");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM failed", ex);
		}
	}

}
