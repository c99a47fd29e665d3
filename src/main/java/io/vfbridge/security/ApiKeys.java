package io.vfbridge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** Checks presented API keys against the configured hashes, in constant time per key. */
public class ApiKeys {

	private final Map<String, SecurityProperties.ApiKey> keys;

	public ApiKeys(SecurityProperties properties) {
		this.keys = properties.apiKeys();
	}

	/** The principal of a presented key, or empty when no configured key matches. */
	public Optional<ApiPrincipal> authenticate(String presented) {
		if (presented == null || presented.isBlank()) {
			return Optional.empty();
		}
		byte[] hash = sha256(presented);
		ApiPrincipal match = null;
		// every key is compared, so the time taken does not tell which one (or whether
		// one) matched
		for (Map.Entry<String, SecurityProperties.ApiKey> entry : this.keys.entrySet()) {
			byte[] expected = HexFormat.of().parseHex(entry.getValue().sha256().toLowerCase());
			if (MessageDigest.isEqual(hash, expected)) {
				match = new ApiPrincipal(entry.getKey(), entry.getValue().roles());
			}
		}
		return Optional.ofNullable(match);
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
