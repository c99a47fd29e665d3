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

	CUSTOMER_UPSERT("customer.upsert", Scope.CUSTOMER, "customer.id", "customer.email", "customer.name"),

	CUSTOMER_RESET_PASSWORD("customer.reset_password", Scope.CUSTOMER, "customer.id"),

	CUSTOMER_DELETE("customer.delete", Scope.CUSTOMER, "customer.id");

	private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
		.collect(Collectors.toMap(EventType::wireName, Function.identity()));

	private final String wireName;

	private final Scope scope;

	private final List<String> required;

	EventType(String wireName, Scope scope, String... required) {
		this.wireName = wireName;
		this.scope = scope;
		this.required = List.of(required);
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
		CUSTOMER

	}

}
