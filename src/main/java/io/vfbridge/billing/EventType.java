package io.vfbridge.billing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The billing event types vfbridge accepts, each with the fields it requires beyond the
 * payload's own constraints and what it is ordered by: everything about one service runs
 * in order; customer events run in order per customer.
 */
public enum EventType {

	SERVICE_CREATE("service.create", Scope.SERVICE, "customer.id", "customer.email", "customer.name", "service.id"),

	SERVICE_SUSPEND("service.suspend", Scope.SERVICE, "service.id"),

	SERVICE_UNSUSPEND("service.unsuspend", Scope.SERVICE, "service.id"),

	SERVICE_TERMINATE("service.terminate", Scope.SERVICE, "service.id"),

	SERVICE_CHANGE_PACKAGE("service.change_package", Scope.SERVICE, "service.id", "service.packageId"),

	SERVICE_RENAME("service.rename", Scope.SERVICE, "service.id", "service.name"),

	SERVICE_RESET_PASSWORD("service.reset_password", Scope.SERVICE, "service.id"),

	SERVICE_REBUILD("service.rebuild", Scope.SERVICE, "service.id", "service.osTemplateId"),

	SERVICE_CHANGE_OWNER("service.change_owner", Scope.SERVICE, "service.id", "newCustomer.id", "newCustomer.email",
			"newCustomer.name"),

	SERVICE_POWER("service.power", Scope.SERVICE, "service.id", "action"),

	SERVICE_RESIZE("service.resize", Scope.SERVICE, "service.id"),

	/**
	 * Links an existing VirtFusion server (made by another billing module) to the
	 * service, without changing the server.
	 */
	SERVICE_IMPORT("service.import", Scope.SERVICE, "customer.id", "service.id", "server"),

	CUSTOMER_UPSERT("customer.upsert", Scope.CUSTOMER, "customer.id", "customer.email", "customer.name"),

	CUSTOMER_RESET_PASSWORD("customer.reset_password", Scope.CUSTOMER, "customer.id"),

	CUSTOMER_DELETE("customer.delete", Scope.CUSTOMER, "customer.id"),

	// ---- network, traffic, backups, VNC, SSH keys, self service and IP blocks

	SERVICE_FIREWALL_ENABLE("service.firewall_enable", Scope.SERVICE, Check.KNOWN, "service.id"),

	SERVICE_FIREWALL_DISABLE("service.firewall_disable", Scope.SERVICE, Check.KNOWN, "service.id"),

	SERVICE_FIREWALL_RULESETS("service.firewall_rulesets", Scope.SERVICE, Check.KNOWN, "service.id", "rulesets"),

	SERVICE_WHITELIST_ADD("service.whitelist_add", Scope.SERVICE, Check.KNOWN, "service.id", "ip", "cidr"),

	SERVICE_WHITELIST_REMOVE("service.whitelist_remove", Scope.SERVICE, Check.KNOWN, "service.id", "ip"),

	SERVICE_IPV4_ADD_QUANTITY("service.ipv4_add_quantity", Scope.SERVICE, Check.KNOWN, "service.id", "quantity"),

	SERVICE_IPV4_ADD("service.ipv4_add", Scope.SERVICE, Check.KNOWN, "service.id", "addresses"),

	SERVICE_IPV4_REMOVE("service.ipv4_remove", Scope.SERVICE, Check.KNOWN, "service.id", "addresses"),

	SERVICE_TRAFFIC_BLOCK_ADD("service.traffic_block_add", Scope.SERVICE, Check.KNOWN, "service.id",
			"trafficBlock.month", "trafficBlock.amount"),

	SERVICE_TRAFFIC_BLOCK_REMOVE("service.traffic_block_remove", Scope.SERVICE, Check.KNOWN, "service.id",
			"trafficBlock.id"),

	SERVICE_TRAFFIC_ALLOWANCE("service.traffic_allowance", Scope.SERVICE, Check.KNOWN, "service.id", "traffic"),

	SERVICE_BACKUP_PLAN_SET("service.backup_plan_set", Scope.SERVICE, Check.KNOWN, "service.id", "backupPlanId"),

	SERVICE_BACKUP_PLAN_REMOVE("service.backup_plan_remove", Scope.SERVICE, Check.KNOWN, "service.id"),

	SERVICE_VNC_ENABLE("service.vnc_enable", Scope.SERVICE, Check.KNOWN, "service.id"),

	SERVICE_VNC_DISABLE("service.vnc_disable", Scope.SERVICE, Check.KNOWN, "service.id"),

	CUSTOMER_SSH_KEY_ADD("customer.ssh_key_add", Scope.CUSTOMER, Check.KNOWN, "customer.id", "sshKey.name",
			"sshKey.publicKey"),

	CUSTOMER_SSH_KEY_DELETE("customer.ssh_key_delete", Scope.CUSTOMER, Check.KNOWN, "customer.id", "sshKey.id"),

