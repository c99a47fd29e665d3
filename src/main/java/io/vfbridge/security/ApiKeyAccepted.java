package io.vfbridge.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * What follows a valid API key: the key's request rate is taken (over it: 429 with
 * {@code Retry-After}, before any role is checked), and the {@link ApiPrincipal} is put
 * in the request attribute {@link ApiPrincipal#ATTRIBUTE} for the handlers.
 */
final class ApiKeyAccepted implements AuthenticationSuccessHandler {

	private final ApiRateLimits rateLimits;

	private final ApplicationEventPublisher events;

	private final SecurityProblems problems;

	ApiKeyAccepted(ApiRateLimits rateLimits, ApplicationEventPublisher events, SecurityProblems problems) {
		this.rateLimits = rateLimits;
		this.events = events;
		this.problems = problems;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			Authentication authentication) throws IOException, ServletException {
		ApiPrincipal principal = ((ApiKeyAuthentication) authentication).getPrincipal();
		Optional<Duration> wait = this.rateLimits.acquire(principal.name());
		if (wait.isPresent()) {
			this.events.publishEvent(new ApiKeyThrottled(principal.name()));
			this.problems.render(request, response, Problems.tooManyRequests(wait.get()));
			return;
		}
		request.setAttribute(ApiPrincipal.ATTRIBUTE, principal);
		chain.doFilter(request, response);
	}

	/** Not used: the filter chain variant above decides whether the request goes on. */
	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) {
		throw new UnsupportedOperationException("only used inside the security filter chain");
	}

}
