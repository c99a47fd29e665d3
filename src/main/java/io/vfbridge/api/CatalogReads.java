package io.vfbridge.api;

import java.util.ArrayList;
import java.util.List;

import io.vfbridge.security.Problems;
import io.vfbridge.virtfusion.VirtFusionApiException;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.model.Currency;
import io.vfbridge.virtfusion.model.DnsService;
import io.vfbridge.virtfusion.model.HypervisorGroup;
import io.vfbridge.virtfusion.model.Iso;
import io.vfbridge.virtfusion.model.OsTemplateGroup;
import io.vfbridge.virtfusion.model.ServerPackage;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The storefront's catalogue, read from VirtFusion: packages, their OS templates,
 * locations with free capacity, currencies, ISOs and DNS services. Rarely changing data
 * is cached per panel for {@code vfbridge.catalog.cache-ttl}, capacity for
 * {@code capacity-ttl} ({@link CachedCatalog}).
 */
@Service
@EnableConfigurationProperties(CatalogProperties.class)
class CatalogReads {

	private final Targets targets;

	private final CachedCatalog cached;

	CatalogReads(Targets targets, CachedCatalog cached) {
		this.targets = targets;
		this.cached = cached;
	}

	List<ServerPackage> packages(String panel) {
		return this.cached.packages(panel);
	}

	ServerPackage pkg(String panel, long packageId) {
		return this.cached.pkg(panel, packageId);
	}

	List<OsTemplateGroup> packageTemplates(String panel, long packageId) {
		return this.cached.packageTemplates(panel, packageId);
	}

	/**
	 * Every location (hypervisor group) with its free capacity.
	 * @param packageId the package a server would be made from, or null for the smallest
	 * server
	 */
	List<Location> locations(String panel, Long packageId) {
		ServerPackage pkg = (packageId != null) ? pkg(panel, packageId) : null;
		List<Location> locations = new ArrayList<>();
		for (HypervisorGroup group : this.cached.groups(panel)) {
			locations.add(Location.of(group, this.cached.resources(panel, group.id()), pkg));
		}
		return locations;
	}

	/** One location with its free capacity. */
	Location location(String panel, long groupId, Long packageId) {
		ServerPackage pkg = (packageId != null) ? pkg(panel, packageId) : null;
		return Location.of(this.cached.group(panel, groupId), this.cached.resources(panel, groupId), pkg);
	}

	List<Currency> currencies(String panel) {
		return this.cached.currencies(panel);
	}

	Iso iso(String panel, long isoId) {
		return notFoundAs(() -> client(panel).getIso(isoId), "iso-not-found", "ISO not found",
				"VirtFusion has no ISO " + isoId);
	}

	DnsServiceView dnsService(String panel, long dnsServiceId) {
		return DnsServiceView.of(notFoundAs(() -> client(panel).getDnsService(dnsServiceId), "dns-service-not-found",
				"DNS service not found", "VirtFusion has no DNS service " + dnsServiceId));
	}

	private VirtFusionClient client(String panel) {
		return this.targets.client(panel);
	}

	/** Runs a read and turns VirtFusion's 404 into our named 404 problem. */
	static <T> T notFoundAs(java.util.function.Supplier<T> read, String problem, String title, String detail) {
		try {
			return read.get();
		}
		catch (VirtFusionApiException ex) {
			if (ex.isNotFound()) {
				throw Problems.problem(HttpStatus.NOT_FOUND, problem, title, detail);
			}
			throw ex;
		}
	}

	/**
	 * A DNS service without its credentials (VirtFusion sends the encrypted password and
	 * the user name; neither leaves vfbridge).
	 *
	 * @param id the DNS service id
	 * @param type the provider type
	 * @param name the name
	 * @param url the provider's API URL
	 * @param ip the provider's address
	 * @param port the provider's port
	 * @param subAccount whether it is a sub-account
	 * @param capabilities what the provider can do, as VirtFusion describes it
	 * @param enabled whether it is enabled
	 * @param created when it was added
	 * @param updated when it last changed
	 */
	record DnsServiceView(Long id, String type, String name, String url, String ip, Integer port, Boolean subAccount,
			Object capabilities, Boolean enabled, String created, String updated) {

		static DnsServiceView of(DnsService dns) {
			return new DnsServiceView(dns.id(), dns.type(), dns.name(), dns.url(), dns.ip(), dns.port(),
					dns.subAccount(), dns.capabilities(), dns.enabled(), dns.created(), dns.updated());
		}

	}

}
