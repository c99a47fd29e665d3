package io.vfbridge.api;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import io.vfbridge.provisioning.IllegalJobTransitionException;
import io.vfbridge.security.Problems;
import io.vfbridge.virtfusion.UnknownPanelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
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

	@ExceptionHandler(UnknownPanelException.class)
	ResponseEntity<ProblemDetail> unknownPanel(UnknownPanelException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setType(Problems.type("unknown-panel"));
		problem.setTitle("Unknown panel");
		return ResponseEntity.badRequest().body(problem);
	}

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
