package io.vfbridge.virtfusion;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one failure of a VirtFusion call: the operation, the HTTP status (0 when no answer
 * arrived), the error VirtFusion sent ({@code errors}, {@code msg} or {@code message}),
 * and a redacted, truncated copy of the raw body. The message never contains the token, a
 * password or a request body.
 */
public class VirtFusionApiException extends RuntimeException {

	private final String panel;

	private final VirtFusionOperation operation;

	private final int status;

	private final Failure failure;

	private final List<String> errors;

	private final String rawBody;

	private final Duration retryAfter;

	VirtFusionApiException(String panel, VirtFusionOperation operation, int status, Failure failure,
			List<String> errors, String rawBody, Duration retryAfter, Throwable cause) {
		super(describe(panel, operation, status, failure, errors), cause);
		this.panel = panel;
		this.operation = operation;
		this.status = status;
		this.failure = failure;
		this.errors = errors.stream().map(Redaction::text).toList();
		this.rawBody = rawBody;
		this.retryAfter = retryAfter;
	}

	private static String describe(String panel, VirtFusionOperation operation, int status, Failure failure,
			List<String> errors) {
		StringBuilder text = new StringBuilder("VirtFusion ").append(operation.clientMethod())
			.append(" on panel '")
			.append(panel)
			.append("' failed: ");
		if (failure == Failure.HTTP_STATUS) {
			text.append("HTTP ").append(status);
		}
		else {
			text.append(failure.description);
		}
		if (!errors.isEmpty()) {
			text.append(": ").append(Redaction.text(String.join("; ", errors)));
		}
		return text.toString();
	}

	/** The panel the call went to. */
	public String panel() {
		return this.panel;
	}

	/** The operation that failed. */
	public VirtFusionOperation operation() {
		return this.operation;
	}

	/**
	 * The HTTP status, or 0 when no answer arrived (timeout, connection failure, call not
	 * permitted).
	 */
	public int status() {
		return this.status;
	}

	/** What kind of failure this is. */
	public Failure failure() {
		return this.failure;
	}

	/** The error messages VirtFusion sent, flattened; empty when it sent none. */
	public List<String> errors() {
		return this.errors;
	}

	/**
	 * The errors joined into one line, or the failure's description when VirtFusion sent
	 * none.
	 */
	public String error() {
		return this.errors.isEmpty()
				? (this.failure == Failure.HTTP_STATUS ? "HTTP " + this.status : this.failure.description)
				: String.join("; ", this.errors);
	}

	/**
	 * The response body, redacted (passwords, tokens) and truncated; empty when there was
	 * none.
	 */
	public String rawBody() {
		return this.rawBody;
	}

	/** The delay VirtFusion asked for with {@code Retry-After} (429, 503), if any. */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	/** 404: the thing does not exist (or no longer exists). */
	public boolean isNotFound() {
		return this.status == 404;
	}

	/**
	 * 423: the server is locked by a running task (a build, for example); try again
	 * later.
	 */
	public boolean isLocked() {
		return this.status == 423;
	}

	/** 401 or 403: the token is wrong, expired, or lacks a permission. */
	public boolean isAuthenticationFailure() {
		return this.status == 401 || this.status == 403;
	}

	/**
	 * Whether trying the same operation again later may succeed: no answer, 408, 423, 429
	 * and 5xx. Other 4xx answers are final: VirtFusion has said no. Note that a retryable
	 * failure of a non-idempotent operation may still have taken effect (see
	 * {@link #mayHaveReachedVirtFusion()}).
	 */
	public boolean isRetryable() {
		return switch (this.failure) {
			case HTTP_STATUS -> this.status == 408 || this.status == 423 || this.status == 429 || this.status >= 500;
			case INVALID_RESPONSE -> false;
			default -> true;
		};
	}

	/**
	 * Whether VirtFusion may have received and acted on the request. False only when it
	 * provably never left vfbridge: the connection could not be opened, or the call was
	 * refused locally (circuit open, rate limit, bulkhead).
	 */
	public boolean mayHaveReachedVirtFusion() {
		return !this.failure.neverSent;
	}

	/**
	 * Whether vfbridge itself held the call back (circuit open, rate limit, bulkhead):
	 * VirtFusion never saw it, and the failure says nothing about the request.
	 */
	public boolean isRefusedLocally() {
		return this.failure == Failure.CIRCUIT_OPEN || this.failure == Failure.RATE_LIMITED
				|| this.failure == Failure.BULKHEAD_FULL;
	}

	/**
	 * Whether this failure says something about VirtFusion's health (counted by the
	 * circuit breaker).
	 */
	boolean isServerSideFailure() {
		return switch (this.failure) {
			case HTTP_STATUS -> this.status >= 500;
			case TIMEOUT, CONNECTION_FAILED, CONNECTION_LOST -> true;
			default -> false;
		};
	}

	/** The kinds of failure. */
	public enum Failure {

		/** VirtFusion answered with a non-2xx status. */
		HTTP_STATUS("HTTP error", false),

		/** No answer within the response timeout; the request may have been processed. */
		TIMEOUT("no answer within the response timeout", false),

		/**
		 * The connection could not be opened (refused, connect timeout, unknown host):
		 * never sent.
		 */
		CONNECTION_FAILED("connection failed", true),

		/**
		 * The connection broke after the request was sent; it may have been processed.
		 */
		CONNECTION_LOST("connection lost before the answer", false),

		/** The circuit breaker is open: the call was not made. */
		CIRCUIT_OPEN("circuit breaker open", true),

		/**
		 * vfbridge's own rate limit for this panel was exhausted: the call was not made.
		 */
		RATE_LIMITED("local rate limit exhausted", true),

		/** Too many concurrent calls to this panel: the call was not made. */
		BULKHEAD_FULL("too many concurrent calls", true),

		/** VirtFusion answered 2xx with a body that could not be read. */
		INVALID_RESPONSE("unreadable response", false);

		private final String description;

		private final boolean neverSent;

		Failure(String description, boolean neverSent) {
			this.description = description;
			this.neverSent = neverSent;
		}

	}

}
