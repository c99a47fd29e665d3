package io.vfbridge.api;

import java.util.List;

import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.IpBlock;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A panel's hypervisors and IP blocks, for operators. */
@RestController
@RequiresRole(Role.OPERATOR)
class InventoryController {

	private final Inventory inventory;

	private final Targets targets;

	InventoryController(Inventory inventory, Targets targets) {
		this.inventory = inventory;
		this.targets = targets;
	}

	@GetMapping("/v1/panel/hypervisors")
	@UsesOperation(VirtFusionOperation.LIST_HYPERVISORS)
	List<Inventory.HypervisorView> hypervisors(@RequestParam(required = false) String panel) {
		return this.inventory.hypervisors(this.targets.panel(panel));
	}

	@GetMapping("/v1/panel/hypervisors/{hypervisorId}")
	@UsesOperation(VirtFusionOperation.GET_HYPERVISOR)
	Inventory.HypervisorView hypervisor(@PathVariable long hypervisorId, @RequestParam(required = false) String panel) {
		return this.inventory.hypervisor(this.targets.panel(panel), hypervisorId);
	}

	@GetMapping("/v1/panel/ip-blocks")
	@UsesOperation(VirtFusionOperation.LIST_IP_BLOCKS)
	List<IpBlock> ipBlocks(@RequestParam(required = false) String panel) {
		return this.inventory.ipBlocks(this.targets.panel(panel));
	}

	@GetMapping("/v1/panel/ip-blocks/{blockId}")
	@UsesOperation(VirtFusionOperation.GET_IP_BLOCK)
	IpBlock ipBlock(@PathVariable long blockId, @RequestParam(required = false) String panel) {
		return this.inventory.ipBlock(this.targets.panel(panel), blockId);
	}

}