	CUSTOMER_CREDIT_ADD("customer.credit_add", Scope.CUSTOMER, Check.KNOWN, "customer.id", "credit.tokens"),

	CUSTOMER_CREDIT_CANCEL("customer.credit_cancel", Scope.CUSTOMER, Check.KNOWN, "customer.id", "credit.id"),

	CUSTOMER_HOURLY_GROUP_PROFILE_ADD("customer.hourly_group_profile_add", Scope.CUSTOMER, Check.KNOWN, "customer.id",
			"profileId"),

	CUSTOMER_HOURLY_GROUP_PROFILE_REMOVE("customer.hourly_group_profile_remove", Scope.CUSTOMER, Check.KNOWN,
			"customer.id", "profileId"),

	CUSTOMER_RESOURCE_GROUP_PROFILE_ADD("customer.resource_group_profile_add", Scope.CUSTOMER, Check.KNOWN,
			"customer.id", "profileId"),

	CUSTOMER_RESOURCE_GROUP_PROFILE_REMOVE("customer.resource_group_profile_remove", Scope.CUSTOMER, Check.KNOWN,
			"customer.id", "profileId"),

	CUSTOMER_RESOURCE_PACK_ADD("customer.resource_pack_add", Scope.CUSTOMER, Check.KNOWN, "customer.id",
			"resourcePack.templateId"),

	CUSTOMER_RESOURCE_PACK_MODIFY("customer.resource_pack_modify", Scope.CUSTOMER, Check.KNOWN, "customer.id",
			"resourcePack.id", "resourcePack.enabled"),

	CUSTOMER_RESOURCE_PACK_DELETE("customer.resource_pack_delete", Scope.CUSTOMER, Check.KNOWN, "customer.id",
			"resourcePack.id"),

	CUSTOMER_RESOURCE_PACK_SUSPEND_SERVERS("customer.resource_pack_suspend_servers", Scope.CUSTOMER, Check.KNOWN,
			"customer.id", "resourcePack.id"),

	CUSTOMER_RESOURCE_PACK_UNSUSPEND_SERVERS("customer.resource_pack_unsuspend_servers", Scope.CUSTOMER, Check.KNOWN,
			"customer.id", "resourcePack.id"),

	CUSTOMER_RESOURCE_PACK_DELETE_SERVERS("customer.resource_pack_delete_servers", Scope.CUSTOMER, Check.KNOWN,
			"customer.id", "resourcePack.id"),

	CUSTOMER_HOURLY_RESOURCE_PACK_SET("customer.hourly_resource_pack_set", Scope.CUSTOMER, Check.KNOWN, "customer.id",
			"hourlyResourcePackId"),

	CUSTOMER_SELF_SERVICE_ACCESS("customer.self_service_access", Scope.CUSTOMER, Check.KNOWN, "customer.id",
			"syncToProfiles"),

	IP_BLOCK_RANGE_ADD("ip_block.range_add", Scope.IP_BLOCK, Check.OPERATOR, "ipBlock.id");

	private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
		.collect(Collectors.toMap(EventType::wireName, Function.identity()));

	private final String wireName;

	private final Scope scope;

	private final List<String> required;

	private final Check check;

	EventType(String wireName, Scope scope, String... required) {
		this(wireName, scope, Check.NONE, required);
	}

	EventType(String wireName, Scope scope, Check check, String... required) {
		this.wireName = wireName;
		this.scope = scope;
		this.check = check;
		this.required = List.of(required);
	}

	/** What intake checks beyond the fields: a known subject, an operator. */
	public Check check() {
		return this.check;
	}

	/** The type as billing systems send it, e.g. {@code service.suspend}. */
	public String wireName() {
		return this.wireName;
	}

	/** What the event's work is ordered by. */
	public Scope scope() {
		return this.scope;
	}

	/** The {@code data} fields this type requires, as dotted paths. */
	public List<String> required() {
		return this.required;
	}

	/** The type with this wire name. */
	public static Optional<EventType> of(String wireName) {
		return Optional.ofNullable(BY_NAME.get(wireName));
	}

	/** What an event's work is ordered by. */
	public enum Scope {

		/** The billing service ({@code data.service.id}). */
		SERVICE,

		/** The billing customer ({@code data.customer.id}). */
		CUSTOMER,

		/** A VirtFusion IP block ({@code data.ipBlock.id}). */
		IP_BLOCK

	}

	/** What intake checks before it accepts an event, beyond its fields. */
	public enum Check {

		/** Nothing more. */
		NONE,

		/**
		 * The service (or customer) must be known to vfbridge, or its creation queued:
		 * else 404.
		 */
		KNOWN,

		/** Only an operator may ask for it, over REST: never from a webhook. */
		OPERATOR

	}

}
