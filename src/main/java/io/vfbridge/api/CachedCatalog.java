package io.vfbridge.api;

import java.util.List;
import java.util.function.Function;

import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.model.Currency;
import io.vfbridge.virtfusion.model.HypervisorGroup;
import io.vfbridge.virtfusion.model.HypervisorResources;
import io.vfbridge.virtfusion.model.OsTemplateGroup;
import io.vfbridge.virtfusion.model.Page;
import io.vfbridge.virtfusion.model.PageRequest;
import io.vfbridge.virtfusion.model.ServerPackage;

import org.springframework.cache.annotation.CacheConfig;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;

/**
 * The catalogue's VirtFusion reads that are cached (see {@link CatalogCaching}), keyed by
 * the read, the panel and the id. Only answers are kept; a 404 becomes its named problem
 * and, like every failure, is not cached. Login tokens and anything per customer never
 * come here.
 */
@Component
@CacheConfig(cacheManager = "catalogCacheManager", keyGenerator = "catalogKeyGenerator")
class CachedCatalog {

	private final Targets targets;

	private final CatalogProperties properties;

	CachedCatalog(Targets targets, CatalogProperties properties) {
		this.targets = targets;
		this.properties = properties;
	}

	@Cacheable(cacheNames = CatalogCaching.CATALOG, sync = true)
	public List<ServerPackage> packages(String panel) {
		return client(panel).listPackages();
	}

	@Cacheable(cacheNames = CatalogCaching.CATALOG, sync = true)
	public ServerPackage pkg(String panel, long packageId) {
		return CatalogReads.notFoundAs(() -> client(panel).getPackage(packageId), "package-not-found",
				"Package not found", "VirtFusion has no package " + packageId);
	}

	@Cacheable(cacheNames = CatalogCaching.CATALOG, sync = true)
	public List<OsTemplateGroup> packageTemplates(String panel, long packageId) {
		return CatalogReads.notFoundAs(() -> client(panel).listPackageTemplates(packageId), "package-not-found",
				"Package not found", "VirtFusion has no package " + packageId);
	}

	@Cacheable(cacheNames = CatalogCaching.CATALOG, sync = true)
	public HypervisorGroup group(String panel, long groupId) {
		return CatalogReads.notFoundAs(() -> client(panel).getHypervisorGroup(groupId), "location-not-found",
				"Location not found", "VirtFusion has no hypervisor group " + groupId);
	}

	@Cacheable(cacheNames = CatalogCaching.CATALOG, sync = true)
	public List<HypervisorGroup> groups(String panel) {
		return all((page) -> client(panel).listHypervisorGroups(page));
	}

	@Cacheable(cacheNames = CatalogCaching.CATALOG, sync = true)
	public List<Currency> currencies(String panel) {
		return client(panel).listCurrencies();
	}

	@Cacheable(cacheNames = CatalogCaching.CAPACITY, sync = true)
	public List<HypervisorResources> resources(String panel, long groupId) {
		return all((page) -> client(panel).listHypervisorGroupResources(groupId, page));
	}

	/** Walks every page of a VirtFusion list. */
	private <T> List<T> all(Function<PageRequest, Page<T>> fetch) {
		return Page.collectAll((number) -> fetch.apply(new PageRequest(number, this.properties.pageSize())));
	}

	private VirtFusionClient client(String panel) {
		return this.targets.client(panel);
	}

}
