package io.vfbridge.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vfbridge.security.SecretBox;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Secrets an operation hands to billing exactly once (a new root password, a panel
 * password): stored only encrypted, deleted when delivered (the submitter's operation
 * read or the signed callback) or when they expire.
 */
@Component
public class OperationSecrets {

	private final JdbcTemplate jdbc;

	private final SecretBox box;

	private final Clock clock;

	private final Duration ttl;

	OperationSecrets(JdbcTemplate jdbc, SecretBox box, Clock clock, ProvisioningProperties properties) {
		this.jdbc = jdbc;
		this.box = box;
		this.clock = clock;
		this.ttl = properties.secretTtl();
	}

	/** Keeps a secret for the operation, encrypted, replacing one of the same name. */
	public void keep(UUID operationId, String name, String secret) {
		Instant now = this.clock.instant();
		this.jdbc.update("""
				insert into operation_secret (operation_id, name, ciphertext, created_at, expires_at)
				values (?, ?, ?, ?, ?)
				on conflict (operation_id, name) do update set ciphertext = excluded.ciphertext,
				    created_at = excluded.created_at, expires_at = excluded.expires_at
				""", operationId, name, this.box.seal(secret), Timestamp.from(now), Timestamp.from(now.plus(this.ttl)));
	}

	/** Whether the operation has an undelivered secret of that name. */
	public boolean has(UUID operationId, String name) {
		return this.jdbc.queryForObject("select count(*) from operation_secret where operation_id = ? and name = ?",
				Integer.class, operationId, name) > 0;
	}

	/** The names of the operation's secrets still waiting for their owner. */
	public List<String> pending(UUID operationId) {
		return this.jdbc.queryForList(
				"select name from operation_secret where operation_id = ? and expires_at > ? order by name",
				String.class, operationId, Timestamp.from(this.clock.instant()));
	}

	/**
	 * The operation's secrets, decrypted, left in place: for a delivery that may fail
	 * (the signed callback), which calls {@link #forget} once billing has them.
	 */
	public Map<String, String> peek(UUID operationId) {
		return open(this.jdbc.queryForList(
				"select name, ciphertext from operation_secret where operation_id = ? and expires_at > ? order by name",
				operationId, Timestamp.from(this.clock.instant())));
	}

	/** Deletes the operation's secrets once their owner has them. */
	public void forget(UUID operationId) {
		this.jdbc.update("delete from operation_secret where operation_id = ?", operationId);
	}

	/**
	 * Takes the operation's secrets out: decrypted, and deleted in the same transaction.
	 */
	@Transactional
	public Map<String, String> deliver(UUID operationId) {
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"delete from operation_secret where operation_id = ? and expires_at > ? returning name, ciphertext",
				operationId, Timestamp.from(this.clock.instant()));
		return open(rows);
	}

	private Map<String, String> open(List<Map<String, Object>> rows) {
		Map<String, String> secrets = new LinkedHashMap<>();
		for (Map<String, Object> row : rows) {
			secrets.put((String) row.get("name"), this.box.open((byte[]) row.get("ciphertext")));
		}
		return secrets;
	}

	/** Deletes expired secrets. */
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
	int purgeExpired() {
		return this.jdbc.update("delete from operation_secret where expires_at <= ?",
				Timestamp.from(this.clock.instant()));
	}

}
