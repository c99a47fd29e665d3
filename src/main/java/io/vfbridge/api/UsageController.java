package io.vfbridge.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vfbridge.provisioning.ServiceUsage;
import io.vfbridge.provisioning.UsageStore;
import io.vfbridge.provisioning.UsageSync;
import io.vfbridge.security.Problems;
import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The usage vfbridge pulls from VirtFusion (traffic per period, disk), with each
 * service's last sync and its error, for billing; operators can start a sync.
 */
@RestController
class UsageController {

	private static final int DEFAULT_PAGE = 100;

	private static final int MAX_PAGE = 1000;

	private static final String CURSOR_PREFIX = "usage1:";

	private final UsageStore store;

	private final UsageSync sync;

	UsageController(UsageStore store, UsageSync sync) {
		this.store = store;
		this.sync = sync;
	}

	/** A service's usage, every period newest first, and how its last sync went. */
	@GetMapping("/v1/services/{serviceId}/usage")
	@RequiresRole(Role.BILLING)
	ServiceUsage serviceUsage(@PathVariable String serviceId) {
		return this.store.forService(serviceId)
			.orElseThrow(() -> Problems.problem(HttpStatus.NOT_FOUND, "service-not-found", "Service not found",
					"vfbridge knows no service " + serviceId));
	}

	/**
	 * The services synced at or after {@code since} (ISO-8601; all when absent), with
	 * their current period, a page of {@code limit} (1 to 1000, 100 by default) at a time
	 * in order of service id; {@code nextCursor} (opaque, null on the last page) asks for
	 * the next page with the same {@code since}.
	 */
	@GetMapping("/v1/usage")
	@RequiresRole(Role.BILLING)
	Map<String, Object> usage(@RequestParam(required = false) String since,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
		int size = pageSize(limit);
		String after = (cursor != null) ? afterServiceId(cursor) : null;
		Instant from = Instant.EPOCH;
		if (since != null) {
			try {
				from = OffsetDateTime.parse(since).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw invalid("since", "must be an ISO-8601 date-time such as 2026-11-26T10:00:00Z");
			}
		}
		List<ServiceUsage> page = this.store.syncedSince(from, after, size + 1);
		List<ServiceUsage> services = page.subList(0, Math.min(size, page.size()));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("since", from.toString());
		body.put("services", services);
		body.put("nextCursor",
				(page.size() > size) ? cursorAfter(services.get(services.size() - 1).serviceId()) : null);
		return body;
	}

	private static int pageSize(String limit) {
		if (limit == null) {
			return DEFAULT_PAGE;
		}
		try {
			int size = Integer.parseInt(limit.trim());
			if (size >= 1 && size <= MAX_PAGE) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw invalid("limit", "must be a whole number from 1 to " + MAX_PAGE);
	}

	/** The opaque cursor after a service: its id, versioned and base64url-encoded. */
	static String cursorAfter(String serviceId) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((CURSOR_PREFIX + serviceId).getBytes(StandardCharsets.UTF_8));
	}

	private static String afterServiceId(String cursor) {
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
			if (decoded.startsWith(CURSOR_PREFIX) && decoded.length() > CURSOR_PREFIX.length()) {
				return decoded.substring(CURSOR_PREFIX.length());
			}
		}
		catch (IllegalArgumentException ex) {
			// answered below
		}
		throw invalid("cursor", "is not a cursor this API returned (use nextCursor as it is)");
	}

	/** Starts a usage sync now (operators), after any run already queued or running. */
	@PostMapping("/v1/usage/sync")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<Map<String, Object>> syncNow() {
		UUID id = this.sync.runNow();
		return ResponseEntity.accepted()
			.header("Location", "/v1/operations/" + id)
			.body(Map.of("operationId", id.toString(), "status", "queued"));
	}

	private static ErrorResponseException invalid(String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
		problem.setType(Problems.type("invalid-request"));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

}
