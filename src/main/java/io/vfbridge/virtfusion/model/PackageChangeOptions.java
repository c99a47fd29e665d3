package io.vfbridge.virtfusion.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which resources follow the new package on a package change; null leaves VirtFusion's
 * default.
 *
 * @param backupPlan the backup plan
 * @param cpu the CPU cores
 * @param memory the memory
 * @param primaryDiskReadIops the primary disk's read IOPS limit
 * @param primaryDiskReadThroughput the primary disk's read throughput limit
 * @param primaryDiskSize the primary disk's size (never shrunk)
 * @param primaryDiskWriteIops the primary disk's write IOPS limit
 * @param primaryDiskWriteThroughput the primary disk's write throughput limit
 * @param primaryNetworkInboundSpeed the primary network's inbound speed
 * @param primaryNetworkOutboundSpeed the primary network's outbound speed
 * @param primaryNetworkTraffic the primary network's traffic allowance
 */
public record PackageChangeOptions(Boolean backupPlan, Boolean cpu, Boolean memory,
		@JsonProperty("primaryDiskReadIOPS") Boolean primaryDiskReadIops, Boolean primaryDiskReadThroughput,
		Boolean primaryDiskSize, @JsonProperty("primaryDiskWriteIOPS") Boolean primaryDiskWriteIops,
		Boolean primaryDiskWriteThroughput, Boolean primaryNetworkInboundSpeed, Boolean primaryNetworkOutboundSpeed,
		Boolean primaryNetworkTraffic) {

	/** Every resource follows the new package. */
	public static PackageChangeOptions all() {
		return new PackageChangeOptions(true, true, true, true, true, true, true, true, true, true, true);
	}

}
