package io.vfbridge.security;

import java.util.Set;

/**
 * The caller behind an API key.
 *
 * @param name the key's configured name
 * @param roles what it may do
 */
public record ApiPrincipal(String name, Set<Role> roles) {

	/** The request attribute holding the principal of an authenticated request. */
	public static final String ATTRIBUTE = ApiPrincipal.class.getName();

	public ApiPrincipal {
		roles = Set.copyOf(roles);
	}

	/** Whether the key has any of the roles; operators may do everything. */
	public boolean hasAnyOf(Set<Role> wanted) {
		return this.roles.contains(Role.OPERATOR) || wanted.stream().anyMatch(this.roles::contains);
	}

}
