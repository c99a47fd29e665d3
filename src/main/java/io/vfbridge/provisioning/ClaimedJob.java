package io.vfbridge.provisioning;

import java.time.Instant;
import java.util.UUID;

/**
 * A job as a worker claimed it.
 *
 * @param id the job id
 * @param type the job type
 * @param payload the input, JSON
 * @param checkpoint how far an earlier run got, JSON, or null
 * @param attempts runs so far, this one included
 * @param failures failed runs so far
 * @param panel the panel, or null for the default
 * @param serviceId the billing service, or null
 * @param customerId the billing customer, or null
 * @param createdAt when it was enqueued
 * @param traceParent the W3C {@code traceparent} of the span that enqueued it, or null
 */
record ClaimedJob(UUID id, String type, String payload, String checkpoint, int attempts, int failures, String panel,
		String serviceId, String customerId, Instant createdAt, String traceParent) {
}
