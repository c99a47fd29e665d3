package io.vfbridge.security;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Guards the actuator: the liveness and readiness probes are open (orchestrators call
 * them without credentials), every other actuator endpoint needs an {@code operator} API
 * key. A filter rather than the {@link RequiresRole} interceptor because actuator
 * endpoints are not annotated handlers, and because it must also guard a separate
 * management port. Refusals are rendered by the one exception handler.
 */
class ActuatorAccessFilter extends OncePerRequestFilter {

	private static final Set<Role> OPERATOR = EnumSet.of(Role.OPERATOR);

	private final ApiKeys keys;

	private final String basePath;

	private final Set<String> open;

	private final Supplier<HandlerExceptionResolver> errors;

	ActuatorAccessFilter(ApiKeys keys, String basePath, Supplier<HandlerExceptionResolver> errors) {
		this.keys = keys;
		this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
		this.open = Set.of(this.basePath + "/health/liveness", this.basePath + "/health/readiness");
		this.errors = errors;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = path(request);
		boolean actuator = path.equals(this.basePath) || path.startsWith(this.basePath + "/");
		return !actuator || this.open.contains(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			ApiPrincipal principal = ApiKeyInterceptor.authenticate(this.keys, request);
			if (!principal.hasAnyOf(OPERATOR)) {
				throw Problems.forbidden("the API key '" + principal.name() + "' lacks the role operator");
			}
		}
		catch (ErrorResponseException ex) {
			ModelAndView rendered = this.errors.get().resolveException(request, response, null, ex);
			if (rendered == null) {
				response.sendError(ex.getStatusCode().value());
			}
			return;
		}
		chain.doFilter(request, response);
	}

	private static String path(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		// "/actuator/health/" and "/actuator//health" must not slip past the comparison
		path = path.replaceAll("/{2,}", "/");
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

}
