package io.vfbridge.virtfusion;

import org.springframework.http.HttpMethod;

/**
 * The operations of the VirtFusion Global API that vfbridge covers (the 80 of the seed
 * list and two neighbours it needs), each with its HTTP method, its path template
 * (relative to {@code /api/v1}), the {@link VirtFusionClient} method that calls it and
 * the documentation area it belongs to.
 *
 * <p>
 * The client builds every request from one of these constants, so a method and the path
 * it calls cannot drift apart; the operation's {@link #clientMethod()} is also the
 * {@code operation} tag of the call metrics and the name in
 * {@link VirtFusionApiException}.
 */
public enum VirtFusionOperation {

	// General
	TEST_CONNECTION("General", "Test connection", "GET", "/connect", "testConnection"),

	// Hypervisors
	LIST_HYPERVISORS("Hypervisors", "Retrieve hypervisors", "GET", "/compute/hypervisors", "listHypervisors"),
	GET_HYPERVISOR("Hypervisors", "Retrieve a hypervisor", "GET", "/compute/hypervisors/{hypervisorId}",
			"getHypervisor"),

	// Hypervisor groups
	LIST_HYPERVISOR_GROUPS("Hypervisor groups", "Retrieve hypervisor groups", "GET", "/compute/hypervisors/groups",
			"listHypervisorGroups"),
	GET_HYPERVISOR_GROUP("Hypervisor groups", "Retrieve a hypervisor group", "GET",
			"/compute/hypervisors/groups/{hypervisorGroupId}", "getHypervisorGroup"),
	LIST_HYPERVISOR_GROUP_RESOURCES("Hypervisor groups", "Retrieve a hypervisor group's resources", "GET",
			"/compute/hypervisors/groups/{hypervisorGroupId}/resources", "listHypervisorGroupResources"),

	// Servers: firewall
	DISABLE_FIREWALL("Servers: firewall", "Disable firewall", "POST",
			"/servers/{serverId}/firewall/{interface}/disable", "disableFirewall"),
	ENABLE_FIREWALL("Servers: firewall", "Enable firewall", "POST", "/servers/{serverId}/firewall/{interface}/enable",
			"enableFirewall"),
	GET_FIREWALL("Servers: firewall", "Retrieve firewall", "GET", "/servers/{serverId}/firewall/{interface}",
			"getFirewall"),
	APPLY_FIREWALL_RULESETS("Servers: firewall", "Apply firewall rulesets", "POST",
			"/servers/{serverId}/firewall/{interface}/rules", "applyFirewallRulesets"),

	// Servers: network
	ADD_WHITELIST_ADDRESS("Servers: network", "Add an address to the whitelist", "POST",
			"/servers/{serverId}/networkWhitelist", "addWhitelistAddress"),
	REMOVE_WHITELIST_ADDRESS("Servers: network", "Remove an address from the whitelist", "DELETE",
			"/servers/{serverId}/networkWhitelist", "removeWhitelistAddress"),
	ADD_IPV4_QUANTITY("Servers: network", "Add a quantity of IPv4 addresses", "POST", "/servers/{serverId}/ipv4Qty",
			"addIpv4Quantity"),
	ADD_IPV4_ADDRESSES("Servers: network", "Add an array of IPv4 addresses", "POST", "/servers/{serverId}/ipv4",
			"addIpv4Addresses"),
	REMOVE_IPV4_ADDRESSES("Servers: network", "Remove an array of IPv4 addresses", "DELETE", "/servers/{serverId}/ipv4",
			"removeIpv4Addresses"),

	// Servers: power
	BOOT_SERVER("Servers: power", "Boot a server", "POST", "/servers/{serverId}/power/boot", "bootServer"),
	SHUTDOWN_SERVER("Servers: power", "Shutdown a server", "POST", "/servers/{serverId}/power/shutdown",
			"shutdownServer"),
	RESTART_SERVER("Servers: power", "Restart a server", "POST", "/servers/{serverId}/power/restart", "restartServer"),
	POWER_OFF_SERVER("Servers: power", "Poweroff a server", "POST", "/servers/{serverId}/power/poweroff",
			"powerOffServer"),

