package io.vfbridge.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed API-key checks per client address, in fixed windows: once an address has failed
 * {@code limit} times in its window it is refused until the window ends, before any key
 * it sends is checked. Memory is bounded: at most {@code maxAddresses} addresses are
 * tracked, the one seen least recently dropped first, and an ended window is forgotten.
 */
final class FailedAuthentications {

	private final int limit;

	private final Duration period;

	private final Clock clock;

	private final Map<String, Window> windows;

	FailedAuthentications(SecurityProperties.FailedAuthentication settings, Clock clock) {
		this.limit = settings.limit();
		this.period = settings.period();
		this.clock = clock;
		int maxAddresses = settings.maxAddresses();
		this.windows = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
				return size() > maxAddresses;
			}

		};
	}

	/** Counts a failed check from the address. */
	synchronized void record(String address) {
		Instant now = this.clock.instant();
		Window window = this.windows.get(address);
		if (window == null || !now.isBefore(window.end())) {
			window = new Window(now.plus(this.period), 0);
		}
		this.windows.put(address, new Window(window.end(), window.failures() + 1));
	}

	/**
	 * Whether the address is refused now.
	 * @return how long it must wait, or empty when its keys may be checked
	 */
	synchronized Optional<Duration> refusal(String address) {
		Window window = this.windows.get(address);
		if (window == null) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		if (!now.isBefore(window.end())) {
			this.windows.remove(address);
			return Optional.empty();
		}
		return (window.failures() >= this.limit) ? Optional.of(Duration.between(now, window.end())) : Optional.empty();
	}

	/** How many addresses are tracked. */
	synchronized int tracked() {
		return this.windows.size();
	}

	private record Window(Instant end, int failures) {
	}

}
