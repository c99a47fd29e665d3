package io.vfbridge.security;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Builds RFC 9457 problems with a stable {@code type} per error
 * ({@code urn:vfbridge:problem:<name>}), thrown as {@link ErrorResponseException} by any
 * feature and rendered by the one exception handler.
 */
public final class Problems {

	private static final String PREFIX = "urn:vfbridge:problem:";

	private Problems() {
	}

	/** The type URI of a named problem. */
	public static URI type(String name) {
		return URI.create(PREFIX + name);
	}

	/** A problem to throw. */
	public static ErrorResponseException problem(HttpStatusCode status, String name, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(name));
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

	/** 401: no or an unknown API key. */
	public static ErrorResponseException unauthenticated(String detail) {
		ErrorResponseException ex = problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
				detail);
		ex.getHeaders().set("WWW-Authenticate", "Bearer");
		return ex;
	}

	/** 429: the API key went over its request rate; {@code Retry-After} in seconds. */
	public static ErrorResponseException tooManyRequests(java.time.Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		ErrorResponseException ex = problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
				"this API key is over its request rate; retry after " + seconds + " s");
		ex.getHeaders().set("Retry-After", Long.toString(seconds));
		return ex;
	}

	/**
	 * 429: the client address sent too many wrong API keys; {@code Retry-After} in
	 * seconds.
	 */
	public static ErrorResponseException tooManyFailedAuthentications(java.time.Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		ErrorResponseException ex = problem(HttpStatus.TOO_MANY_REQUESTS, "authentication-throttled",
				"Too many failed authentications",
				"too many wrong API keys came from this address; retry after " + seconds + " s");
		ex.getHeaders().set("Retry-After", Long.toString(seconds));
		return ex;
	}

	/** 403: a known key without the role. */
	public static ErrorResponseException forbidden(String detail) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail);
	}

}
