package io.vfbridge.simulator;

import java.util.Locale;

/**
 * What a simulator fault does to a matching call.
 */
public enum FaultKind {

	/** Delays the answer; the call is otherwise served normally. */
	LATENCY,

	/** Answers with an error status and VirtFusion's body shape, without acting. */
	ERROR,

	/** Answers 429 with {@code Retry-After}, without acting. */
	RATE_LIMIT,

	/** Drops the connection before acting or answering. */
	RESET,

	/** Holds the request without acting, then drops the connection. */
	TIMEOUT,

	/** Acts, then drops the connection without answering. */
	LOST_RESPONSE;

	/** The name used in the admin API and the docs, e.g. {@code lost-response}. */
	String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	static FaultKind of(String id) {
		return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

	/** Whether the call ends without any answer on the wire. */
	boolean drops() {
		return this == RESET || this == TIMEOUT || this == LOST_RESPONSE;
	}

}
