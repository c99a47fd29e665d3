package io.vfbridge.provisioning;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether vfbridge knows a billing service or customer, so intake can refuse an event
 * about one it never saw with a 404 instead of queuing an operation bound to fail. A
 * subject whose creation (or import) is still queued counts as known: its events wait
 * behind it.
 */
@Component
public class KnownSubjects {

	private final JdbcTemplate jdbc;

	KnownSubjects(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A service with a mapping, or with a {@code service.create} or
	 * {@code service.import} queued or running.
	 */
	public boolean knowsService(String serviceId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("""
				select exists (select 1 from service where billing_id = ?)
				    or exists (select 1 from job where ordering_key = ? and type in ('service.create', 'service.import')
				                                   and status in ('queued', 'running'))""", Boolean.class, serviceId,
				NewJob.serviceKey(serviceId)));
	}

	/**
	 * A customer with a mapping that is not deleted, or with a {@code service.create},
	 * {@code service.import} or {@code customer.upsert} queued or running.
	 */
	public boolean knowsCustomer(String customerId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("""
				select exists (select 1 from customer where billing_id = ? and state <> 'deleted')
				    or exists (select 1 from job where customer_id = ?
				                                   and type in ('service.create', 'service.import', 'customer.upsert')
				                                   and status in ('queued', 'running'))""", Boolean.class, customerId,
				customerId));
	}

	/**
	 * Whether an import of this server is queued or running. Any panel's import of the id
	 * counts: a server that might be about to be linked is left alone.
	 */
	public boolean importQueued(long serverId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("""
				select exists (select 1 from job where type = 'service.import' and status in ('queued', 'running')
				                                and payload -> 'server' ->> 'id' = ?)""", Boolean.class,
				Long.toString(serverId)));
	}

}
