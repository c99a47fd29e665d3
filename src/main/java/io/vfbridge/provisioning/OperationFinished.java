package io.vfbridge.provisioning;

/**
 * Published inside the transaction that moves a job to a finished status, so a listener's
 * own writes (a callback job, a service's state) commit or roll back with it.
 *
 * @param operation the finished operation
 */
public record OperationFinished(OperationView operation) {
}
