package io.vfbridge.provisioning;

import java.time.Instant;
import java.util.UUID;

/**
 * A usage sync run finished; published inside the run so a listener can push what it
 * pulled.
 *
 * @param runId the run's operation id
 * @param startedAt when the run started: every service it synced has usage synced since
 * @param succeeded services synced
 * @param failed services whose sync failed
 */
public record UsageSynced(UUID runId, Instant startedAt, int succeeded, int failed) {
}
