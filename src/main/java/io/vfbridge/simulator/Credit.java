package io.vfbridge.simulator;

import java.math.BigDecimal;

/**
 * Self-service credit (tokens) added to a user, until it is cancelled.
 */
final class Credit {

	private final int id;

	private final int userId;

	private final BigDecimal tokens;

	private boolean cancelled;

	Credit(int id, int userId, BigDecimal tokens) {
		this.id = id;
		this.userId = userId;
		this.tokens = tokens;
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

	boolean cancelled() {
		return this.cancelled;
	}

	void cancel() {
		this.cancelled = true;
	}

}
