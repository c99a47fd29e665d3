package io.vfbridge.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API key presented as {@code Authorization: Bearer <key>} and, once checked, the
 * {@link ApiPrincipal} behind it, with its roles as {@code ROLE_<NAME>} authorities.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private static final String BEARER = "Bearer ";

	private final String presented;

	private final ApiPrincipal principal;

	private ApiKeyAuthentication(String presented, ApiPrincipal principal, List<GrantedAuthority> authorities) {
		super(authorities);
		this.presented = presented;
		this.principal = principal;
		setAuthenticated(principal != null);
	}

	/** The key a request presents, or null when it sends no bearer key. */
	static ApiKeyAuthentication presentedBy(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		return new ApiKeyAuthentication(header.substring(BEARER.length()).trim(), null, List.of());
	}

	/** A checked key: its principal and its roles as authorities. */
	static ApiKeyAuthentication of(ApiPrincipal principal) {
		return new ApiKeyAuthentication(null, principal,
				principal.roles().stream().map(ApiKeyAuthentication::authority).toList());
	}

	/** The authority of a role, as {@code hasRole} expects it. */
	static GrantedAuthority authority(Role role) {
		return new SimpleGrantedAuthority("ROLE_" + role.name());
	}

	/** The presented key before the check, null after (the key is never kept). */
	@Override
	public String getCredentials() {
		return this.presented;
	}

	/** The principal once checked, else null. */
	@Override
	public ApiPrincipal getPrincipal() {
		return this.principal;
	}

	@Override
	public String getName() {
		return (this.principal != null) ? this.principal.name() : "";
	}

}
