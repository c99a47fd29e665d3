package io.vfbridge.billing;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.vfbridge.security.Problems;

/**
 * 400: the request is malformed or fields are missing or invalid; each bad field is
 * named.
 */
public class InvalidRequestException extends ErrorResponseException {

	private final List<FieldError> errors;

	InvalidRequestException(List<FieldError> errors) {
		super(HttpStatus.BAD_REQUEST, problem(errors), null);
		this.errors = List.copyOf(errors);
	}

	/** One bad field, e.g. a query parameter of a read. */
	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	private static ProblemDetail problem(List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, (errors.size() == 1)
				? errors.get(0).field() + ": " + errors.get(0).message() : errors.size() + " fields are invalid");
		problem.setType(Problems.type("invalid-request"));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return problem;
	}

	/** The bad fields. */
	public List<FieldError> errors() {
		return this.errors;
	}

	/**
	 * One bad field.
	 *
	 * @param field the dotted path, e.g. {@code data.service.id}
	 * @param message what is wrong with it
	 */
	public record FieldError(String field, String message) {
	}

}
