package io.vfbridge.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The simulator's notion of time: real instants from the injected clock, and simulated
 * durations shortened by the time scale. Timestamps stay honest (a client comparing them
 * with its own clock sees no drift); only the waiting is faster.
 */
final class SimulatedTime {

	private final Clock clock;

	private final double scale;

	SimulatedTime(Clock clock, double scale) {
		if (scale <= 0) {
			throw new IllegalArgumentException("time scale must be positive");
		}
		this.clock = clock;
		this.scale = scale;
	}

	Instant now() {
		return this.clock.instant();
	}

	/** How long a simulated duration takes in real time. */
	Duration real(Duration simulated) {
		return Duration.ofNanos(Math.round(simulated.toNanos() / this.scale));
	}

}
