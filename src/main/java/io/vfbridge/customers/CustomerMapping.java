package io.vfbridge.customers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A billing customer and the VirtFusion user it maps to on one panel. The external
 * relation id is fixed at creation; the VirtFusion user id is learnt once the user exists
 * (adopted or created).
 */
@Entity
@Table(name = "customer")
public class CustomerMapping {

	@Id
	private UUID id;

	private String billingId;

	private String panel;

	private Long extRelationId;

	private Long virtfusionUserId;

	private String email;

	private String name;

	private String state;

	private String stateReason;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private long version;

	protected CustomerMapping() {
	}

	CustomerMapping(String billingId, String panel, Long extRelationId, String email, String name, Instant now) {
		this.id = UUID.randomUUID();
		this.billingId = billingId;
		this.panel = panel;
		this.extRelationId = extRelationId;
		this.email = email;
		this.name = name;
		this.state = "active";
		this.createdAt = now;
		this.updatedAt = now;
	}

	public UUID id() {
		return this.id;
	}

	public String billingId() {
		return this.billingId;
	}

	public String panel() {
		return this.panel;
	}

	/** The integer external relation id VirtFusion knows this customer by. */
	public Long extRelationId() {
		return this.extRelationId;
	}

	/** The VirtFusion user id, once the user exists. */
	public Long virtfusionUserId() {
		return this.virtfusionUserId;
	}

	public String email() {
		return this.email;
	}

	public String name() {
		return this.name;
	}

	public String state() {
		return this.state;
	}

	public String stateReason() {
		return this.stateReason;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	/** The VirtFusion user exists (created or adopted) with this id. */
	public void linkUser(long userId, Instant now) {
		this.virtfusionUserId = userId;
		this.state = "active";
		this.stateReason = null;
		this.updatedAt = now;
	}

	/** New contact details from billing. */
	public void updateContact(String email, String name, Instant now) {
		if (email != null) {
			this.email = email;
		}
		if (name != null) {
			this.name = name;
		}
		this.updatedAt = now;
	}

	/**
	 * A person must resolve something (an email taken by another VirtFusion user, say).
	 */
	public void needAttention(String reason, Instant now) {
		this.state = "needs_attention";
		this.stateReason = reason;
		this.updatedAt = now;
	}

	/** The VirtFusion user was deleted. */
	public void markDeleted(Instant now) {
		this.state = "deleted";
		this.virtfusionUserId = null;
		this.updatedAt = now;
	}

	/** Rebuilds a mapping from its row ({@code select * from customer}). */
	static CustomerMapping fromRow(ResultSet row) throws SQLException {
		CustomerMapping customer = new CustomerMapping();
		customer.id = row.getObject("id", UUID.class);
		customer.billingId = row.getString("billing_id");
		customer.panel = row.getString("panel");
		customer.extRelationId = row.getObject("ext_relation_id", Long.class);
		customer.virtfusionUserId = row.getObject("virtfusion_user_id", Long.class);
		customer.email = row.getString("email");
		customer.name = row.getString("name");
		customer.state = row.getString("state");
		customer.stateReason = row.getString("state_reason");
		customer.createdAt = row.getTimestamp("created_at").toInstant();
		customer.updatedAt = row.getTimestamp("updated_at").toInstant();
		customer.version = row.getLong("version");
		return customer;
	}

	/**
	 * The row's values in the order of {@link MappingStore}'s insert: id, billing_id,
	 * panel, ext_relation_id, virtfusion_user_id, email, name, state, state_reason,
	 * created_at, updated_at, version.
	 */
	Object[] columns() {
		return new Object[] { this.id, this.billingId, this.panel, this.extRelationId, this.virtfusionUserId,
				this.email, this.name, this.state, this.stateReason, Timestamp.from(this.createdAt),
				Timestamp.from(this.updatedAt), this.version };
	}

	long version() {
		return this.version;
	}

	void versionWritten() {
		this.version++;
	}

}
