package io.vfbridge.testsupport;

import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Waits for an operation to reach a status, reading the job table (so the operations
 * endpoint, which hands out secrets once, is read only at the end), and fails at once
 * when it ends in another status.
 */
public final class OperationWaiter {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final JdbcTemplate jdbc;

	private final TestApi api;

	public OperationWaiter(JdbcTemplate jdbc, TestApi api) {
		this.jdbc = jdbc;
		this.api = api;
	}

	/** The operation once it succeeded, as {@code GET /v1/operations/{id}} shows it. */
	public JsonNode succeeded(UUID id) {
		return awaitStatus(id, "succeeded");
	}

	/** The operation once it reached {@code status}. */
	public JsonNode awaitStatus(UUID id, String status) {
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
			String now = this.jdbc.queryForObject("select status from job where id = ?", String.class, id);
			if (!now.equals(status) && !now.equals("queued") && !now.equals("running")) {
				throw new AssertionError("operation " + id + " ended " + now + ": " + this.jdbc
					.queryForObject("select coalesce(last_error, '') from job where id = ?", String.class, id));
			}
			return now.equals(status);
		});
		return this.api.get("/v1/operations/" + id, TestApi.BILLING_KEY).json();
	}

}
