package io.vfbridge.api;

import java.util.List;

import io.vfbridge.virtfusion.model.HypervisorGroup;
import io.vfbridge.virtfusion.model.HypervisorResources;
import io.vfbridge.virtfusion.model.HypervisorResources.Counter;
import io.vfbridge.virtfusion.model.HypervisorResources.StoragePool;
import io.vfbridge.virtfusion.model.ServerPackage;

/**
 * A location a storefront sells (a VirtFusion hypervisor group) with its free capacity.
 *
 * @param id the hypervisor group id (what a create's {@code hypervisorGroupId} takes)
 * @param name the name
 * @param description the description
 * @param enabled whether VirtFusion has the group enabled
 * @param isDefault whether it is the panel's default group
 * @param available whether a new server fits: the group is enabled, some hypervisor that
 * accepts servers has room for one (of the asked package, else of the smallest size), and
 * the group has a free IPv4 address. A storefront hides the location when false
 * @param packageId the package the check was made for, null for the smallest server
 * @param capacity what is free in the group
 */
record Location(Long id, String name, String description, Boolean enabled, Boolean isDefault, boolean available,
		Long packageId, Capacity capacity) {

	/**
	 * Free capacity summed over the hypervisors that accept new servers.
	 *
	 * @param hypervisors hypervisors in the group
	 * @param acceptingHypervisors hypervisors that are enabled, commissioned and not
	 * prohibited
	 * @param servers free server slots, null when unlimited
	 * @param memoryMb free memory in MB, null when unlimited
	 * @param cpuCores free CPU cores, null when unlimited
	 * @param storageGb free local storage in GB, null when unlimited
	 * @param ipv4 free IPv4 addresses of the group, null when VirtFusion does not say
	 */
	record Capacity(int hypervisors, int acceptingHypervisors, Long servers, Long memoryMb, Long cpuCores,
			Long storageGb, Long ipv4) {
	}

	static Location of(HypervisorGroup group, List<HypervisorResources> nodes, ServerPackage pkg) {
		List<HypervisorResources> accepting = nodes.stream().filter(HypervisorResources::acceptsServers).toList();
		Long ipv4 = nodes.stream()
			.map((node) -> (node.resources() != null) ? node.resources().freeIpv4() : null)
			.filter((free) -> free != null)
			.findFirst()
			.orElse(null);
		Capacity capacity = new Capacity(nodes.size(), accepting.size(), sum(accepting, Kind.SERVERS),
				sum(accepting, Kind.MEMORY), sum(accepting, Kind.CPU), sum(accepting, Kind.STORAGE), ipv4);
		boolean fits = accepting.stream().anyMatch((node) -> fits(node, pkg));
		boolean available = !Boolean.FALSE.equals(group.enabled()) && fits && (ipv4 == null || ipv4 > 0);
		return new Location(group.id(), group.name(), group.description(), group.enabled(), group.isDefault(),
				available, (pkg != null) ? pkg.id() : null, capacity);
	}

	/** Whether one server of the package (or the smallest server) fits on the node. */
	static boolean fits(HypervisorResources node, ServerPackage pkg) {
		HypervisorResources.Resources resources = node.resources();
		if (resources == null) {
			return false;
		}
		long memory = (pkg != null && pkg.memory() != null) ? pkg.memory() : 1;
		long cores = (pkg != null && pkg.cpuCores() != null) ? pkg.cpuCores() : 1;
		long storage = (pkg != null && pkg.primaryStorage() != null) ? pkg.primaryStorage() : 1;
		return room(resources.servers(), 1) && room(resources.memory(), memory) && room(resources.cpuCores(), cores)
				&& storageRoom(resources, storage);
	}

	private static boolean storageRoom(HypervisorResources.Resources resources, long wanted) {
		if (resources.localStorage() == null && resources.otherStorage().isEmpty()) {
			return true;
		}
		if (room(resources.localStorage(), wanted)) {
			return true;
		}
		return resources.otherStorage().stream().anyMatch((pool) -> room(pool, wanted));
	}

	private static boolean room(Counter counter, long wanted) {
		// no counter means VirtFusion does not limit it; a maximum of 0 is unlimited
		return counter == null || isUnlimited(counter.max()) || (counter.free() != null && counter.free() >= wanted);
	}

	private static boolean room(StoragePool pool, long wanted) {
		if (pool == null || Boolean.FALSE.equals(pool.enabled())) {
			return false;
		}
		return isUnlimited(pool.max()) || (pool.free() != null && pool.free() >= wanted);
	}

	private static boolean isUnlimited(Long max) {
		return max == null || max == 0;
	}

	/** The free amount summed over the nodes, null when any node is unlimited. */
	private static Long sum(List<HypervisorResources> nodes, Kind kind) {
		long total = 0;
		for (HypervisorResources node : nodes) {
			if (node.resources() == null) {
				continue;
			}
			Long max;
			Long free;
			if (kind == Kind.STORAGE) {
				StoragePool local = node.resources().localStorage();
				max = (local != null) ? local.max() : null;
				free = (local != null) ? local.free() : null;
			}
			else {
				Counter counter = kind.counter(node.resources());
				max = (counter != null) ? counter.max() : null;
				free = (counter != null) ? counter.free() : null;
			}
			if (isUnlimited(max)) {
				return null;
			}
			total += Math.max(0, (free != null) ? free : 0);
		}
		return total;
	}

	private enum Kind {

		SERVERS, MEMORY, CPU, STORAGE;

		Counter counter(HypervisorResources.Resources resources) {
			return switch (this) {
				case SERVERS -> resources.servers();
				case MEMORY -> resources.memory();
				case CPU -> resources.cpuCores();
				case STORAGE -> null;
			};
		}

	}

}
