package io.vfbridge.api;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import io.vfbridge.billing.InvalidRequestException;
import io.vfbridge.provisioning.IllegalJobTransitionException;
import io.vfbridge.security.Problems;
import io.vfbridge.virtfusion.UnknownPanelException;
import io.vfbridge.virtfusion.VirtFusionApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place our API's errors become RFC 9457 {@code application/problem+json}:
 * features throw {@link ErrorResponseException}s with their problem (see
 * {@link Problems}); Spring MVC's own errors (415, 405, 404...) are rendered by the base
 * class; the database being unreachable is 503 with {@code Retry-After}; anything
 * unexpected is a 500 without internals.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/** Seconds a client should wait before retrying while the database is unreachable. */
	static final String DATABASE_RETRY_AFTER = "5";

	/**
	 * Seconds a client should wait before retrying a read while VirtFusion is
	 * unavailable.
	 */
	static final long VIRTFUSION_RETRY_AFTER_SECONDS = 5;

	@ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
			TransientDataAccessException.class, TransactionSystemException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		if (!isDatabaseUnavailable(ex)) {
			return unexpected(ex);
		}
		log.warn("Refusing a request: the database is unavailable ({})", ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"the database is unavailable; nothing was stored, retry later");
		problem.setType(Problems.type("database-unavailable"));
		problem.setTitle("Service unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER)
			.body(problem);
	}

	/**
	 * Whether the failure is the database being unreachable, wherever in the cause chain
	 * it shows: a connection that broke mid-transaction surfaces as a failed rollback, a
	 * full pool as a timeout.
	 */
	static boolean isDatabaseUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SocketException
					|| cause instanceof ConnectException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return true;
			}
			if (cause instanceof SQLException sql && "Connection is closed".equals(sql.getMessage())) {
				return true;
			}
		}
		return false;
	}

	@ExceptionHandler(IllegalJobTransitionException.class)
	ResponseEntity<ProblemDetail> illegalTransition(IllegalJobTransitionException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setType(Problems.type("operation-state-conflict"));
		problem.setTitle("Operation state conflict");
		problem.setProperty("status", ex.status().value());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	/**
	 * A {@code multipart/*} body Spring could not parse: the API takes JSON only (a
	 * finding of the fuzz run: it was a 500).
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> multipart(MultipartException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"send the body as application/json");
		problem.setType(Problems.type("unsupported-media-type"));
		problem.setTitle("Unsupported media type");
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(problem);
	}

	/**
	 * A header value the firewall refuses (a control character), found only when a
	 * handler reads it: 400 like a URL it refuses, nothing echoed.
	 */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<ProblemDetail> requestRejected(RequestRejectedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"the request has a header value that is not allowed");
		problem.setType(Problems.type("request-rejected"));
		problem.setTitle("Bad request");
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(UnknownPanelException.class)
	ResponseEntity<ProblemDetail> unknownPanel(UnknownPanelException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setType(Problems.type("unknown-panel"));
		problem.setTitle("Unknown panel");
		return ResponseEntity.badRequest().body(problem);
	}

	// ---------------------------------------------------------------- reads (branch
	// reads)

	/**
	 * A VirtFusion call of a read failed: its refusal (4xx) is the caller's problem with
	 * VirtFusion's messages; its absence or trouble (5xx, 429, 423, no answer, circuit
	 * open) is 503 with {@code Retry-After}; a rejected token or an unreadable answer is
	 * 502. Never the raw body, never a 500.
	 */
	@ExceptionHandler(VirtFusionApiException.class)
	ResponseEntity<ProblemDetail> virtFusionFailed(VirtFusionApiException ex) {
		HttpStatus status;
		String name;
		String title;
		if (ex.failure() == VirtFusionApiException.Failure.INVALID_RESPONSE) {
			status = HttpStatus.BAD_GATEWAY;
			name = "virtfusion-bad-response";
			title = "VirtFusion sent an unreadable answer";
		}
		else if (ex.isAuthenticationFailure()) {
			status = HttpStatus.BAD_GATEWAY;
			name = "virtfusion-unavailable";
			title = "VirtFusion refused vfbridge's token";
		}
		else if (ex.isRetryable()) {
			status = HttpStatus.SERVICE_UNAVAILABLE;
			name = "virtfusion-unavailable";
			title = "VirtFusion is unavailable";
		}
		else if (ex.isNotFound()) {
			status = HttpStatus.NOT_FOUND;
			name = "virtfusion-not-found";
			title = "Not found in VirtFusion";
		}
		else if (ex.status() == HttpStatus.CONFLICT.value()) {
			status = HttpStatus.CONFLICT;
			name = "virtfusion-conflict";
			title = "VirtFusion reports a conflict";
		}
		else {
			status = HttpStatus.UNPROCESSABLE_CONTENT;
			name = "virtfusion-rejected";
			title = "VirtFusion refused the request";
		}
		if (status.is5xxServerError()) {
			log.warn("A read failed in VirtFusion: {}", ex.getMessage());
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"VirtFusion " + ex.operation().clientMethod() + " on panel '" + ex.panel() + "' failed: " + ex.error());
		problem.setType(Problems.type(name));
		problem.setTitle(title);
		problem.setProperty("operation", ex.operation().clientMethod());
		problem.setProperty("virtfusionStatus", ex.status());
		problem.setProperty("virtfusionErrors", ex.errors());
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			answer.header(HttpHeaders.RETRY_AFTER,
					Long.toString(ex.retryAfter()
						.map((wait) -> Math.max(1, wait.toSeconds()))
						.orElse(VIRTFUSION_RETRY_AFTER_SECONDS)));
		}
		return answer.body(problem);
	}

	/** A path or query parameter of the wrong type: 400 naming it. */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		String expected = (ex.getRequiredType() != null)
				? ex.getRequiredType().getSimpleName().toLowerCase(java.util.Locale.ROOT) : "another type";
		return invalidField(field, "'" + ex.getValue() + "' is not a valid " + expected);
	}

	/** A required query parameter is missing: 400 naming it. */
	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return invalidField(ex.getParameterName(), "is required");
	}

	private static ResponseEntity<Object> invalidField(String field, String message) {
		InvalidRequestException invalid = new InvalidRequestException(field, message);
		return ResponseEntity.status(invalid.getStatusCode()).body(invalid.getBody());
	}

	// ---------------------------------------------------------------- end of reads

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		if (isDatabaseUnavailable(ex)) {
			return databaseUnavailable(ex);
		}
		log.error("Unexpected error", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"an unexpected error occurred; it has been logged");
		problem.setType(Problems.type("internal-error"));
		problem.setTitle("Internal error");
		return ResponseEntity.internalServerError().body(problem);
	}

}
