package io.vfbridge.simulator;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The simulator's routes: every VirtFusion operation of the reference under
 * {@code <base-path>/api/v1}, in the reference's order and with its templates, and the
 * harness under {@code <base-path>/_admin}.
 */
final class ApiRoutes {

	private final String apiRoot;

	private final ApiGateway gateway;

	private final RouterFunctions.Builder routes = RouterFunctions.route();

	private final List<String> operations = new ArrayList<>();

	private ApiRoutes(String apiRoot, ApiGateway gateway) {
		this.apiRoot = apiRoot;
		this.gateway = gateway;
	}

	static String apiRoot(String basePath) {
		return basePath + "/api/v1";
	}

	/**
	 * The operations as {@code METHOD /template}, for the documentation and the tests.
	 */
	List<String> operations() {
		return List.copyOf(this.operations);
	}

	static ApiRoutes build(String basePath, ApiGateway gateway, CatalogApi catalog, ServerApi servers,
			ServerNetworkApi network, UserApi users, SelfServiceApi selfService, AdminApi admin) {
		ApiRoutes api = new ApiRoutes(apiRoot(basePath), gateway);
		// 2. General
		api.get("/connect", catalog::connect);
		// 3–4. Hypervisors and groups ("groups" first: it would match {hypervisorId})
		api.get("/compute/hypervisors/groups", catalog::groups);
		api.get("/compute/hypervisors/groups/{hypervisorGroupId}", catalog::group);
		api.get("/compute/hypervisors/groups/{hypervisorGroupId}/resources", catalog::groupResources);
		api.get("/compute/hypervisors", catalog::hypervisors);
		api.get("/compute/hypervisors/{hypervisorId}", catalog::hypervisor);
		// 5.1 Firewall
		api.post("/servers/{serverId}/firewall/{interface}/disable", network::disableFirewall);
		api.post("/servers/{serverId}/firewall/{interface}/enable", network::enableFirewall);
		api.get("/servers/{serverId}/firewall/{interface}", network::firewall);
		api.post("/servers/{serverId}/firewall/{interface}/rules", network::applyRulesets);
		// 5.2 Whitelist and IPv4
		api.post("/servers/{serverId}/networkWhitelist", network::whitelist);
		api.delete("/servers/{serverId}/networkWhitelist", network::unwhitelist);
		api.post("/servers/{serverId}/ipv4Qty", network::addIpv4Quantity);
		api.post("/servers/{serverId}/ipv4", network::addIpv4);
		api.delete("/servers/{serverId}/ipv4", network::removeIpv4);
		// 5.3 Power
		api.post("/servers/{serverId}/power/boot", servers::boot);
		api.post("/servers/{serverId}/power/shutdown", servers::shutdown);
		api.post("/servers/{serverId}/power/restart", servers::restart);
		api.post("/servers/{serverId}/power/poweroff", servers::powerOff);
		// 5.4 Traffic
		api.post("/servers/{serverId}/traffic/blocks", network::addTrafficBlock);
		api.delete("/servers/{serverId}/traffic/blocks/{blockId}", network::removeTrafficBlock);
		api.get("/servers/{serverId}/traffic/blocks", network::trafficBlocks);
		api.put("/servers/{serverId}/modify/traffic", servers::modifyTraffic);
		// 5.5 Lifecycle and settings
		api.get("/servers/user/{userId}", servers::userServers);
		api.get("/servers/{serverId}", servers::retrieve);
		api.put("/servers/{serverId}/backups/plan/{planId}", servers::backupPlan);
		api.post("/servers/{serverId}/build", servers::build);
		api.put("/servers/{serverId}/package/{packageId}", servers::changePackage);
		api.post("/servers", servers::create);
		api.delete("/servers/{serverId}", servers::delete);
		api.get("/servers", servers::list);
		api.put("/servers/{serverId}/modify/name", servers::rename);
		api.post("/servers/{serverId}/resetPassword", servers::resetPassword);
		api.get("/servers/{serverId}/templates", servers::templates);
		api.post("/servers/{serverId}/suspend", servers::suspend);
		api.put("/servers/{serverId}/modify/cpuThrottle", servers::throttleCpu);
		api.get("/servers/{serverId}/traffic", network::trafficStatistics);
		api.post("/servers/{serverId}/unsuspend", servers::unsuspend);
		api.post("/servers/{serverId}/vnc", servers::toggleVnc);
		api.put("/servers/{serverId}/owner/{newOwnerId}", servers::changeOwner);
		// 6. IP blocks
		api.post("/connectivity/ipblocks/{blockId}/ipv4", catalog::addIpv4Range);
		api.get("/connectivity/ipblocks", catalog::ipBlocks);
		api.get("/connectivity/ipblocks/{blockId}", catalog::ipBlock);
		// 7. Backups, DNS, media, packages
		api.get("/backups/server/{serverId}", catalog::backups);
		api.get("/dns/services/{serviceId}", catalog::dnsService);
		api.get("/media/iso/{isoId}", catalog::iso);
		api.get("/media/templates/fromServerPackageSpec/{serverPackageId}", catalog::packageTemplates);
		api.get("/packages", catalog::packages);
		api.get("/packages/{packageId}", catalog::pkg);
		// 8. Queue
		api.get("/queue/{queueId}", catalog::queueItem);
		// 9. SSH keys
		api.post("/ssh_keys", users::addSshKey);
		api.delete("/ssh_keys/{keyId}", users::deleteSshKey);
		api.get("/ssh_keys/user/{userId}", users::userSshKeys);
		api.get("/ssh_keys/{keyId}", users::sshKey);
		// 10. Users
		api.post("/users", users::create);
		api.get("/users/{extRelationId}/byExtRelation", users::retrieve);
		api.put("/users/{extRelationId}/byExtRelation", users::modify);
		api.delete("/users/{extRelationId}/byExtRelation", users::delete);
		api.post("/users/{extRelationId}/byExtRelation/resetPassword", users::resetPassword);
		api.post("/users/{extRelationId}/authenticationTokens", users::loginTokens);
		api.post("/users/{extRelationId}/serverAuthenticationTokens/{serverId}", users::serverLoginTokens);
		// 11. Self service by external relation id
		api.post("/selfService/credit/byUserExtRelationId/{extRelationId}", selfService::addCredit);
		api.post("/selfService/hourlyGroupProfile/byUserExtRelationId/{extRelationId}",
				selfService::addHourlyGroupProfile);
		api.post("/selfService/resourceGroupProfile/byUserExtRelationId/{extRelationId}",
				selfService::addResourceGroupProfile);
		api.post("/selfService/resourcePack/byUserExtRelationId/{extRelationId}", selfService::addResourcePack);
		api.put("/selfService/access/byUserExtRelationId/{extRelationId}", selfService::modifyAccess);
		api.delete("/selfService/hourlyGroupProfile/{profileId}/byUserExtRelationId/{extRelationId}",
				selfService::removeHourlyGroupProfile);
		api.delete("/selfService/resourceGroupProfile/{profileId}/byUserExtRelationId/{extRelationId}",
				selfService::removeResourceGroupProfile);
		api.put("/selfService/hourlyResourcePack/byUserExtRelationId/{extRelationId}",
				selfService::setHourlyResourcePack);
		api.get("/selfService/hourlyStats/byUserExtRelationId/{extRelationId}", selfService::hourlyStats);
		api.get("/selfService/report/byUserExtRelationId/{extRelationId}", selfService::report);
		api.get("/selfService/usage/byUserExtRelationId/{extRelationId}", selfService::usage);
		// 12. Self service by pack or credit id
		api.delete("/selfService/credit/{creditId}", selfService::cancelCredit);
		api.delete("/selfService/resourcePackServers/{packId}", selfService::deletePackServers);
		api.delete("/selfService/resourcePack/{packId}", selfService::deleteUserPack);
		api.get("/selfService/resourcePack/{packId}", selfService::userPack);
		api.put("/selfService/resourcePack/{packId}", selfService::modifyUserPack);
		api.get("/selfService/currencies", catalog::currencies);
		api.post("/selfService/resourcePackServers/{packId}/suspend", selfService::suspendPackServers);
		api.post("/selfService/resourcePackServers/{packId}/unsuspend", selfService::unsuspendPackServers);
		// 13. Neighbouring operations of the same docs revision
		api.get("/servers/{serverId}/vnc", servers::vncDetails);
		api.put("/servers/{serverId}/modify/memory", servers::modifyMemory);
		api.put("/servers/{serverId}/modify/cpuCores", servers::modifyCpuCores);
		api.post("/servers/{serverId}/customXML", servers::customXml);
		api.put("/servers/{serverId}/backupManager/access", servers::backupManagerAccess);
		api.routes.route(RequestPredicates.path(api.apiRoot + "/**"), gateway::unknownRoute);
		String adminRoot = basePath + "/_admin";
		api.routes.GET(adminRoot + "/faults", admin::listFaults)
			.POST(adminRoot + "/faults", admin::addFaults)
			.DELETE(adminRoot + "/faults", admin::clearFaults)
			.DELETE(adminRoot + "/faults/{id}", admin::removeFault)
			.GET(adminRoot + "/stats", admin::stats)
			.POST(adminRoot + "/reset", admin::reset)
			.POST(adminRoot + "/servers/{serverId}/traffic", admin::countTraffic);
		return api;
	}

	RouterFunction<ServerResponse> routerFunction() {
		return this.routes.build();
	}

	private void get(String template, HandlerFunction<ServerResponse> handler) {
		add(HttpMethod.GET, template, handler);
	}

	private void post(String template, HandlerFunction<ServerResponse> handler) {
		add(HttpMethod.POST, template, handler);
	}

	private void put(String template, HandlerFunction<ServerResponse> handler) {
		add(HttpMethod.PUT, template, handler);
	}

	private void delete(String template, HandlerFunction<ServerResponse> handler) {
		add(HttpMethod.DELETE, template, handler);
	}

	private void add(HttpMethod method, String template, HandlerFunction<ServerResponse> handler) {
		this.operations.add(method.name() + " " + template);
		// Laravel's router, as VirtFusion runs it, takes a trailing slash on any route
		// (one official billing module creates servers with "POST servers/").
		this.routes.route(
				RequestPredicates.method(method)
					.and(RequestPredicates.path(this.apiRoot + template)
						.or(RequestPredicates.path(this.apiRoot + template + "/"))),
				this.gateway.operation(method.name(), template, handler));
	}

}