	// Servers: traffic
	ADD_TRAFFIC_BLOCK("Servers: traffic", "Add a traffic block to a server", "POST",
			"/servers/{serverId}/traffic/blocks", "addTrafficBlock"),
	REMOVE_TRAFFIC_BLOCK("Servers: traffic", "Remove a traffic block from a server", "DELETE",
			"/servers/{serverId}/traffic/blocks/{blockId}", "removeTrafficBlock"),
	LIST_TRAFFIC_BLOCKS("Servers: traffic", "Retrieve a server's traffic blocks", "GET",
			"/servers/{serverId}/traffic/blocks", "listTrafficBlocks"),

	// Servers
	FIND_SERVER("Servers", "Retrieve a server", "GET", "/servers/{serverId}", "findServer"),
	SET_BACKUP_PLAN("Servers", "Add, remove or modify a backup plan", "PUT",
			"/servers/{serverId}/backups/plan/{planId}", "setBackupPlan"),
	BUILD_SERVER("Servers", "Build a server", "POST", "/servers/{serverId}/build", "buildServer"),
	CHANGE_SERVER_PACKAGE("Servers", "Change a server package", "PUT", "/servers/{serverId}/package/{packageId}",
			"changeServerPackage"),
	CREATE_SERVER("Servers", "Create a server", "POST", "/servers", "createServer"),
	DELETE_SERVER("Servers", "Delete a server", "DELETE", "/servers/{serverId}", "deleteServer"),
	LIST_SERVERS("Servers", "Retrieve servers", "GET", "/servers", "listServers"),
	MODIFY_SERVER_NAME("Servers", "Modify a server name", "PUT", "/servers/{serverId}/modify/name", "modifyServerName"),
	RESET_SERVER_PASSWORD("Servers", "Reset a server password", "POST", "/servers/{serverId}/resetPassword",
			"resetServerPassword"),
	LIST_USER_SERVERS("Servers", "Retrieve a user's servers", "GET", "/servers/user/{userId}", "listUserServers"),
	LIST_SERVER_TEMPLATES("Servers", "Retrieve OS templates available to a server", "GET",
			"/servers/{serverId}/templates", "listServerTemplates"),
	SUSPEND_SERVER("Servers", "Suspend a server", "POST", "/servers/{serverId}/suspend", "suspendServer"),
	THROTTLE_SERVER_CPU("Servers", "Throttle a server's CPU", "PUT", "/servers/{serverId}/modify/cpuThrottle",
			"throttleServerCpu"),
	GET_SERVER_TRAFFIC("Servers", "Retrieve a server's traffic statistics", "GET", "/servers/{serverId}/traffic",
			"getServerTraffic"),
	UNSUSPEND_SERVER("Servers", "Unsuspend a server", "POST", "/servers/{serverId}/unsuspend", "unsuspendServer"),
	SET_SERVER_VNC("Servers", "Enable or disable VNC for a server", "POST", "/servers/{serverId}/vnc", "setServerVnc"),
	CHANGE_SERVER_OWNER("Servers", "Change owner", "PUT", "/servers/{serverId}/owner/{newOwnerId}",
			"changeServerOwner"),
	MODIFY_SERVER_TRAFFIC("Servers", "Modify primary traffic allowance", "PUT", "/servers/{serverId}/modify/traffic",
			"modifyServerTraffic"),

	// IP blocks
	ADD_IP_BLOCK_RANGE("IP blocks", "Add an IPv4 range to an IP block", "POST", "/connectivity/ipblocks/{blockId}/ipv4",
			"addIpBlockRange"),
	LIST_IP_BLOCKS("IP blocks", "Retrieve IP blocks", "GET", "/connectivity/ipblocks", "listIpBlocks"),
	GET_IP_BLOCK("IP blocks", "Retrieve an IP block", "GET", "/connectivity/ipblocks/{blockId}", "getIpBlock"),

