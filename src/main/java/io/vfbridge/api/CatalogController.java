package io.vfbridge.api;

import java.util.List;

import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.Currency;
import io.vfbridge.virtfusion.model.Iso;
import io.vfbridge.virtfusion.model.OsTemplateGroup;
import io.vfbridge.virtfusion.model.ServerPackage;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The storefront's catalogue: what can be sold, where, and in which currency. Every
 * endpoint takes an optional {@code panel} (the default panel when absent).
 */
@RestController
@RequiresRole(Role.STOREFRONT)
class CatalogController {

	private final CatalogReads catalog;

	private final Targets targets;

	CatalogController(CatalogReads catalog, Targets targets) {
		this.catalog = catalog;
		this.targets = targets;
	}

	@GetMapping("/v1/catalog/packages")
	@UsesOperation(VirtFusionOperation.LIST_PACKAGES)
	List<ServerPackage> packages(@RequestParam(required = false) String panel) {
		return this.catalog.packages(this.targets.panel(panel));
	}

	@GetMapping("/v1/catalog/packages/{packageId}")
	@UsesOperation(VirtFusionOperation.GET_PACKAGE)
	ServerPackage pkg(@PathVariable long packageId, @RequestParam(required = false) String panel) {
		return this.catalog.pkg(this.targets.panel(panel), packageId);
	}

	@GetMapping("/v1/catalog/packages/{packageId}/templates")
	@UsesOperation(VirtFusionOperation.LIST_PACKAGE_TEMPLATES)
	List<OsTemplateGroup> packageTemplates(@PathVariable long packageId, @RequestParam(required = false) String panel) {
		return this.catalog.packageTemplates(this.targets.panel(panel), packageId);
	}

	@GetMapping("/v1/catalog/locations")
	@UsesOperation({ VirtFusionOperation.LIST_HYPERVISOR_GROUPS, VirtFusionOperation.LIST_HYPERVISOR_GROUP_RESOURCES,
			VirtFusionOperation.GET_PACKAGE })
	List<Location> locations(@RequestParam(required = false) String panel,
			@RequestParam(required = false) Long packageId,
			@RequestParam(defaultValue = "false") boolean availableOnly) {
		List<Location> locations = this.catalog.locations(this.targets.panel(panel), packageId);
		return availableOnly ? locations.stream().filter(Location::available).toList() : locations;
	}

	@GetMapping("/v1/catalog/locations/{locationId}")
	@UsesOperation({ VirtFusionOperation.GET_HYPERVISOR_GROUP, VirtFusionOperation.LIST_HYPERVISOR_GROUP_RESOURCES,
			VirtFusionOperation.GET_PACKAGE })
	Location location(@PathVariable long locationId, @RequestParam(required = false) String panel,
			@RequestParam(required = false) Long packageId) {
		return this.catalog.location(this.targets.panel(panel), locationId, packageId);
	}

	@GetMapping("/v1/catalog/currencies")
	@UsesOperation(VirtFusionOperation.LIST_CURRENCIES)
	List<Currency> currencies(@RequestParam(required = false) String panel) {
		return this.catalog.currencies(this.targets.panel(panel));
	}

	@GetMapping("/v1/catalog/isos/{isoId}")
	@UsesOperation(VirtFusionOperation.GET_ISO)
	Iso iso(@PathVariable long isoId, @RequestParam(required = false) String panel) {
		return this.catalog.iso(this.targets.panel(panel), isoId);
	}

	@GetMapping("/v1/catalog/dns-services/{dnsServiceId}")
	@UsesOperation(VirtFusionOperation.GET_DNS_SERVICE)
	CatalogReads.DnsServiceView dnsService(@PathVariable long dnsServiceId,
			@RequestParam(required = false) String panel) {
		return this.catalog.dnsService(this.targets.panel(panel), dnsServiceId);
	}

}
