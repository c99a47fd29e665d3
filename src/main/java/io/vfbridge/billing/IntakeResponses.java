package io.vfbridge.billing;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The answer to an accepted request: 202 for a new operation, 200 for a repeat, both with
 * its location.
 */
final class IntakeResponses {

	private IntakeResponses() {
	}

	static ResponseEntity<Map<String, Object>> of(IntakeResult result) {
		return ResponseEntity.status(result.repeat() ? HttpStatus.OK : HttpStatus.ACCEPTED)
			.location(URI.create("/v1/operations/" + result.operationId()))
			.body(Map.of("operationId", result.operationId(), "status", result.status()));
	}

}
