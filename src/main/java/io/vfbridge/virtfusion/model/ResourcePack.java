package io.vfbridge.virtfusion.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A user's resource pack: the quota the user builds servers within.
 *
 * @param type always {@code pack}
 * @param id the user's pack id
 * @param pid the pack template id
 * @param label the label, if any
 * @param name the name
 * @param limits the quota
 * @param used what the user's servers use
 * @param usage use per resource ({@code servers}, {@code memory}, {@code storage},
 * {@code cpu}, {@code traffic})
 * @param servers the pack's servers, when asked for (shape undocumented)
 */
public record ResourcePack(String type, Long id, Long pid, String label, String name, Limits limits, Used used,
		Map<String, Meter> usage, List<Map<String, Object>> servers) {

	public ResourcePack {
		usage = Copies.map(usage);
		servers = Copies.list(servers);
	}

	/**
	 * The quota of a pack.
	 *
	 * @param totalServers servers in total
	 * @param totalMemory memory in total (MB)
	 * @param totalStorage storage in total (GB)
	 * @param totalCpu CPU cores in total
	 * @param totalTraffic traffic in total (GB)
	 * @param maxMemory memory per server (MB)
	 * @param maxStorage storage per server (GB)
	 * @param maxCpu CPU cores per server
	 * @param maxTraffic traffic per server (GB)
	 */
	public record Limits(@JsonProperty("total_servers") Long totalServers,
			@JsonProperty("total_memory") Long totalMemory, @JsonProperty("total_storage") Long totalStorage,
			@JsonProperty("total_cpu") Long totalCpu, @JsonProperty("total_traffic") Long totalTraffic,
			@JsonProperty("max_memory") Long maxMemory, @JsonProperty("max_storage") Long maxStorage,
			@JsonProperty("max_cpu") Long maxCpu, @JsonProperty("max_traffic") Long maxTraffic) {
	}

	/**
	 * What a pack's servers use.
	 *
	 * @param servers servers
	 * @param memory memory (MB)
	 * @param storage storage (GB)
	 * @param cpu CPU cores
	 * @param traffic traffic (GB)
	 */
	public record Used(Long servers, Long memory, Long storage, Long cpu, Long traffic) {
	}

	/**
	 * The use of one resource.
	 *
	 * @param total the quota ({@code t})
	 * @param used the use ({@code u})
	 * @param free what is left ({@code f})
	 * @param percent the used percentage ({@code p})
	 * @param limited whether the resource is limited ({@code l})
	 */
	public record Meter(@JsonProperty("t") BigDecimal total, @JsonProperty("u") BigDecimal used,
			@JsonProperty("f") BigDecimal free, @JsonProperty("p") BigDecimal percent,
			@JsonProperty("l") Boolean limited) {
	}

}
