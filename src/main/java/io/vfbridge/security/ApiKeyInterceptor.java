package io.vfbridge.security;

import java.util.Arrays;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link RequiresRole}: {@code Authorization: Bearer <key>} must name a
 * configured key (else 401) within its request rate (else 429 with {@code Retry-After})
 * with one of the roles (else 403). Handlers without the annotation are left alone (the
 * signed webhook authenticates by signature).
 */
class ApiKeyInterceptor implements HandlerInterceptor {

	private static final String BEARER = "Bearer ";

	private final ApiKeys keys;

	private final ApiRateLimits rateLimits;

	private final ApplicationEventPublisher events;

	ApiKeyInterceptor(ApiKeys keys, ApiRateLimits rateLimits, ApplicationEventPublisher events) {
		this.keys = keys;
		this.rateLimits = rateLimits;
		this.events = events;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		RequiresRole required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresRole.class);
		if (required == null) {
			required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresRole.class);
		}
		if (required == null) {
			return true;
		}
		ApiPrincipal principal = authenticate(this.keys, request);
		Optional<Duration> wait = this.rateLimits.acquire(principal.name());
		if (wait.isPresent()) {
			this.events.publishEvent(new ApiKeyThrottled(principal.name()));
			throw Problems.tooManyRequests(wait.get());
		}
		Set<Role> wanted = EnumSet.copyOf(Arrays.asList(required.value()));
		if (!principal.hasAnyOf(wanted)) {
			throw Problems.forbidden("the API key '" + principal.name() + "' lacks the role "
					+ wanted.stream().map(Role::value).collect(Collectors.joining(" or ")));
		}
		request.setAttribute(ApiPrincipal.ATTRIBUTE, principal);
		return true;
	}

	/**
	 * The principal of the request's {@code Authorization: Bearer} key.
	 * @throws org.springframework.web.ErrorResponseException 401 when there is no key or
	 * an unknown one
	 */
	static ApiPrincipal authenticate(ApiKeys keys, HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			throw Problems.unauthenticated("send an API key as 'Authorization: Bearer <key>'");
		}
		return keys.authenticate(header.substring(BEARER.length()).trim())
			.orElseThrow(() -> Problems.unauthenticated("the API key is not valid"));
	}

}
