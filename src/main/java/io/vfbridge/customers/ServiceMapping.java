package io.vfbridge.customers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A billing service and the VirtFusion server it maps to, with its state. The server link
 * is never dropped because VirtFusion answered 404: the service goes to
 * {@code needs_attention} instead.
 */
@Entity
@Table(name = "service")
public class ServiceMapping {

	@Id
	private UUID id;

	private String billingId;

	private UUID customerId;

	private String panel;

	private String state;

	private String stateReason;

	private Long serverId;

	private String serverUuid;

	private Long packageId;

	private Long hypervisorGroupId;

	private Long osTemplateId;

	private String hostname;

	private String ipv4;

	private String ipv6;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private long version;

	protected ServiceMapping() {
	}

	ServiceMapping(String billingId, UUID customerId, String panel, Instant now) {
		this.id = UUID.randomUUID();
		this.billingId = billingId;
		this.customerId = customerId;
		this.panel = panel;
		this.state = ServiceState.PENDING.value();
		this.createdAt = now;
		this.updatedAt = now;
	}

	public UUID id() {
		return this.id;
	}

	public String billingId() {
		return this.billingId;
	}

	public UUID customerId() {
		return this.customerId;
	}

	public String panel() {
		return this.panel;
	}

	public ServiceState state() {
		return ServiceState.of(this.state);
	}

	public String stateReason() {
		return this.stateReason;
	}

	/** The VirtFusion server id, once created or adopted. */
	public Long serverId() {
		return this.serverId;
	}

	public String serverUuid() {
		return this.serverUuid;
	}

	public Long packageId() {
		return this.packageId;
	}

	public Long hypervisorGroupId() {
		return this.hypervisorGroupId;
	}

	public Long osTemplateId() {
		return this.osTemplateId;
	}

	public String hostname() {
		return this.hostname;
	}

	/** The IPv4 addresses. */
	public List<String> ipv4() {
		return split(this.ipv4);
	}

	/** The IPv6 subnets. */
	public List<String> ipv6() {
		return split(this.ipv6);
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	/** What the create asked for. */
	public void plan(Long packageId, Long hypervisorGroupId, Long osTemplateId, String hostname, Instant now) {
		this.packageId = packageId;
		this.hypervisorGroupId = hypervisorGroupId;
		this.osTemplateId = osTemplateId;
		this.hostname = hostname;
		this.updatedAt = now;
	}

	/** The server exists in VirtFusion (created now, or adopted after a lost answer). */
	public void linkServer(long serverId, String uuid, Instant now) {
		this.serverId = serverId;
		this.serverUuid = uuid;
		this.updatedAt = now;
	}

	/** What VirtFusion says the server has. */
	public void describe(String hostname, List<String> ipv4, List<String> ipv6, Long packageId, Instant now) {
		if (hostname != null) {
			this.hostname = hostname;
		}
		this.ipv4 = join(ipv4);
		this.ipv6 = join(ipv6);
		if (packageId != null) {
			this.packageId = packageId;
		}
		this.updatedAt = now;
	}

	/** Moves to a state, with an optional reason. */
	public void moveTo(ServiceState state, String reason, Instant now) {
		this.state = state.value();
		this.stateReason = reason;
		this.updatedAt = now;
	}

	/** A new owner. */
	public void transferTo(UUID customerId, Instant now) {
		this.customerId = customerId;
		this.updatedAt = now;
	}

	/** A package change took effect. */
	public void changePackage(long packageId, Instant now) {
		this.packageId = packageId;
		this.updatedAt = now;
	}

	/** Rebuilds a mapping from its row ({@code select * from service}). */
	static ServiceMapping fromRow(ResultSet row) throws SQLException {
		ServiceMapping service = new ServiceMapping();
		service.id = row.getObject("id", UUID.class);
		service.billingId = row.getString("billing_id");
		service.customerId = row.getObject("customer_id", UUID.class);
		service.panel = row.getString("panel");
		service.state = row.getString("state");
		service.stateReason = row.getString("state_reason");
		service.serverId = row.getObject("server_id", Long.class);
		service.serverUuid = row.getString("server_uuid");
		service.packageId = row.getObject("package_id", Long.class);
		service.hypervisorGroupId = row.getObject("hypervisor_group_id", Long.class);
		service.osTemplateId = row.getObject("os_template_id", Long.class);
		service.hostname = row.getString("hostname");
		service.ipv4 = row.getString("ipv4");
		service.ipv6 = row.getString("ipv6");
		service.createdAt = row.getTimestamp("created_at").toInstant();
		service.updatedAt = row.getTimestamp("updated_at").toInstant();
		service.version = row.getLong("version");
		return service;
	}

	/**
	 * The row's values in the order of {@link MappingStore}'s insert: id, billing_id,
	 * customer_id, panel, state, state_reason, server_id, server_uuid, package_id,
	 * hypervisor_group_id, os_template_id, hostname, ipv4, ipv6, created_at, updated_at,
	 * version.
	 */
	Object[] columns() {
		return new Object[] { this.id, this.billingId, this.customerId, this.panel, this.state, this.stateReason,
				this.serverId, this.serverUuid, this.packageId, this.hypervisorGroupId, this.osTemplateId,
				this.hostname, this.ipv4, this.ipv6, Timestamp.from(this.createdAt), Timestamp.from(this.updatedAt),
				this.version };
	}

	long version() {
		return this.version;
	}

	void versionWritten() {
		this.version++;
	}

	private static List<String> split(String value) {
		return (value == null || value.isBlank()) ? List.of() : List.of(value.split(","));
	}

	private static String join(List<String> values) {
		return (values == null || values.isEmpty()) ? null : String.join(",", values);
	}

}
