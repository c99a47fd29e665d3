package io.vfbridge.virtfusion.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A hypervisor (compute node).
 *
 * @param id the hypervisor id
 * @param commissioned the commission status (3 when in service)
 * @param ip its address
 * @param ipAlt its alternative address
 * @param hostname its host name
 * @param port its agent port
 * @param sshPort its SSH port
 * @param name its name
 * @param maintenance whether it is in maintenance
 * @param enabled whether it is enabled
 * @param nfType the netfilter type code
 * @param group its group
 * @param encryptedToken its agent token, encrypted by VirtFusion (a secret)
 * @param maxServers the server limit, 0 for none
 * @param maxCpu the CPU core limit
 * @param maxMemory the memory limit in MB
 * @param networks its networks
 * @param storage its storage pools (shape undocumented)
 * @param created when it was added
 * @param updated when it was last changed
 */
public record Hypervisor(Long id, Integer commissioned, String ip, String ipAlt, String hostname, Integer port,
		Integer sshPort, String name, Boolean maintenance, Boolean enabled, Integer nfType, HypervisorGroup group,
		String encryptedToken, Integer maxServers, Integer maxCpu, Long maxMemory, List<Network> networks,
		List<Map<String, Object>> storage, String created, String updated) {

	public Hypervisor {
		networks = Copies.list(networks);
		storage = Copies.list(storage);
	}

	/** Masks the token so a hypervisor can be logged. */
	@Override
	public String toString() {
		return "Hypervisor[id=" + this.id + ", name=" + this.name + ", ip=" + this.ip + ", group="
				+ ((this.group != null) ? this.group.id() : null) + ", enabled=" + this.enabled + ", maintenance="
				+ this.maintenance + ", encryptedToken=******]";
	}

	/**
	 * A hypervisor network.
	 *
	 * @param id the network id
	 * @param type the network type ({@code simpleBridge}, {@code macVTap}, ...)
	 * @param bridge the bridge or device
	 * @param primary whether it is the primary network
	 * @param isDefault whether it is the default network ({@code default})
	 * @param created when it was added
	 * @param updated when it was last changed
	 */
	public record Network(Long id, String type, String bridge, Boolean primary,
			@JsonProperty("default") Boolean isDefault, String created, String updated) {
	}

}
