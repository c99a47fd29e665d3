package io.vfbridge.simulator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Self-service credit (tokens) added to a user, until it is cancelled.
 */
final class Credit {

	private final int id;

	private final int userId;

	private final BigDecimal tokens;

	private final Instant created;

	private boolean cancelled;

	Credit(int id, int userId, BigDecimal tokens, Instant created) {
		this.id = id;
		this.userId = userId;
		this.tokens = tokens;
		this.created = created;
	}

	int id() {
		return this.id;
	}

	int userId() {
		return this.userId;
	}

	BigDecimal tokens() {
		return this.tokens;
	}

	Instant created() {
		return this.created;
	}

	boolean cancelled() {
		return this.cancelled;
	}

	void cancel() {
		this.cancelled = true;
	}

}