	// Backups, DNS, media, packages, queue
	LIST_SERVER_BACKUPS("Backups", "Retrieve a server's backups", "GET", "/backups/server/{serverId}",
			"listServerBackups"),
	GET_DNS_SERVICE("DNS", "Retrieve a DNS service", "GET", "/dns/services/{serviceId}", "getDnsService"),
	GET_ISO("Media", "Retrieve an ISO", "GET", "/media/iso/{isoId}", "getIso"),
	LIST_PACKAGE_TEMPLATES("Media", "Retrieve OS templates available for a package", "GET",
			"/media/templates/fromServerPackageSpec/{serverPackageId}", "listPackageTemplates"),
	LIST_PACKAGES("Packages", "Retrieve packages", "GET", "/packages", "listPackages"),
	GET_PACKAGE("Packages", "Retrieve a package", "GET", "/packages/{packageId}", "getPackage"),
	GET_QUEUE_ITEM("Queue", "Retrieve a queue item", "GET", "/queue/{queueId}", "getQueueItem"),

	// SSH keys
	ADD_SSH_KEY("SSH keys", "Add an SSH key to a user", "POST", "/ssh_keys", "addSshKey"),
	DELETE_SSH_KEY("SSH keys", "Delete an SSH key", "DELETE", "/ssh_keys/{keyId}", "deleteSshKey"),
	LIST_USER_SSH_KEYS("SSH keys", "Retrieve a user's SSH keys", "GET", "/ssh_keys/user/{userId}", "listUserSshKeys"),
	GET_SSH_KEY("SSH keys", "Retrieve an SSH key", "GET", "/ssh_keys/{keyId}", "getSshKey"),

	// Users
	DELETE_USER("Users", "Delete a user", "DELETE", "/users/{extRelationId}/byExtRelation", "deleteUser"),
	CREATE_LOGIN_TOKENS("Users", "Generate a set of login tokens", "POST",
			"/users/{extRelationId}/authenticationTokens", "createLoginTokens"),
	CREATE_SERVER_LOGIN_TOKENS("Users", "Generate login tokens using a server ID", "POST",
			"/users/{extRelationId}/serverAuthenticationTokens/{serverId}", "createServerLoginTokens"),
	MODIFY_USER("Users", "Modify a user", "PUT", "/users/{extRelationId}/byExtRelation", "modifyUser"),
	RESET_USER_PASSWORD("Users", "Change a user password", "POST", "/users/{extRelationId}/byExtRelation/resetPassword",
			"resetUserPassword"),
	FIND_USER_BY_EXT_RELATION_ID("Users", "Retrieve a user", "GET", "/users/{extRelationId}/byExtRelation",
			"findUserByExtRelationId"),
	CREATE_USER("Users", "Create a user", "POST", "/users", "createUser"),

	// Self service by external relation id
	ADD_CREDIT("Self service", "Add credit to a user", "POST",
			"/selfService/credit/byUserExtRelationId/{extRelationId}", "addCredit"),
	ADD_HOURLY_GROUP_PROFILE("Self service", "Add an hourly group profile to a user", "POST",
			"/selfService/hourlyGroupProfile/byUserExtRelationId/{extRelationId}", "addHourlyGroupProfile"),
	ADD_RESOURCE_GROUP_PROFILE("Self service", "Add a resource group profile to a user", "POST",
			"/selfService/resourceGroupProfile/byUserExtRelationId/{extRelationId}", "addResourceGroupProfile"),
	ADD_RESOURCE_PACK("Self service", "Add a resource pack to a user", "POST",
			"/selfService/resourcePack/byUserExtRelationId/{extRelationId}", "addResourcePack"),
	GET_HOURLY_STATS("Self service", "Retrieve hourly statistics", "GET",
			"/selfService/hourlyStats/byUserExtRelationId/{extRelationId}", "getHourlyStats"),
	MODIFY_SELF_SERVICE_ACCESS("Self service", "Modify user access", "PUT",
			"/selfService/access/byUserExtRelationId/{extRelationId}", "modifySelfServiceAccess"),
	REMOVE_HOURLY_GROUP_PROFILE("Self service", "Remove hourly group profile from a user", "DELETE",
			"/selfService/hourlyGroupProfile/{profileId}/byUserExtRelationId/{extRelationId}",
			"removeHourlyGroupProfile"),
	REMOVE_RESOURCE_GROUP_PROFILE("Self service", "Remove resource group from a user", "DELETE",
			"/selfService/resourceGroupProfile/{profileId}/byUserExtRelationId/{extRelationId}",
			"removeResourceGroupProfile"),
	GENERATE_REPORT("Self service", "Generate a report", "GET",
			"/selfService/report/byUserExtRelationId/{extRelationId}", "generateReport"),
	SET_HOURLY_RESOURCE_PACK("Self service", "Set an hourly resource pack", "PUT",
			"/selfService/hourlyResourcePack/byUserExtRelationId/{extRelationId}", "setHourlyResourcePack"),
	GET_USAGE("Self service", "Retrieve a user's usage", "GET",
			"/selfService/usage/byUserExtRelationId/{extRelationId}", "getUsage"),

