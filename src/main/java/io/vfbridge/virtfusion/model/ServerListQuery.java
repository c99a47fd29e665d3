package io.vfbridge.virtfusion.model;

import java.util.List;
import java.util.Objects;

/**
 * Filters of the server list. VirtFusion has no owner filter.
 *
 * @param hypervisorIds only servers on these hypervisors; empty for all
 */
public record ServerListQuery(List<Long> hypervisorIds) {

	public ServerListQuery {
		if (hypervisorIds == null || hypervisorIds.stream().anyMatch(Objects::isNull)) {
			throw new IllegalArgumentException("hypervisorIds must be a list of ids (empty for all)");
		}
		hypervisorIds = List.copyOf(hypervisorIds);
	}

	/** Every server. */
	public static ServerListQuery all() {
		return new ServerListQuery(List.of());
	}

	/** The servers on the given hypervisors. */
	public static ServerListQuery onHypervisors(Long... hypervisorIds) {
		return new ServerListQuery(List.of(hypervisorIds));
	}

}
