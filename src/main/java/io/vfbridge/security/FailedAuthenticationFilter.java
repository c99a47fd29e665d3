package io.vfbridge.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that presents an API key from an address that sent too many wrong
 * ones ({@link FailedAuthentications}) with 429 and {@code Retry-After}, before the key
 * is checked. The address is the connection's remote address: behind a proxy it is the
 * client's only when {@code server.forward-headers-strategy} (or Tomcat's
 * {@code RemoteIpValve}) is configured.
 */
final class FailedAuthenticationFilter extends OncePerRequestFilter {

	private final FailedAuthentications failures;

	private final RequestMatcher authenticated;

	private final SecurityProblems problems;

	FailedAuthenticationFilter(FailedAuthentications failures, RequestMatcher authenticated,
			SecurityProblems problems) {
		this.failures = failures;
		this.authenticated = authenticated;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.authenticated.matches(request) && ApiKeyAuthentication.presentedBy(request) != null) {
			Optional<Duration> wait = this.failures.refusal(request.getRemoteAddr());
			if (wait.isPresent()) {
				this.problems.render(request, response, Problems.tooManyFailedAuthentications(wait.get()));
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
