package io.vfbridge.billing;

import java.util.UUID;

/**
 * What intake did with a request.
 *
 * @param operationId the operation the request became (the original one for a repeat)
 * @param status the operation's status now
 * @param repeat whether the request repeated one accepted earlier
 */
public record IntakeResult(UUID operationId, String status, boolean repeat) {
}