	// Self service by pack or credit id
	CANCEL_CREDIT("Self service", "Cancel credit that was applied to a user", "DELETE",
			"/selfService/credit/{creditId}", "cancelCredit"),
	DELETE_RESOURCE_PACK_SERVERS("Self service", "Delete all servers attached to a pack", "DELETE",
			"/selfService/resourcePackServers/{packId}", "deleteResourcePackServers"),
	DELETE_RESOURCE_PACK("Self service", "Delete a user resource pack", "DELETE", "/selfService/resourcePack/{packId}",
			"deleteResourcePack"),
	GET_RESOURCE_PACK("Self service", "Retrieve a user resource pack", "GET", "/selfService/resourcePack/{packId}",
			"getResourcePack"),
	MODIFY_RESOURCE_PACK("Self service", "Modify a user resource pack", "PUT", "/selfService/resourcePack/{packId}",
			"modifyResourcePack"),
	LIST_CURRENCIES("Self service", "Retrieve currencies", "GET", "/selfService/currencies", "listCurrencies"),
	SUSPEND_RESOURCE_PACK_SERVERS("Self service", "Suspend all servers assigned to a resource pack", "POST",
			"/selfService/resourcePackServers/{packId}/suspend", "suspendResourcePackServers"),
	UNSUSPEND_RESOURCE_PACK_SERVERS("Self service", "Unsuspend all servers assigned to a resource pack", "POST",
			"/selfService/resourcePackServers/{packId}/unsuspend", "unsuspendResourcePackServers"),

	// Neighbouring operations of the same documentation revision, outside the seed list:
	// resizing needs them
	MODIFY_SERVER_MEMORY("Servers (neighbouring)", "Modify memory", "PUT", "/servers/{serverId}/modify/memory",
			"modifyServerMemory", false),
	MODIFY_SERVER_CPU_CORES("Servers (neighbouring)", "Modify CPU cores", "PUT", "/servers/{serverId}/modify/cpuCores",
			"modifyServerCpuCores", false);

	private final String area;

	private final String title;

	private final HttpMethod method;

	private final String path;

	private final String clientMethod;

	private final boolean seed;

	VirtFusionOperation(String area, String title, String method, String path, String clientMethod) {
		this(area, title, method, path, clientMethod, true);
	}

	VirtFusionOperation(String area, String title, String method, String path, String clientMethod, boolean seed) {
		this.seed = seed;
		this.area = area;
		this.title = title;
		this.method = HttpMethod.valueOf(method);
		this.path = path;
		this.clientMethod = clientMethod;
	}

	/** The documentation area, e.g. {@code Servers: network}. */
	public String area() {
		return this.area;
	}

	/** The operation's title in VirtFusion's documentation (typos corrected). */
	public String title() {
		return this.title;
	}

	/**
	 * Whether the operation is one of the 80 of the seed table of contents (the rest are
	 * its neighbours).
	 */
	public boolean isSeed() {
		return this.seed;
	}

	/** The HTTP method. */
	public HttpMethod method() {
		return this.method;
	}

	/** The path template relative to the API base ({@code /api/v1}). */
	public String path() {
		return this.path;
	}

	/** The name of the {@link VirtFusionClient} method that performs this operation. */
	public String clientMethod() {
		return this.clientMethod;
	}

	/**
	 * Whether HTTP semantics make a repeat harmless: GET, PUT and DELETE. Only these are
	 * retried by the client after the request may have reached VirtFusion.
	 */
	public boolean isIdempotent() {
		return this.method == HttpMethod.GET || this.method == HttpMethod.PUT || this.method == HttpMethod.DELETE;
	}

}
