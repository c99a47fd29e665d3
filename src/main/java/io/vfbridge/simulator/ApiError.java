package io.vfbridge.simulator;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A VirtFusion error answer: the status and the body in the shape the panel uses for it
 * ({@code {"msg": ...}} for 404/409/423, {@code {"errors": [...]}} for 422).
 */
final class ApiError extends RuntimeException {

	private final int status;

	private final @Nullable Object body;

	private ApiError(int status, @Nullable Object body, String message) {
		// Thrown on ordinary paths (404, 422) many times a second under load: no stack
		// trace.
		super(message, null, false, false);
		this.status = status;
		this.body = body;
	}

	static ApiError notFound(String msg) {
		return withMsg(404, msg);
	}

	static ApiError conflict(String msg) {
		return withMsg(409, msg);
	}

	static ApiError locked(String msg) {
		return withMsg(423, msg);
	}

	static ApiError invalid(String error) {
		return invalid(List.of(error));
	}

	static ApiError invalid(List<String> errors) {
		return new ApiError(422, Json.obj("errors", List.copyOf(errors)), String.join("; ", errors));
	}

	static ApiError withMsg(int status, String msg) {
		return new ApiError(status, Json.obj("msg", msg), msg);
	}

	int status() {
		return this.status;
	}

	@Nullable Object body() {
		return this.body;
	}

}
