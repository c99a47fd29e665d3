package io.vfbridge.security;

import java.time.Duration;
import java.time.Instant;

import io.vfbridge.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-address throttle of wrong API keys: its window, its refusal, its bound. */
class FailedAuthenticationsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	@Test
	void refusesAnAddressAfterTheLimitUntilItsWindowEnds() {
		FailedAuthentications failures = new FailedAuthentications(
				new SecurityProperties.FailedAuthentication(3, Duration.ofMinutes(1), 100), this.clock);
		for (int i = 0; i < 3; i++) {
			assertThat(failures.refusal("10.0.0.1")).isEmpty();
			failures.record("10.0.0.1");
		}
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(failures.refusal("10.0.0.1")).hasValue(Duration.ofSeconds(40));
		assertThat(failures.refusal("10.0.0.2")).as("another address").isEmpty();
		this.clock.advance(Duration.ofSeconds(40));
		assertThat(failures.refusal("10.0.0.1")).as("a new window").isEmpty();
		assertThat(failures.tracked()).as("the ended window is forgotten").isZero();
	}

	@Test
	void tracksAtMostMaxAddressesDroppingTheLeastRecentlySeen() {
		FailedAuthentications failures = new FailedAuthentications(
				new SecurityProperties.FailedAuthentication(1, Duration.ofMinutes(1), 1000), this.clock);
		failures.record("192.0.2.1");
		for (int i = 0; i < 5000; i++) {
			failures.record("10.1." + (i / 256) + "." + (i % 256));
			if (i % 100 == 0) {
				// seen again: stays among the most recent
				assertThat(failures.refusal("192.0.2.1")).isPresent();
			}
		}
		assertThat(failures.tracked()).isEqualTo(1000);
		assertThat(failures.refusal("192.0.2.1")).isPresent();
		assertThat(failures.refusal("10.1.0.0")).as("dropped, so refused no longer").isEmpty();
	}

}
