package io.vfbridge.contract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The real UTC clock, plus an offset a test can move forward: builds and queue items
 * still finish over (scaled) real time, while a deletion delay or an hour of usage can
 * pass at once.
 */
final class ShiftableClock extends Clock {

	private final Clock system = Clock.systemUTC();

	private volatile Duration offset = Duration.ZERO;

	void shift(Duration duration) {
		this.offset = this.offset.plus(duration);
	}

	void reset() {
		this.offset = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		return this.system.instant().plus(this.offset);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
