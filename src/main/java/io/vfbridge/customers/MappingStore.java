package io.vfbridge.customers;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the mapping rows the job workers touch on every run with plain
 * statements: one round trip each, no persistence context. Writes are optimistic: a
 * change is applied to the latest row and written only if nobody wrote it meanwhile (the
 * row's {@code version}), else applied again to the newer row.
 */
@Component
class MappingStore {

	private static final RowMapper<ServiceMapping> SERVICE = (row, n) -> ServiceMapping.fromRow(row);

	private static final RowMapper<CustomerMapping> CUSTOMER = (row, n) -> CustomerMapping.fromRow(row);

	private static final int WRITE_ATTEMPTS = 5;

	private final JdbcTemplate jdbc;

	MappingStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ServiceMapping> serviceByBillingId(String billingId) {
		return first(this.jdbc.query("select * from service where billing_id = ?", SERVICE, billingId));
	}

	Optional<ServiceMapping> service(UUID id) {
		return first(this.jdbc.query("select * from service where id = ?", SERVICE, id));
	}

	Optional<CustomerMapping> customerByBillingId(String billingId, String panel) {
		return first(this.jdbc.query("select * from customer where billing_id = ? and panel = ?", CUSTOMER, billingId,
				panel));
	}

	Optional<CustomerMapping> customer(UUID id) {
		return first(this.jdbc.query("select * from customer where id = ?", CUSTOMER, id));
	}

	/**
	 * Stores a new service unless one with its billing id exists; returns the stored one
	 * either way.
	 */
	ServiceMapping insertService(ServiceMapping service) {
		this.jdbc.update("""
				insert into service (id, billing_id, customer_id, panel, state, state_reason, server_id, server_uuid,
				                     package_id, hypervisor_group_id, os_template_id, hostname, ipv4, ipv6,
				                     created_at, updated_at, version)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict do nothing
				""", service.columns());
		return serviceByBillingId(service.billingId()).orElseThrow(() -> new DataIntegrityViolationException(
				"service " + service.billingId() + " conflicts with an existing service"));
	}

	/**
	 * Stores a new customer mapping unless one exists for its billing id and panel;
	 * returns the stored one either way.
	 */
	CustomerMapping insertCustomer(CustomerMapping customer) {
		this.jdbc.update("""
				insert into customer (id, billing_id, panel, ext_relation_id, virtfusion_user_id, email, name, state,
				                      state_reason, created_at, updated_at, version)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict do nothing
				""", customer.columns());
		return customerByBillingId(customer.billingId(), customer.panel())
			.orElseThrow(() -> new DataIntegrityViolationException("customer " + customer.billingId()
					+ " conflicts with another customer's extRelationId " + customer.extRelationId()));
	}

	/** Applies {@code change} to the service's latest row and writes it. */
	ServiceMapping updateService(UUID id, Consumer<ServiceMapping> change) {
		for (int attempt = 1;; attempt++) {
			ServiceMapping service = service(id).orElseThrow(() -> new IllegalArgumentException("no service " + id));
			change.accept(service);
			Object[] c = service.columns();
			int written = this.jdbc.update("""
					update service set customer_id = ?, state = ?, state_reason = ?, server_id = ?, server_uuid = ?,
					                   package_id = ?, hypervisor_group_id = ?, os_template_id = ?, hostname = ?,
					                   ipv4 = ?, ipv6 = ?, updated_at = ?, version = version + 1
					where id = ? and version = ?
					""", c[2], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13], c[15], id,
					service.version());
			if (written == 1) {
				service.versionWritten();
				return service;
			}
			if (attempt == WRITE_ATTEMPTS) {
				throw new OptimisticLockingFailureException("service " + id + " kept changing; not written");
			}
		}
	}

	/** Applies {@code change} to the customer's latest row and writes it. */
	CustomerMapping updateCustomer(UUID id, Consumer<CustomerMapping> change) {
		for (int attempt = 1;; attempt++) {
			CustomerMapping customer = customer(id)
				.orElseThrow(() -> new IllegalArgumentException("no customer " + id));
			change.accept(customer);
			Object[] c = customer.columns();
			int written = this.jdbc.update("""
					update customer set virtfusion_user_id = ?, email = ?, name = ?, state = ?, state_reason = ?,
					                    updated_at = ?, version = version + 1
					where id = ? and version = ?
					""", c[4], c[5], c[6], c[7], c[8], c[10], id, customer.version());
			if (written == 1) {
				customer.versionWritten();
				return customer;
			}
			if (attempt == WRITE_ATTEMPTS) {
				throw new OptimisticLockingFailureException("customer " + id + " kept changing; not written");
			}
		}
	}

	Optional<ServiceMapping> serviceByServer(String panel, long serverId) {
		return first(
				this.jdbc.query("select * from service where panel = ? and server_id = ?", SERVICE, panel, serverId));
	}

	/**
	 * The customer mappings of a panel that name this VirtFusion user or extRelationId.
	 */
	List<CustomerMapping> customersOfUser(String panel, long userId, Long extRelationId) {
		return this.jdbc.query("""
				select * from customer where panel = ? and state <> 'deleted'
				  and (virtfusion_user_id = ? or ext_relation_id = cast(? as bigint))
				order by billing_id""", CUSTOMER, panel, userId, extRelationId);
	}

	boolean isServerLinked(String panel, long serverId) {
		return Boolean.TRUE
			.equals(this.jdbc.queryForObject("select exists (select 1 from service where panel = ? and server_id = ?)",
					Boolean.class, panel, serverId));
	}

	private static <T> Optional<T> first(List<T> rows) {
		return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
	}

}
