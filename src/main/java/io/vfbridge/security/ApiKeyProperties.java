package io.vfbridge.security;

import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * API keys, under {@code vfbridge.security}: only the SHA-256 of each key is configured,
 * never the key.
 *
 * @param apiKeys the keys by name (the name appears in logs and audit, the key never
 * does)
 */
@Validated
@ConfigurationProperties("vfbridge.security")
public record ApiKeyProperties(Map<String, @Valid ApiKey> apiKeys) {

	public ApiKeyProperties {
		apiKeys = (apiKeys != null) ? Map.copyOf(apiKeys) : Map.of();
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
