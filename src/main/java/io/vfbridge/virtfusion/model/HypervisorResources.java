package io.vfbridge.virtfusion.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * One hypervisor of a group with its capacity, for stock control.
 *
 * @param hypervisor the hypervisor
 * @param resources its capacity
 */
public record HypervisorResources(Node hypervisor, Resources resources) {

	/**
	 * Whether new servers can land here: enabled, commissioned and not prohibited.
	 */
	public boolean acceptsServers() {
		return this.hypervisor != null && Boolean.TRUE.equals(this.hypervisor.enabled())
				&& Boolean.TRUE.equals(this.hypervisor.commissioned())
				&& !Boolean.TRUE.equals(this.hypervisor.prohibit());
	}

	/**
	 * The hypervisor.
	 *
	 * @param id the hypervisor id
	 * @param name its name
	 * @param enabled whether it is enabled
	 * @param prohibit whether new servers are prohibited
	 * @param accept whether it accepts servers beyond the group's distribution
	 * @param commissioned whether it is commissioned (a bool here, an int elsewhere)
	 */
	public record Node(Long id, String name, Boolean enabled, Boolean prohibit, Boolean accept, Boolean commissioned) {
	}

	/**
	 * The capacity of a hypervisor.
	 *
	 * @param servers server slots
	 * @param memory memory in MB
	 * @param cpuCores CPU cores
	 * @param localStorage the local storage
	 * @param otherStorage other storage pools (matched by {@code storageType} with a
	 * package's storage profile)
	 * @param network free addresses
	 */
	public record Resources(Counter servers, Counter memory, Counter cpuCores, StoragePool localStorage,
			List<StoragePool> otherStorage, NetworkCapacity network) {

		public Resources {
			otherStorage = Copies.list(otherStorage);
		}

		/** The free IPv4 addresses, null when not reported. */
		public Long freeIpv4() {
			if (this.network == null || this.network.total() == null || this.network.total().ipv4() == null) {
				return null;
			}
			return this.network.total().ipv4().free();
		}

	}

	/**
	 * A capacity counter. {@code free} can be negative when {@code max} is 0 (unlimited).
	 *
	 * @param units {@code #} or {@code MB}
	 * @param max the maximum, 0 for unlimited
	 * @param allocated the allocated amount
	 * @param free the free amount
	 * @param percent the allocated percentage, null when unlimited
	 */
	public record Counter(String units, Long max, Long allocated, Long free, BigDecimal percent) {
	}

	/**
	 * A storage pool's capacity.
	 *
	 * @param id the pool id (other storage only)
	 * @param name the pool name
	 * @param enabled whether it is enabled
	 * @param storageType the storage type code
	 * @param path the pool path, if any
	 * @param units {@code GB}
	 * @param max the size
	 * @param allocated the allocated amount
	 * @param free the free amount
	 * @param percent the allocated percentage
	 */
	public record StoragePool(Long id, String name, Boolean enabled, Integer storageType, String path, String units,
			Long max, Long allocated, Long free, BigDecimal percent) {
	}

	/**
	 * Network capacity.
	 *
	 * @param total the totals
	 */
	public record NetworkCapacity(NetworkTotal total) {
	}

	/**
	 * Network totals.
	 *
	 * @param ipv4 IPv4 totals
	 */
	public record NetworkTotal(Ipv4Capacity ipv4) {
	}

	/**
	 * IPv4 totals.
	 *
	 * @param free the free addresses
	 */
	public record Ipv4Capacity(Long free) {
	}

}
