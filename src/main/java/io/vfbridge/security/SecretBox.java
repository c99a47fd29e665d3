package io.vfbridge.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets vfbridge must keep for a while (a root password until billing
 * has it), with any number of keys so the key can be rotated: the first key seals, every
 * key opens.
 * <p>
 * A sealed secret is {@code 0x01 | key id (4 bytes) | nonce (12 bytes) | ciphertext and
 * tag}: the key id (the first 4 bytes of the SHA-256 of the key) picks the key that opens
 * it, and the header is authenticated with the ciphertext. Secrets sealed before key ids
 * existed ({@code nonce | ciphertext and tag}) still open with whichever configured key
 * sealed them. Each seal has a fresh 96-bit nonce; the authentication tag makes any
 * tampering an error.
 */
public final class SecretBox {

	private static final byte VERSION = 1;

	private static final int KEY_ID_BYTES = 4;

	private static final int HEADER_BYTES = 1 + KEY_ID_BYTES;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final List<Key> keys;

	private final SecureRandom random = new SecureRandom();

	/** A box for one base64 key of 32 bytes. */
	public SecretBox(String base64Key) {
		this(List.of(base64Key));
	}

	/**
	 * A box for base64 keys of 32 bytes each: the first seals, all open.
	 * @throws IllegalArgumentException if there is none, one is not base64 of 32 bytes,
	 * or two share a key id
	 */
	public SecretBox(List<String> base64Keys) {
		if (base64Keys.isEmpty()) {
			throw new IllegalArgumentException("vfbridge.security.encryption-keys needs at least one key");
		}
		List<Key> parsed = new ArrayList<>();
		for (String base64Key : base64Keys) {
			Key key = Key.of(base64Key);
			if (parsed.stream().anyMatch((other) -> Arrays.equals(other.id(), key.id()))) {
				throw new IllegalArgumentException("vfbridge.security.encryption-keys lists the same key twice");
			}
			parsed.add(key);
		}
		this.keys = List.copyOf(parsed);
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

	/** Encrypts a secret with the first key. */
	public byte[] seal(String secret) {
		Key key = this.keys.get(0);
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		byte[] header = ByteBuffer.allocate(HEADER_BYTES).put(VERSION).put(key.id()).array();
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(header);
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(HEADER_BYTES + NONCE_BYTES + sealed.length)
				.put(header)
				.put(nonce)
				.put(sealed)
				.array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM failed", ex);
		}
	}

	/**
	 * Decrypts a sealed secret with the key its id names, or, for a secret sealed without
	 * a key id, with each configured key in turn.
	 * @throws IllegalArgumentException if it was tampered with or sealed with a key that
	 * is no longer configured
	 */
	public String open(byte[] sealed) {
		if (sealed.length <= NONCE_BYTES) {
			throw new IllegalArgumentException("not a sealed secret");
		}
		if (sealed[0] == VERSION && sealed.length > HEADER_BYTES + NONCE_BYTES) {
			byte[] id = Arrays.copyOfRange(sealed, 1, HEADER_BYTES);
			for (Key key : this.keys) {
				if (Arrays.equals(key.id(), id)) {
					try {
						return decrypt(key, sealed, HEADER_BYTES);
					}
					catch (AEADBadTagException ex) {
						// a secret sealed without key id whose random nonce happens to
						// look like this header: tried below
						break;
					}
				}
			}
		}
		for (Key key : this.keys) {
			try {
				return decrypt(key, sealed, 0);
			}
			catch (AEADBadTagException ex) {
				// sealed with another key (or tampered with): try the next
			}
		}
		throw new IllegalArgumentException(
				"the secret was tampered with or sealed with a key that is not among vfbridge.security.encryption-keys");
	}

	private static String decrypt(Key key, byte[] sealed, int headerLength) throws AEADBadTagException {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key.secret(),
					new GCMParameterSpec(TAG_BITS, sealed, headerLength, NONCE_BYTES));
			if (headerLength > 0) {
				cipher.updateAAD(sealed, 0, headerLength);
			}
			int start = headerLength + NONCE_BYTES;
			return new String(cipher.doFinal(sealed, start, sealed.length - start), StandardCharsets.UTF_8);
		}
		catch (AEADBadTagException ex) {
			throw ex;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM failed", ex);
		}
	}

	/** One key and its id. */
	private record Key(SecretKey secret, byte[] id) {

		static Key of(String base64Key) {
			byte[] raw;
			try {
				raw = Base64.getDecoder().decode(base64Key.trim());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("vfbridge.security.encryption-key must be base64");
			}
			if (raw.length != 32) {
				throw new IllegalArgumentException(
						"vfbridge.security.encryption-key must be 32 bytes (AES-256), base64");
			}
			return new Key(new SecretKeySpec(raw, "AES"), Arrays.copyOf(sha256(raw), KEY_ID_BYTES));
		}

		private static byte[] sha256(byte[] raw) {
			try {
				return MessageDigest.getInstance("SHA-256").digest(raw);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
