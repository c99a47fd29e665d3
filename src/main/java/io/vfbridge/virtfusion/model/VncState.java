package io.vfbridge.virtfusion.model;

/**
 * The answer to the VNC toggle.
 *
 * @param vnc the console endpoint with its password
 * @param queueId the queue item applying the change, null when none was needed
 */
public record VncState(Vnc vnc, Long queueId) {
}
