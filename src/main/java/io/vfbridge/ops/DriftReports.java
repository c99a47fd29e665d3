package io.vfbridge.ops;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Stored drift reports and their findings. */
@Component
class DriftReports {

	private static final String FINDING_COLUMNS = """
			id, kind, panel, service_id, customer_id, server_id, operation_id, expected, actual, detail, action,
			action_description, applied_at, applied_by, applied_operation_id
			""";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	DriftReports(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Stores a report with its findings, in one transaction, and deletes the reports
	 * older than the newest {@code keep}.
	 */
	@Transactional
	void save(DriftReport report, int keep) {
		this.jdbc.update("""
				insert into drift_report (id, operation_id, trigger, started_at, finished_at, services_checked,
				                          customers_checked, errors)
				values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
				""", report.id(), report.operationId(), report.trigger(), Timestamp.from(report.startedAt()),
				Timestamp.from(report.finishedAt()), report.servicesChecked(), report.customersChecked(),
				this.json.writeValueAsString(report.errors()));
		for (DriftFinding finding : report.findings()) {
			this.jdbc.update("""
					insert into drift_finding (id, report_id, kind, panel, service_id, customer_id, server_id,
					                           operation_id, expected, actual, detail, action, action_description)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""", finding.id(), report.id(), finding.kind(), finding.panel(), finding.serviceId(),
					finding.customerId(), finding.serverId(), finding.operationId(), finding.expected(),
					finding.actual(), finding.detail(), finding.action(), finding.actionDescription());
		}
		this.jdbc.update("""
				delete from drift_report where id not in (
				    select id from drift_report order by finished_at desc, started_at desc limit ?)
				""", keep);
	}

	/** The most recent report, with its findings. */
	@Transactional(readOnly = true)
	Optional<DriftReport> latest() {
		return this.jdbc.query("""
				select id, operation_id, trigger, started_at, finished_at, services_checked, customers_checked,
				       errors::text
				from drift_report order by finished_at desc, started_at desc limit 1
				""", this::report).stream().findFirst();
	}

	/** A finding, locked for update until the transaction ends. */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<DriftFinding> lockFinding(UUID id) {
		return this.jdbc
			.query("select " + FINDING_COLUMNS + " from drift_finding where id = ? for update", DriftReports::finding,
					id)
			.stream()
			.findFirst();
	}

	/**
	 * Records that a finding's fix was applied by {@code actor} as {@code operationId}.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void markApplied(UUID id, String actor, UUID operationId, Instant at) {
		this.jdbc.update(
				"update drift_finding set applied_at = ?, applied_by = ?, applied_operation_id = ? where id = ?",
				Timestamp.from(at), actor, operationId, id);
	}

	private DriftReport report(ResultSet rs, int row) throws SQLException {
		UUID id = rs.getObject(1, UUID.class);
		List<String> errors = this.json.readValue(rs.getString(8), new TypeReference<List<String>>() {
		});
		List<DriftFinding> findings = this.jdbc.query(
				"select " + FINDING_COLUMNS
						+ " from drift_finding where report_id = ? order by kind, panel, service_id, server_id",
				DriftReports::finding, id);
		return new DriftReport(id, rs.getObject(2, UUID.class), rs.getString(3), instant(rs.getTimestamp(4)),
				instant(rs.getTimestamp(5)), rs.getInt(6), rs.getInt(7), errors, findings);
	}

	private static DriftFinding finding(ResultSet rs, int row) throws SQLException {
		long server = rs.getLong(6);
		Long serverId = rs.wasNull() ? null : server;
		return new DriftFinding(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getString(5), serverId, rs.getObject(7, UUID.class), rs.getString(8), rs.getString(9),
				rs.getString(10), rs.getString(11), rs.getString(12), instant(rs.getTimestamp(13)), rs.getString(14),
				rs.getObject(15, UUID.class));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
