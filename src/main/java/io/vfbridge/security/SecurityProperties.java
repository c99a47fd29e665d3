package io.vfbridge.security;

import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * API keys and the encryption key, under {@code vfbridge.security}. Only the SHA-256 of
 * each API key is configured, never the key.
 *
 * @param apiKeys the keys by name (the name appears in logs and audit, the key never
 * does)
 * @param encryptionKey the AES-256 key (base64 of 32 bytes) that encrypts secrets
 * vfbridge keeps for a while, such as a new server's root password until billing has it;
 * from the environment only
 */
@Validated
@ConfigurationProperties("vfbridge.security")
public record SecurityProperties(Map<String, @Valid ApiKey> apiKeys, String encryptionKey) {

	public SecurityProperties {
		apiKeys = (apiKeys != null) ? Map.copyOf(apiKeys) : Map.of();
	}

	/** Masks the encryption key. */
	@Override
	public String toString() {
		return "SecurityProperties[apiKeys=" + this.apiKeys.keySet() + ", encryptionKey="
				+ ((this.encryptionKey != null) ? "******" : "unset") + "]";
	}

	/**
	 * One API key.
	 *
	 * @param sha256 the lower-case hex SHA-256 of the key
	 * ({@code printf %s "$KEY" | sha256sum})
	 * @param roles what the key may do
	 */
	public record ApiKey(@Pattern(regexp = "[0-9a-fA-F]{64}") String sha256, @NotEmpty Set<Role> roles) {
	}

}
