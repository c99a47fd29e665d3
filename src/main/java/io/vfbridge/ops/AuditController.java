package io.vfbridge.ops;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.vfbridge.security.Problems;
import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit of VirtFusion calls, per billing service, for operators. */
@RestController
class AuditController {

	private final JdbcTemplate jdbc;

	AuditController(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One recorded attempt of a VirtFusion call.
	 *
	 * @param calledAt when the attempt started
	 * @param panel the panel
	 * @param operation the client operation ({@code createServer}, …)
	 * @param method the HTTP method
	 * @param path the path and query called
	 * @param status the HTTP status, 0 when no answer arrived
	 * @param outcome success, client_error, server_error, timeout, connection_failed,
	 * connection_lost, not_permitted or invalid_response
	 * @param durationMs how long it took
	 * @param attempt the attempt within the call, from 1
	 * @param operationId the vfbridge operation (job) it was made for
	 * @param requestBody the JSON sent, secrets masked, truncated
	 * @param responseBody the body received, secrets masked, truncated
	 */
	record CallView(Instant calledAt, String panel, String operation, String method, String path, int status,
			String outcome, int durationMs, int attempt, UUID operationId, String requestBody, String responseBody) {
	}

	@GetMapping("/v1/ops/services/{serviceId}/calls")
	@RequiresRole(Role.OPERATOR)
	List<CallView> calls(@PathVariable String serviceId, @RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > 1000) {
			throw Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
					"limit must be between 1 and 1000");
		}
		return this.jdbc.query("""
				select called_at, panel, operation, method, path, status, outcome, duration_ms, attempt, operation_id,
				       request_body, response_body
				from virtfusion_call_audit where service_id = ? order by called_at desc, id desc limit ?
				""",
				(row, n) -> new CallView(row.getTimestamp(1).toInstant(), row.getString(2), row.getString(3),
						row.getString(4), row.getString(5), row.getInt(6), row.getString(7), row.getInt(8),
						row.getInt(9), row.getObject(10, UUID.class), row.getString(11), row.getString(12)),
				serviceId, limit);
	}

}
