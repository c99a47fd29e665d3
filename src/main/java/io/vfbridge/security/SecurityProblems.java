package io.vfbridge.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring Security's refusals as the API's problems: 401 (no key), 403 (a key without the
 * role) and 429 are handed to the one exception handler, so they render like every other
 * error; a URL the firewall rejects is a fixed 400 problem that echoes nothing.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	private static final String REJECTED = """
			{"type":"urn:vfbridge:problem:request-rejected","title":"Bad request","status":400,\
			"detail":"the request URL is not allowed (an encoded slash, dot or percent, a ';' parameter, \
			a '//' or '..' segment, or a character outside printable ASCII)"}""";

	private final Supplier<HandlerExceptionResolver> errors;

	SecurityProblems(Supplier<HandlerExceptionResolver> errors) {
		this.errors = errors;
	}

	/** 401: the request sent no API key where one is needed. */
	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		render(request, response, Problems.unauthenticated("send an API key as 'Authorization: Bearer <key>'"));
	}

	/** 403: a valid key without the role. */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		String name = (caller != null) ? caller.getName() : "";
		String detail = "the API key '" + name + "' may not call this endpoint";
		if (denied instanceof AuthorizationDeniedException authorization
				&& authorization.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision) {
			detail = "the API key '" + name + "' lacks the role " + roles(decision.getAuthorities());
		}
		render(request, response, Problems.forbidden(detail));
	}

	/** 400: the firewall refused the URL (before any servlet saw it). */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		response.resetBuffer();
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(REJECTED);
		response.flushBuffer();
	}

	/** Renders a problem through the one exception handler. */
	void render(HttpServletRequest request, HttpServletResponse response, ErrorResponseException problem)
			throws IOException {
		ModelAndView rendered = this.errors.get().resolveException(request, response, null, problem);
		if (rendered == null) {
			response.sendError(problem.getStatusCode().value());
		}
	}

	/** The roles of the required authorities, the implied operator named only alone. */
	private static String roles(Collection<GrantedAuthority> authorities) {
		String wanted = authorities.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority != null && authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()).toLowerCase(Locale.ROOT))
			.filter((role) -> !role.equals(Role.OPERATOR.value()))
			.sorted()
			.collect(Collectors.joining(" or "));
		return wanted.isEmpty() ? Role.OPERATOR.value() : wanted;
	}

}
