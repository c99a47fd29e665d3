package io.vfbridge.api;

import java.util.List;

import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.Backup;
import io.vfbridge.virtfusion.model.Firewall;
import io.vfbridge.virtfusion.model.OsTemplateGroup;
import io.vfbridge.virtfusion.model.TrafficBlocks;
import io.vfbridge.virtfusion.model.TrafficStatistics;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The client area's live reads of a billing service's server. */
@RestController
@RequiresRole(Role.STOREFRONT)
class ServiceReadsController {

	private final ServiceReads reads;

	ServiceReadsController(ServiceReads reads) {
		this.reads = reads;
	}

	@GetMapping("/v1/services/{serviceId}/details")
	@UsesOperation(VirtFusionOperation.FIND_SERVER)
	ServiceReads.ServiceDetails details(@PathVariable String serviceId,
			@RequestParam(defaultValue = "false") boolean remoteState) {
		return this.reads.details(serviceId, remoteState);
	}

	@GetMapping("/v1/services/{serviceId}/templates")
	@UsesOperation(VirtFusionOperation.LIST_SERVER_TEMPLATES)
	List<OsTemplateGroup> templates(@PathVariable String serviceId) {
		return this.reads.templates(serviceId);
	}

	@GetMapping("/v1/services/{serviceId}/traffic")
	@UsesOperation(VirtFusionOperation.GET_SERVER_TRAFFIC)
	TrafficStatistics traffic(@PathVariable String serviceId) {
		return this.reads.traffic(serviceId);
	}

	@GetMapping("/v1/services/{serviceId}/traffic/blocks")
	@UsesOperation(VirtFusionOperation.LIST_TRAFFIC_BLOCKS)
	TrafficBlocks trafficBlocks(@PathVariable String serviceId) {
		return this.reads.trafficBlocks(serviceId);
	}

	@GetMapping("/v1/services/{serviceId}/backups")
	@UsesOperation(VirtFusionOperation.LIST_SERVER_BACKUPS)
	List<Backup> backups(@PathVariable String serviceId) {
		return this.reads.backups(serviceId);
	}

	@GetMapping("/v1/services/{serviceId}/firewall/{interface}")
	@UsesOperation(VirtFusionOperation.GET_FIREWALL)
	Firewall firewall(@PathVariable String serviceId, @PathVariable("interface") String iface) {
		return this.reads.firewall(serviceId, iface);
	}

	@GetMapping("/v1/services/{serviceId}/queue/{queueId}")
	@UsesOperation(VirtFusionOperation.GET_QUEUE_ITEM)
	ServiceReads.QueueItemView queueItem(@PathVariable String serviceId, @PathVariable long queueId) {
		return this.reads.queueItem(serviceId, queueId);
	}

}
