package io.vfbridge.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Checks a presented API key against the configured SHA-256 hashes ({@link ApiKeys}:
 * every key compared, in constant time).
 */
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

	private final ApiKeys keys;

	ApiKeyAuthenticationProvider(ApiKeys keys) {
		this.keys = keys;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String presented = ((ApiKeyAuthentication) authentication).getCredentials();
		return this.keys.authenticate(presented)
			.map(ApiKeyAuthentication::of)
			.orElseThrow(() -> new BadCredentialsException("the API key is not valid"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiKeyAuthentication.class.isAssignableFrom(authentication);
	}

}
