package io.vfbridge.virtfusion;

import java.time.Duration;
import java.time.Instant;

/**
 * One attempt of a VirtFusion call as a {@link VirtFusionCallListener} sees it. The
 * bodies are kept raw (so the caller's thread does no redaction work); read them only
 * through the redacting accessors.
 *
 * @param panel the panel
 * @param operation the operation
 * @param path the path and query actually called, relative to the panel's API base
 * @param status the HTTP status, 0 when no answer arrived
 * @param outcome {@code success}, {@code client_error}, {@code server_error},
 * {@code timeout}, {@code connection_failed}, {@code connection_lost},
 * {@code not_permitted} or {@code invalid_response}
 * @param duration how long the attempt took
 * @param attempt the attempt number within the call, from 1
 * @param startedAt when the attempt started
 * @param requestBody the JSON sent, or null
 * @param responseBody the body received, or null
 */
public record VirtFusionCall(String panel, VirtFusionOperation operation, String path, int status, String outcome,
		Duration duration, int attempt, Instant startedAt, byte[] requestBody, byte[] responseBody) {

	/** The request body with passwords, tokens and keys masked, cut to {@code limit}. */
	public String redactedRequestBody(int limit) {
		return (this.requestBody != null) ? VirtFusionJson.redact(this.requestBody, limit) : null;
	}

	/** The response body with passwords, tokens and keys masked, cut to {@code limit}. */
	public String redactedResponseBody(int limit) {
		return (this.responseBody != null) ? VirtFusionJson.redact(this.responseBody, limit) : null;
	}

	/** Leaves the bodies out, so a call never prints them. */
	@Override
	public String toString() {
		return "VirtFusionCall[panel=" + this.panel + ", operation=" + this.operation.clientMethod() + ", status="
				+ this.status + ", outcome=" + this.outcome + ", attempt=" + this.attempt + "]";
	}

}
