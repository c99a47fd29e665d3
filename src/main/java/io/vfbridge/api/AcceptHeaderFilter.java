package io.vfbridge.api;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Under {@code /v1}, an {@code Accept} header that admits no JSON is ignored (HTTP allows
 * that instead of 406): the API only speaks JSON, and a 406 decided after a command was
 * stored would tell billing "not accepted" about an operation that exists, and a 4xx
 * could not be sent as a problem document at all.
 */
final class AcceptHeaderFilter extends OncePerRequestFilter {

	private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

	/**
	 * The request attribute set when {@code Accept} names {@code text/csv}, for the
	 * endpoints that can answer CSV (the header itself is dropped when it admits no
	 * JSON).
	 */
	static final String ACCEPTS_CSV = AcceptHeaderFilter.class.getName() + ".csv";

	private static final MediaType CSV = new MediaType("text", "csv");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/v1/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (accepts(request, CSV)) {
			request.setAttribute(ACCEPTS_CSV, true);
		}
		chain.doFilter(admitsJson(request) ? request : new WithoutAccept(request), response);
	}

	static boolean admitsJson(HttpServletRequest request) {
		Enumeration<String> values = request.getHeaders(HttpHeaders.ACCEPT);
		if (values == null || !values.hasMoreElements()) {
			return true;
		}
		try {
			for (String value : Collections.list(values)) {
				for (MediaType accepted : MediaType.parseMediaTypes(value)) {
					if (JSON.stream().anyMatch(accepted::isCompatibleWith)) {
						return true;
					}
				}
			}
		}
		catch (InvalidMediaTypeException ex) {
			// unreadable: as if absent
		}
		return false;
	}

	private static boolean accepts(HttpServletRequest request, MediaType type) {
		Enumeration<String> values = request.getHeaders(HttpHeaders.ACCEPT);
		if (values == null) {
			return false;
		}
		try {
			for (String value : Collections.list(values)) {
				for (MediaType accepted : MediaType.parseMediaTypes(value)) {
					if (accepted.getType().equals(type.getType()) && accepted.getSubtype().equals(type.getSubtype())) {
						return true;
					}
				}
			}
		}
		catch (InvalidMediaTypeException ex) {
			// unreadable: as if absent
		}
		return false;
	}

	/** The request as if it had no {@code Accept} header (anything is acceptable). */
	private static final class WithoutAccept extends HttpServletRequestWrapper {

		WithoutAccept(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

	}

}
