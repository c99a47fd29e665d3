package io.vfbridge.api;

import java.util.List;

import io.vfbridge.virtfusion.model.Hypervisor;
import io.vfbridge.virtfusion.model.IpBlock;
import io.vfbridge.virtfusion.model.Page;
import io.vfbridge.virtfusion.model.PageRequest;

import org.springframework.stereotype.Service;

/**
 * The operators' view of a panel's infrastructure: hypervisors and IP blocks, every page
 * of VirtFusion's lists walked. Never cached: operators look when something changed.
 */
@Service
class Inventory {

	private final Targets targets;

	private final CatalogProperties properties;

	Inventory(Targets targets, CatalogProperties properties) {
		this.targets = targets;
		this.properties = properties;
	}

	List<HypervisorView> hypervisors(String panel) {
		return Page
			.collectAll((number) -> this.targets.client(panel)
				.listHypervisors(new PageRequest(number, this.properties.pageSize())))
			.stream()
			.map(HypervisorView::of)
			.toList();
	}

	HypervisorView hypervisor(String panel, long hypervisorId) {
		return HypervisorView.of(CatalogReads.notFoundAs(() -> this.targets.client(panel).getHypervisor(hypervisorId),
				"hypervisor-not-found", "Hypervisor not found", "VirtFusion has no hypervisor " + hypervisorId));
	}

	List<IpBlock> ipBlocks(String panel) {
		return Page.collectAll((number) -> this.targets.client(panel)
			.listIpBlocks(new PageRequest(number, this.properties.pageSize())));
	}

	IpBlock ipBlock(String panel, long blockId) {
		return CatalogReads.notFoundAs(() -> this.targets.client(panel).getIpBlock(blockId), "ip-block-not-found",
				"IP block not found", "VirtFusion has no IP block " + blockId);
	}

	/**
	 * A hypervisor without its agent token (VirtFusion sends it encrypted; it still never
	 * leaves vfbridge).
	 *
	 * @param id the hypervisor id
	 * @param name its name
	 * @param hostname its host name
	 * @param ip its address
	 * @param ipAlt its alternative address
	 * @param port its agent port
	 * @param sshPort its SSH port
	 * @param commissioned its commission status (3 when in service)
	 * @param enabled whether it is enabled
	 * @param maintenance whether it is in maintenance
	 * @param groupId its hypervisor group
	 * @param groupName its hypervisor group's name
	 * @param maxServers the server limit, 0 for none
	 * @param maxCpu the CPU core limit
	 * @param maxMemory the memory limit in MB
	 * @param networks its networks
	 * @param created when it was added
	 * @param updated when it last changed
	 */
	record HypervisorView(Long id, String name, String hostname, String ip, String ipAlt, Integer port, Integer sshPort,
			Integer commissioned, Boolean enabled, Boolean maintenance, Long groupId, String groupName,
			Integer maxServers, Integer maxCpu, Long maxMemory, List<Hypervisor.Network> networks, String created,
			String updated) {

		static HypervisorView of(Hypervisor hv) {
			return new HypervisorView(hv.id(), hv.name(), hv.hostname(), hv.ip(), hv.ipAlt(), hv.port(), hv.sshPort(),
					hv.commissioned(), hv.enabled(), hv.maintenance(), (hv.group() != null) ? hv.group().id() : null,
					(hv.group() != null) ? hv.group().name() : null, hv.maxServers(), hv.maxCpu(), hv.maxMemory(),
					hv.networks(), hv.created(), hv.updated());
		}

	}

}
