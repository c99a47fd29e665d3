package io.vfbridge.virtfusion.model;

/**
 * A package (plan): the default resources of the servers made from it.
 *
 * @param id the package id
 * @param name the name (billing modules match it exactly)
 * @param description the description
 * @param enabled whether it is enabled
 * @param memory memory in MB
 * @param primaryStorage primary storage in GB
 * @param traffic traffic in GB per period, 0 for unlimited
 * @param cpuCores CPU cores
 * @param primaryNetworkSpeedIn inbound speed in kB/s, 0 for unlimited
 * @param primaryNetworkSpeedOut outbound speed in kB/s, 0 for unlimited
 * @param primaryDiskType the disk type ({@code inherit})
 * @param backupPlanId the backup plan, 0 for none
 * @param primaryStorageReadBytesSec read throughput limit, null for none
 * @param primaryStorageWriteBytesSec write throughput limit, null for none
 * @param primaryStorageReadIopsSec read IOPS limit, null for none
 * @param primaryStorageWriteIopsSec write IOPS limit, null for none
 * @param primaryStorageProfile the storage type code (matches a pool's
 * {@code storageType})
 * @param primaryNetworkProfile the network profile id
 * @param created when it was created
 */
public record ServerPackage(Long id, String name, String description, Boolean enabled, Long memory, Long primaryStorage,
		Long traffic, Integer cpuCores, Long primaryNetworkSpeedIn, Long primaryNetworkSpeedOut, String primaryDiskType,
		Long backupPlanId, Long primaryStorageReadBytesSec, Long primaryStorageWriteBytesSec,
		Long primaryStorageReadIopsSec, Long primaryStorageWriteIopsSec, Integer primaryStorageProfile,
		Integer primaryNetworkProfile, String created) {
}
