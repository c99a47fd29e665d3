package io.vfbridge.virtfusion.model;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A server to create (not installed until it is built). Package, owner and hypervisor
 * group are required; null fields are left out and the package's values apply.
 *
 * @param packageId the package (plan)
 * @param userId the owner's <em>internal</em> VirtFusion user id
 * @param hypervisorGroupId the hypervisor <em>group</em>: VirtFusion's field is named
 * {@code hypervisorId} but takes a group id
 * @param ipv4 the number of IPv4 addresses
 * @param storage primary storage in GB
 * @param traffic traffic in GB per period, 0 for unlimited
 * @param memory memory in MB
 * @param cpuCores CPU cores
 * @param networkSpeedInbound inbound speed in kB/s
 * @param networkSpeedOutbound outbound speed in kB/s
 * @param storageProfile the storage profile id
 * @param networkProfile the network profile id
 * @param firewallRulesets firewall rulesets instead of the package's; {@code [-1]} for
 * none
 * @param hypervisorAssetGroups hypervisor asset groups instead of the package's;
 * {@code [-1]} for none
 * @param additionalStorage1Enable whether to add a second disk
 * @param additionalStorage2Enable whether to add a third disk
 * @param additionalStorage1Profile the second disk's storage profile
 * @param additionalStorage2Profile the third disk's storage profile
 * @param additionalStorage1Capacity the second disk's size in GB
 * @param additionalStorage2Capacity the third disk's size in GB
 */
public record CreateServerRequest(long packageId, long userId, @JsonProperty("hypervisorId") long hypervisorGroupId,
		Integer ipv4, Integer storage, Long traffic, Integer memory, Integer cpuCores, Integer networkSpeedInbound,
		Integer networkSpeedOutbound, Integer storageProfile, Integer networkProfile, List<Integer> firewallRulesets,
		List<Integer> hypervisorAssetGroups, Boolean additionalStorage1Enable, Boolean additionalStorage2Enable,
		Integer additionalStorage1Profile, Integer additionalStorage2Profile, Integer additionalStorage1Capacity,
		Integer additionalStorage2Capacity) {

	public CreateServerRequest {
		positive("packageId", packageId);
		positive("userId", userId);
		positive("hypervisorGroupId", hypervisorGroupId);
		notNegative("ipv4", ipv4);
		notNegative("storage", storage);
		notNegative("traffic", traffic);
		notNegative("networkSpeedInbound", networkSpeedInbound);
		notNegative("networkSpeedOutbound", networkSpeedOutbound);
		notNegative("additionalStorage1Capacity", additionalStorage1Capacity);
		notNegative("additionalStorage2Capacity", additionalStorage2Capacity);
		if (memory != null && memory < 1) {
			throw new IllegalArgumentException("memory must be at least 1 MB");
		}
		if (cpuCores != null && cpuCores < 1) {
			throw new IllegalArgumentException("cpuCores must be at least 1");
		}
		firewallRulesets = ids("firewallRulesets", firewallRulesets);
		hypervisorAssetGroups = ids("hypervisorAssetGroups", hypervisorAssetGroups);
	}

	private static void positive(String name, long value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " is required (a positive id)");
		}
	}

	private static void notNegative(String name, Number value) {
		if (value != null && value.longValue() < 0) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
	}

	private static List<Integer> ids(String name, List<Integer> ids) {
		if (ids == null) {
			return null;
		}
		if (ids.stream().anyMatch(Objects::isNull)) {
			throw new IllegalArgumentException(name + " must not contain null");
		}
		return List.copyOf(ids);
	}

	/**
	 * A builder for a server of the package, owned by the internal user id, in the
	 * hypervisor group.
	 */
	public static Builder builder(long packageId, long userId, long hypervisorGroupId) {
		return new Builder(packageId, userId, hypervisorGroupId);
	}

	/** Builds a {@link CreateServerRequest}. */
	public static final class Builder {

		private final long packageId;

		private final long userId;

		private final long hypervisorGroupId;

		private Integer ipv4;

		private Integer storage;

		private Long traffic;

		private Integer memory;

		private Integer cpuCores;

		private Integer networkSpeedInbound;

		private Integer networkSpeedOutbound;

		private Integer storageProfile;

		private Integer networkProfile;

		private List<Integer> firewallRulesets;

		private List<Integer> hypervisorAssetGroups;

		private Boolean additionalStorage1Enable;

		private Boolean additionalStorage2Enable;

		private Integer additionalStorage1Profile;

		private Integer additionalStorage2Profile;

		private Integer additionalStorage1Capacity;

		private Integer additionalStorage2Capacity;

		private Builder(long packageId, long userId, long hypervisorGroupId) {
			this.packageId = packageId;
			this.userId = userId;
			this.hypervisorGroupId = hypervisorGroupId;
		}

		/** The number of IPv4 addresses. */
		public Builder ipv4(int ipv4) {
			this.ipv4 = ipv4;
			return this;
		}

		/** Primary storage in GB. */
		public Builder storage(int storage) {
			this.storage = storage;
			return this;
		}

		/** Traffic in GB per period, 0 for unlimited. */
		public Builder traffic(long traffic) {
			this.traffic = traffic;
			return this;
		}

		/** Memory in MB. */
		public Builder memory(int memory) {
			this.memory = memory;
			return this;
		}

		/** CPU cores. */
		public Builder cpuCores(int cpuCores) {
			this.cpuCores = cpuCores;
			return this;
		}

		/** Inbound and outbound speed in kB/s. */
		public Builder networkSpeed(int inbound, int outbound) {
			this.networkSpeedInbound = inbound;
			this.networkSpeedOutbound = outbound;
			return this;
		}

		/** The storage profile id. */
		public Builder storageProfile(int storageProfile) {
			this.storageProfile = storageProfile;
			return this;
		}

		/** The network profile id. */
		public Builder networkProfile(int networkProfile) {
			this.networkProfile = networkProfile;
			return this;
		}

		/** Firewall rulesets instead of the package's; {@code [-1]} for none. */
		public Builder firewallRulesets(List<Integer> firewallRulesets) {
			this.firewallRulesets = firewallRulesets;
			return this;
		}

		/** Hypervisor asset groups instead of the package's; {@code [-1]} for none. */
		public Builder hypervisorAssetGroups(List<Integer> hypervisorAssetGroups) {
			this.hypervisorAssetGroups = hypervisorAssetGroups;
			return this;
		}

		/** Adds a second disk of the given profile and size (GB). */
		public Builder additionalStorage1(int profile, int capacity) {
			this.additionalStorage1Enable = true;
			this.additionalStorage1Profile = profile;
			this.additionalStorage1Capacity = capacity;
			return this;
		}

		/** Adds a third disk of the given profile and size (GB). */
		public Builder additionalStorage2(int profile, int capacity) {
			this.additionalStorage2Enable = true;
			this.additionalStorage2Profile = profile;
			this.additionalStorage2Capacity = capacity;
			return this;
		}

		/** The request; throws {@link IllegalArgumentException} when invalid. */
		public CreateServerRequest build() {
			return new CreateServerRequest(this.packageId, this.userId, this.hypervisorGroupId, this.ipv4, this.storage,
					this.traffic, this.memory, this.cpuCores, this.networkSpeedInbound, this.networkSpeedOutbound,
					this.storageProfile, this.networkProfile, this.firewallRulesets, this.hypervisorAssetGroups,
					this.additionalStorage1Enable, this.additionalStorage2Enable, this.additionalStorage1Profile,
					this.additionalStorage2Profile, this.additionalStorage1Capacity, this.additionalStorage2Capacity);
		}

	}

}
