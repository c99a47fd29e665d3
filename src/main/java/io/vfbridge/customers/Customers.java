package io.vfbridge.customers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mappings between billing and VirtFusion: customers to users, services to servers.
 * Each method is its own short transaction, so no connection is held while VirtFusion is
 * called.
 */
@Component
@EnableConfigurationProperties(CustomersProperties.class)
public class Customers {

	private final CustomerMappingRepository customers;

	private final ServiceMappingRepository services;

	private final MappingStore store;

	private final CustomersProperties properties;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	Customers(CustomerMappingRepository customers, ServiceMappingRepository services, MappingStore store,
			CustomersProperties properties, JdbcTemplate jdbc, Clock clock) {
		this.customers = customers;
		this.services = services;
		this.store = store;
		this.properties = properties;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The mapping of a billing customer on a panel, created (with its extRelationId) when
	 * new.
	 * @throws IllegalArgumentException if the billing id is not an integer in the
	 * {@code billing-id} mode
	 */
	public CustomerMapping customer(String billingId, String panel, String email, String name) {
		Optional<CustomerMapping> existing = this.store.customerByBillingId(billingId, panel);
		if (existing.isPresent()) {
			return existing.get();
		}
		Long extRelationId = extRelationIdFor(billingId);
		// a concurrent job may create it meanwhile: then that one is returned
		return this.store
			.insertCustomer(new CustomerMapping(billingId, panel, extRelationId, email, name, this.clock.instant()));
	}

	/**
	 * The extRelationId vfbridge uses for a billing customer on a panel: its mapping's,
	 * or the billing id itself (the {@code billing-id} mode). Empty for a new customer in
	 * the {@code allocated} mode, whose id is not handed out yet.
	 * @throws IllegalArgumentException if the billing id is not an integer in the
	 * {@code billing-id} mode
	 */
	public Optional<Long> extRelationIdOf(String billingId, String panel) {
		Optional<CustomerMapping> existing = this.store.customerByBillingId(billingId, panel);
		if (existing.isPresent()) {
			return Optional.ofNullable(existing.get().extRelationId());
		}
		if (this.properties.extRelationId() == CustomersProperties.ExtRelationIdMode.ALLOCATED) {
			return Optional.empty();
		}
		return Optional.of(extRelationIdFor(billingId));
	}

	/**
	 * The mapping of a billing customer on a panel, created when new with the given
	 * extRelationId (null: the one {@link #customer} would give) and linked to an
	 * existing VirtFusion user: how an import adopts the user that owns the server.
	 */
	public CustomerMapping adoptUser(String billingId, String panel, Long extRelationId, long userId, String email,
			String name) {
		CustomerMapping customer = this.store.customerByBillingId(billingId, panel).orElseGet(() -> {
			Long ext = (extRelationId != null) ? extRelationId : extRelationIdFor(billingId);
			return this.store
				.insertCustomer(new CustomerMapping(billingId, panel, ext, email, name, this.clock.instant()));
		});
		if (customer.virtfusionUserId() == null) {
			return this.store.updateCustomer(customer.id(), (c) -> c.linkUser(userId, this.clock.instant()));
		}
		return customer;
	}

	/**
	 * The other customers of a panel mapped to this VirtFusion user (by its id or its
	 * extRelationId).
	 */
	public List<CustomerMapping> customersOfUser(String panel, long userId, Long extRelationId) {
		return this.store.customersOfUser(panel, userId, extRelationId);
	}

	private Long extRelationIdFor(String billingId) {
		if (this.properties.extRelationId() == CustomersProperties.ExtRelationIdMode.ALLOCATED) {
			return this.jdbc.queryForObject("select nextval('customer_ext_relation_id_seq')", Long.class);
		}
		if (!billingId.matches("\\d{1,18}")) {
			throw new IllegalArgumentException("billing customer id '" + billingId
					+ "' is not an integer; set vfbridge.customers.ext-relation-id=allocated for string ids");
		}
		return Long.parseLong(billingId);
	}

	/** The mapping of a billing customer on a panel, if known. */
	public Optional<CustomerMapping> findCustomer(String billingId, String panel) {
		return this.store.customerByBillingId(billingId, panel);
	}

	/** A customer mapping by its id. */
	public Optional<CustomerMapping> findCustomer(UUID id) {
		return this.store.customer(id);
	}

	/** Every panel's mapping of a billing customer. */
	@Transactional(readOnly = true)
	public List<CustomerMapping> customerMappings(String billingId) {
		return this.customers.findByBillingIdOrderByPanel(billingId);
	}

	/**
	 * Changes a customer mapping: {@code change} is applied to the latest row, again if
	 * another writer got there first, and written at once (not part of any surrounding
	 * transaction).
	 */
	public CustomerMapping updateCustomer(UUID id, Consumer<CustomerMapping> change) {
		return this.store.updateCustomer(id, change);
	}

	/**
	 * Takes the customer's create lock for {@code owner} (a job id) for {@code duration};
	 * true when held (also when {@code owner} already holds it). Serializes user and
	 * server creation per customer across workers and instances; a crashed holder's lock
	 * expires.
	 */
	public boolean tryLockForCreate(UUID customerId, String owner, Duration duration) {
		Instant now = this.clock.instant();
		return this.jdbc.update("""
				update customer set create_lock_owner = ?, create_lock_expires_at = ?
				where id = ? and (create_lock_owner is null or create_lock_owner = ? or create_lock_expires_at < ?)
				""", owner, Timestamp.from(now.plus(duration)), customerId, owner, Timestamp.from(now)) == 1;
	}

	/** Releases the create lock if {@code owner} holds it. */
	public void unlockForCreate(UUID customerId, String owner) {
		this.jdbc.update("update customer set create_lock_owner = null, create_lock_expires_at = null "
				+ "where id = ? and create_lock_owner = ?", customerId, owner);
	}

	/** The service with this billing id, created (pending) for the customer when new. */
	public ServiceMapping service(String billingId, CustomerMapping customer) {
		Optional<ServiceMapping> existing = this.store.serviceByBillingId(billingId);
		if (existing.isPresent()) {
			return existing.get();
		}
		return this.store
			.insertService(new ServiceMapping(billingId, customer.id(), customer.panel(), this.clock.instant()));
	}

	/** The service with this billing id, if known. */
	public Optional<ServiceMapping> findService(String billingId) {
		return this.store.serviceByBillingId(billingId);
	}

	/** The services of a customer mapping. */
	@Transactional(readOnly = true)
	public List<ServiceMapping> servicesOf(UUID customerId) {
		return this.services.findByCustomerId(customerId);
	}

	/** Every service mapping (reconciliation compares each with VirtFusion). */
	@Transactional(readOnly = true)
	public List<ServiceMapping> allServices() {
		return this.services.findAll();
	}

	/** Every customer mapping on every panel. */
	@Transactional(readOnly = true)
	public List<CustomerMapping> allCustomers() {
		return this.customers.findAll();
	}

	/** The service linked to this server, if any. */
	public Optional<ServiceMapping> findServiceByServer(String panel, long serverId) {
		return this.store.serviceByServer(panel, serverId);
	}

	/** Whether a service already owns this server. */
	public boolean isServerLinked(String panel, long serverId) {
		return this.store.isServerLinked(panel, serverId);
	}

	/**
	 * Changes a service mapping: {@code change} is applied to the latest row, again if
	 * another writer got there first, and written at once (not part of any surrounding
	 * transaction).
	 */
	public ServiceMapping updateService(UUID id, Consumer<ServiceMapping> change) {
		return this.store.updateService(id, change);
	}

	/** The clock mappings are stamped with. */
	public Instant now() {
		return this.clock.instant();
	}

}
