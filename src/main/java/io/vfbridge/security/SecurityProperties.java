package io.vfbridge.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
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
 * @param rateLimit the REST API's request rate per API key, unless the key sets its own
 * @param failedAuthentication how many wrong API keys one client address may send before
 * it is refused for a while
 * @param encryptionKeys several AES-256 keys (base64 of 32 bytes each) while the
 * encryption key is rotated: the first encrypts, every one decrypts (see
 * docs/secrets-rotation.md); instead of {@code encryptionKey}, never with it
 * @param allowInsecureHttp whether the production profile accepts {@code http://}
 * VirtFusion and callback URLs (a private network, the docker-compose stack)
 * @param allowExampleSecrets whether the production profile accepts the example secrets
 * shipped in the repository (the docker-compose stack only)
 */
@Validated
@ConfigurationProperties("vfbridge.security")
public record SecurityProperties(Map<String, @Valid ApiKey> apiKeys, String encryptionKey,
		@DefaultValue @Valid RateLimit rateLimit, @DefaultValue @Valid FailedAuthentication failedAuthentication,
		List<String> encryptionKeys, boolean allowInsecureHttp, boolean allowExampleSecrets) {

	public SecurityProperties {
		apiKeys = (apiKeys != null) ? Map.copyOf(apiKeys) : Map.of();
		encryptionKeys = (encryptionKeys != null) ? List.copyOf(encryptionKeys) : List.of();
		if (!encryptionKeys.isEmpty() && encryptionKey != null && !encryptionKey.isBlank()) {
			throw new IllegalArgumentException("set vfbridge.security.encryption-keys (the new key first) or "
					+ "vfbridge.security.encryption-key, not both");
		}
		rateLimit = (rateLimit != null) ? rateLimit : new RateLimit(100, Duration.ofSeconds(1));
		failedAuthentication = (failedAuthentication != null) ? failedAuthentication
				: new FailedAuthentication(20, Duration.ofMinutes(1), 10_000);
	}

	/**
	 * The encryption keys, the one that encrypts first: {@code encryptionKeys}, or
	 * {@code encryptionKey} as a list of one; empty when neither is set.
	 */
	public List<String> effectiveEncryptionKeys() {
		if (!this.encryptionKeys.isEmpty()) {
			return this.encryptionKeys;
		}
		return (this.encryptionKey == null || this.encryptionKey.isBlank()) ? List.of() : List.of(this.encryptionKey);
	}

	/** Masks the encryption keys. */
	@Override
	public String toString() {
		return "SecurityProperties[apiKeys=" + this.apiKeys.keySet() + ", encryptionKeys="
				+ effectiveEncryptionKeys().size() + " configured]";
	}

	/**
	 * One API key.
	 *
	 * @param sha256 the lower-case hex SHA-256 of the key
	 * ({@code printf %s "$KEY" | sha256sum})
	 * @param roles what the key may do
	 * @param rateLimit this key's request rate, or null for the default
	 */
	public record ApiKey(@Pattern(regexp = "[0-9a-fA-F]{64}") String sha256, @NotEmpty Set<Role> roles,
			@Valid RateLimit rateLimit) {
	}

	/**
	 * A request rate: at most {@code limitForPeriod} requests per {@code refreshPeriod};
	 * more get 429 with {@code Retry-After}.
	 *
	 * @param limitForPeriod requests allowed per period
	 * @param refreshPeriod the period
	 */
	public record RateLimit(@DefaultValue("100") @Min(1) int limitForPeriod,
			@DefaultValue("1s") @NotNull Duration refreshPeriod) {
	}

	/**
	 * The throttle on wrong API keys, per client address (the remote address: behind a
	 * proxy, configure {@code server.forward-headers-strategy} or Tomcat's
	 * {@code RemoteIpValve} so it is the client's): after {@code limit} failed checks in
	 * a {@code period}, every request with a key from that address is refused with 429
	 * and {@code Retry-After} until the period ends, before the key is checked.
	 *
	 * @param limit failed checks allowed per period and address
	 * @param period the window the failures are counted in
	 * @param maxAddresses addresses tracked at most (the least recently seen are dropped)
	 */
	public record FailedAuthentication(@DefaultValue("20") @Min(1) int limit,
			@DefaultValue("1m") @NotNull Duration period, @DefaultValue("10000") @Min(1) int maxAddresses) {
	}

}
