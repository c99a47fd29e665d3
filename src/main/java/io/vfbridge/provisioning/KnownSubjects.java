package io.vfbridge.provisioning;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether vfbridge knows a billing service or customer, so intake can refuse an event
 * about one it never saw with a 404 instead of queuing an operation bound to fail. A
 * subject whose creation is still queued counts as known: its events wait behind it.
 */
@Component
public class KnownSubjects {

	private final JdbcTemplate jdbc;

	KnownSubjects(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A service with a mapping, or with a {@code service.create} queued or running. */
	public boolean knowsService(String serviceId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("""
				select exists (select 1 from service where billing_id = ?)
				    or exists (select 1 from job where ordering_key = ? and type = 'service.create'
				                                   and status in ('queued', 'running'))""", Boolean.class, serviceId,
				NewJob.serviceKey(serviceId)));
	}

	/**
	 * A customer with a mapping that is not deleted, or with a {@code service.create} or
	 * {@code customer.upsert} queued or running.
	 */
	public boolean knowsCustomer(String customerId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("""
				select exists (select 1 from customer where billing_id = ? and state <> 'deleted')
				    or exists (select 1 from job where customer_id = ? and type in ('service.create', 'customer.upsert')
				                                   and status in ('queued', 'running'))""", Boolean.class, customerId,
				customerId));
	}

}
