package io.vfbridge.simulator;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FaultRuleTests {

	private static final String SUSPEND = FaultRule.normalise("/servers/{serverId}/suspend");

	@Test
	void matchesATemplateWhateverItsVariablesAreCalled() {
		FaultRule rule = rule("POST", "/servers/{id}/suspend", FaultKind.RESET);

		assertThat(rule.matches("POST", SUSPEND, "/servers/7/suspend")).isTrue();
		assertThat(rule.matches("GET", SUSPEND, "/servers/7/suspend")).isFalse();
		assertThat(rule.matches("POST", FaultRule.normalise("/servers/{serverId}/unsuspend"), "/servers/7/unsuspend"))
			.isFalse();
	}

	@Test
	void matchesConcretePathsAndPatternsAgainstTheRequestPath() {
		FaultRule one = rule("*", "/servers/7/suspend", FaultKind.RESET);
		FaultRule area = rule("*", "/selfService/**", FaultKind.RESET);
		FaultRule any = rule("*", "*", FaultKind.RESET);

		assertThat(one.matches("POST", SUSPEND, "/servers/7/suspend")).isTrue();
		assertThat(one.matches("POST", SUSPEND, "/servers/8/suspend")).isFalse();
		assertThat(area.matches("GET", "/selfService/currencies", "/selfService/currencies")).isTrue();
		assertThat(area.matches("GET", "/packages", "/packages")).isFalse();
		assertThat(any.matches("DELETE", "/servers/{}", "/servers/1")).isTrue();
	}

	@Test
	void firesOnlyAsOftenAsItsCountAllows() {
		FaultRule rule = new FaultRule(1, fault(FaultKind.RESET, 2, 1), false);

		assertThat(List.of(rule.fire(), rule.fire(), rule.fire())).containsExactly(true, true, false);
		assertThat(rule.expired()).isTrue();
		assertThat(rule.applied()).isEqualTo(2);
	}

	@Test
	void neverFiresWithProbabilityZero() {
		FaultRule rule = new FaultRule(1, fault(FaultKind.RESET, null, 0), false);

		for (int i = 0; i < 1000; i++) {
			assertThat(rule.fire()).isFalse();
		}
	}

	@Test
	void addsJitterWithinItsBound() {
		FaultRule rule = new FaultRule(1, new SimulatorProperties.Fault("*", "*", FaultKind.LATENCY, 1, null,
				Duration.ofMillis(100), Duration.ofMillis(50), null, null, null, null, null), false);

		for (int i = 0; i < 100; i++) {
			assertThat(rule.delay()).isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
		}
	}

	@Test
	void refusesRulesThatCannotWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> fault(FaultKind.ERROR, null, 1))
			.withMessageContaining("status");
		assertThatIllegalArgumentException().isThrownBy(() -> fault(FaultKind.RESET, 0, 1))
			.withMessageContaining("count");
		assertThatIllegalArgumentException().isThrownBy(() -> fault(FaultKind.RESET, null, 1.5))
			.withMessageContaining("probability");
		assertThatIllegalArgumentException().isThrownBy(() -> fault(FaultKind.LATENCY, null, 1))
			.withMessageContaining("latency");
	}

	@Test
	void givesRateLimitsAndTimeoutsTheirDefaults() {
		SimulatorProperties.Fault rateLimit = fault(FaultKind.RATE_LIMIT, null, 1);
		SimulatorProperties.Fault timeout = fault(FaultKind.TIMEOUT, null, 1);

		assertThat(rateLimit.status()).isEqualTo(429);
		assertThat(rateLimit.retryAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(timeout.hold()).isEqualTo(Duration.ofSeconds(30));
	}

	private static FaultRule rule(String method, String path, FaultKind kind) {
		return new FaultRule(1,
				new SimulatorProperties.Fault(method, path, kind, 1, null, null, null, null, null, null, null, null),
				false);
	}

	private static SimulatorProperties.Fault fault(FaultKind kind, Integer count, double probability) {
		return new SimulatorProperties.Fault("*", "*", kind, probability, count, null, null, null, null, null, null,
				null);
	}

}
