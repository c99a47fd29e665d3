package io.vfbridge.ops;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the billing event's id ({@code webhook-id}, or the REST {@code Idempotency-Key})
 * into the logging context of every line logged while intake handles it, as
 * {@code eventId}; the job engine does the same for jobs ({@code operationId},
 * {@code serviceId}, {@code customerId}, {@code panel}). Only reads a header: intake
 * stays as fast as it was. An id longer than 255 characters or with control characters
 * never enters the context (intake answers it with 400): a caller cannot make log lines
 * arbitrarily long or forge new ones.
 */
class CorrelationFilter extends OncePerRequestFilter {

	static final String EVENT = "eventId";

	/** The longest id logged, the bound intake enforces on both headers. */
	static final int MAX_LENGTH = 255;

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/v1/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String event = request.getHeader("webhook-id");
		if (event == null) {
			event = request.getHeader("Idempotency-Key");
		}
		if (event == null || !isBounded(event)) {
			chain.doFilter(request, response);
			return;
		}
		MDC.put(EVENT, event);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(EVENT);
		}
	}

	static boolean isBounded(String id) {
		return id.length() <= MAX_LENGTH && id.chars().noneMatch(Character::isISOControl);
	}

}
