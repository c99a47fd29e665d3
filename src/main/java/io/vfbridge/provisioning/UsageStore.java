package io.vfbridge.provisioning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vfbridge.virtfusion.Redaction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Usage pulled from VirtFusion, and the state of each service's sync, in PostgreSQL. */
@Component
public class UsageStore {

	private static final String SELECT = """
			select s.id, s.billing_id, s.panel, s.server_id, y.last_attempt_at, y.last_synced_at, y.last_error,
			       y.last_error_at, coalesce(y.failures, 0) as failures, u.period_start, u.period_end, u.rx_bytes,
			       u.tx_bytes, u.total_bytes, u.limit_gb, u.disk_capacity_bytes, u.disk_used_bytes, u.synced_at
			from service s
			left join service_usage_sync y on y.service_id = s.id
			left join service_usage u on u.service_id = s.id
			""";

	private final JdbcTemplate jdbc;

	UsageStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A service whose usage is pulled. */
	record Target(UUID id, String billingId, String panel, long serverId) {
	}

	/** Active and suspended services with a server: those whose usage billing needs. */
	List<Target> targets() {
		return this.jdbc.query("""
				select id, billing_id, panel, server_id from service
				where state in ('active', 'suspended') and server_id is not null order by billing_id""",
				(rs, row) -> new Target(rs.getObject("id", UUID.class), rs.getString("billing_id"),
						rs.getString("panel"), rs.getLong("server_id")));
	}

	/** Stores the periods pulled for a service and marks its sync successful. */
	@Transactional
	void recordSuccess(UUID serviceId, List<ServiceUsage.Period> periods, Instant now) {
		for (ServiceUsage.Period period : periods) {
			this.jdbc.update("""
					insert into service_usage (service_id, period_start, period_end, rx_bytes, tx_bytes, total_bytes,
					                           limit_gb, disk_capacity_bytes, disk_used_bytes, synced_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					on conflict (service_id, period_start) do update set period_end = excluded.period_end,
					    rx_bytes = excluded.rx_bytes, tx_bytes = excluded.tx_bytes, total_bytes = excluded.total_bytes,
					    limit_gb = excluded.limit_gb,
					    disk_capacity_bytes = coalesce(excluded.disk_capacity_bytes, service_usage.disk_capacity_bytes),
					    disk_used_bytes = coalesce(excluded.disk_used_bytes, service_usage.disk_used_bytes),
					    synced_at = excluded.synced_at""", serviceId, Timestamp.valueOf(period.start()),
					(period.end() != null) ? Timestamp.valueOf(period.end()) : null, period.rxBytes(), period.txBytes(),
					period.totalBytes(), period.limitGb(), period.diskCapacityBytes(), period.diskUsedBytes(),
					Timestamp.from(now));
		}
		this.jdbc.update("""
				insert into service_usage_sync (service_id, last_attempt_at, last_synced_at, failures)
				values (?, ?, ?, 0)
				on conflict (service_id) do update set last_attempt_at = excluded.last_attempt_at,
				    last_synced_at = excluded.last_synced_at, failures = 0""", serviceId, Timestamp.from(now),
				Timestamp.from(now));
	}

	/** Records why a service's sync failed; its last figures stay. */
	void recordFailure(UUID serviceId, String error, Instant now) {
		this.jdbc.update("""
				insert into service_usage_sync (service_id, last_attempt_at, last_error, last_error_at, failures)
				values (?, ?, ?, ?, 1)
				on conflict (service_id) do update set last_attempt_at = excluded.last_attempt_at,
				    last_error = excluded.last_error, last_error_at = excluded.last_error_at,
				    failures = service_usage_sync.failures + 1""", serviceId, Timestamp.from(now),
				Redaction.text(error), Timestamp.from(now));
	}

	/** The usage of a service with every period, newest first; empty if unknown. */
	public Optional<ServiceUsage> forService(String billingId) {
		List<ServiceUsage> found = read(SELECT + " where s.billing_id = ? order by u.period_start desc nulls last",
				billingId);
		return found.stream().findFirst();
	}

	/**
	 * Every service synced successfully at or after {@code since}, with its newest period
	 * only, in the order of their syncs.
	 */
	public List<ServiceUsage> syncedSince(Instant since) {
		List<ServiceUsage> all = read(SELECT + """
				where y.last_synced_at >= ?
				  and (u.period_start is null or u.period_start = (select max(period_start) from service_usage
				                                                   where service_id = s.id))
				order by y.last_synced_at, s.billing_id""", Timestamp.from(since));
		return all;
	}

	/**
	 * One page of the services synced successfully at or after {@code since}, with their
	 * newest period only, ordered by billing service id: a service that syncs again while
	 * a caller pages keeps its place, so pages never skip or repeat one.
	 * @param afterServiceId the last billing service id of the previous page, or null for
	 * the first page
	 * @param limit the most services returned
	 */
	public List<ServiceUsage> syncedSince(Instant since, String afterServiceId, int limit) {
		return read(SELECT + """
				where y.last_synced_at >= ? and s.billing_id > ?
				  and (u.period_start is null or u.period_start = (select max(period_start) from service_usage
				                                                   where service_id = s.id))
				order by s.billing_id
				limit ?""", Timestamp.from(since), (afterServiceId != null) ? afterServiceId : "", limit);
	}

	private List<ServiceUsage> read(String sql, Object... args) {
		Map<UUID, ServiceUsage> services = new LinkedHashMap<>();
		Map<UUID, List<ServiceUsage.Period>> periods = new LinkedHashMap<>();
		this.jdbc.query(sql, (ResultSet rs) -> {
			UUID id = rs.getObject("id", UUID.class);
			if (!services.containsKey(id)) {
				ServiceUsage.Sync sync = new ServiceUsage.Sync(instant(rs, "last_attempt_at"),
						instant(rs, "last_synced_at"), rs.getString("last_error"), instant(rs, "last_error_at"),
						rs.getInt("failures"));
				long serverId = rs.getLong("server_id");
				services.put(id, new ServiceUsage(rs.getString("billing_id"), rs.getString("panel"),
						rs.wasNull() ? null : serverId, sync, List.of()));
				periods.put(id, new ArrayList<>());
			}
			Timestamp start = rs.getTimestamp("period_start");
			if (start != null) {
				Timestamp end = rs.getTimestamp("period_end");
				periods.get(id)
					.add(new ServiceUsage.Period(start.toLocalDateTime(), (end != null) ? end.toLocalDateTime() : null,
							longOrNull(rs, "rx_bytes"), longOrNull(rs, "tx_bytes"), longOrNull(rs, "total_bytes"),
							longOrNull(rs, "limit_gb"), longOrNull(rs, "disk_capacity_bytes"),
							longOrNull(rs, "disk_used_bytes"), instant(rs, "synced_at")));
			}
		}, args);
		List<ServiceUsage> result = new ArrayList<>();
		services.forEach((id, usage) -> result
			.add(new ServiceUsage(usage.serviceId(), usage.panel(), usage.serverId(), usage.sync(), periods.get(id))));
		return result;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static Long longOrNull(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	/**
	 * A period boundary as VirtFusion writes it ({@code YYYY-MM-DD hh:mm:ss}), or null.
	 */
	static LocalDateTime periodTime(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text.trim().replace(' ', 'T'));
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

}
