package io.vfbridge.provisioning;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * An operation as billing systems and operators see it: one queued job and its fate.
 *
 * @param operationId the id
 * @param type the event or job type
 * @param status exactly one of queued, running, succeeded, failed, dead, needs_attention
 * @param panel the VirtFusion panel, or null for the default
 * @param serviceId the billing service, or null
 * @param customerId the billing customer, or null
 * @param attempts runs so far
 * @param lastError the latest error, or the reason a person is needed
 * @param result the result, or what a person must look at; null while unfinished
 * @param createdAt when it was accepted
 * @param startedAt when it first ran
 * @param finishedAt when it reached its status, if finished
 * @param nextRunAt when it runs next, if queued
 * @param parentOperationId the operation this one follows up (callbacks), or null
 * @param traceId the trace the operation's runs belong to (that of the request that
 * submitted it), or null when it was enqueued without tracing
 */
public record OperationView(UUID operationId, String type, String status, String panel, String serviceId,
		String customerId, int attempts, String lastError, JsonNode result, Instant createdAt, Instant startedAt,
		Instant finishedAt, Instant nextRunAt, UUID parentOperationId, String traceId) {

}
