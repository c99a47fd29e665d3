package io.vfbridge.provisioning;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What vfbridge last pulled of one service's usage, and how its last sync went.
 *
 * @param serviceId the billing service id
 * @param panel the VirtFusion panel
 * @param serverId the VirtFusion server
 * @param sync how the last sync went
 * @param periods traffic per VirtFusion traffic period, newest first (only the newest one
 * when read as a list of services)
 */
public record ServiceUsage(String serviceId, String panel, Long serverId, Sync sync, List<Period> periods) {

	public ServiceUsage {
		periods = List.copyOf(periods);
	}

	/**
	 * How the last sync of a service went.
	 *
	 * @param lastAttemptAt when it was last tried
	 * @param lastSyncedAt when it last succeeded
	 * @param lastError why the last failed attempt failed (kept until one succeeds)
	 * @param lastErrorAt when that was
	 * @param failures failed attempts since the last success
	 */
	public record Sync(Instant lastAttemptAt, Instant lastSyncedAt, String lastError, Instant lastErrorAt,
			int failures) {
	}

	/**
	 * The usage of one traffic period, in the panel's local time.
	 *
	 * @param start the period's start
	 * @param end the period's end
	 * @param rxBytes bytes received
	 * @param txBytes bytes sent
	 * @param totalBytes bytes in both directions
	 * @param limitGb the allowance in GB (blocks included), 0 = unlimited
	 * @param diskCapacityBytes the disks' size at the last sync (current period only)
	 * @param diskUsedBytes the disks' allocated bytes at the last sync (current period
	 * only)
	 * @param syncedAt when these figures were pulled
	 */
	public record Period(LocalDateTime start, LocalDateTime end, Long rxBytes, Long txBytes, Long totalBytes,
			Long limitGb, Long diskCapacityBytes, Long diskUsedBytes, Instant syncedAt) {
	}

}
