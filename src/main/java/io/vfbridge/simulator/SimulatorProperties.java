package io.vfbridge.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the VirtFusion simulator ({@code vfbridge.simulator.*}).
 *
 * @param enabled whether the simulator is served at all; nothing of it exists otherwise
 * @param token the bearer token the simulated API accepts; any other answers 401 with an
 * empty body
 * @param basePath root under which the simulator answers: {@code <base-path>/api/v1/...}
 * for the VirtFusion API and {@code <base-path>/_admin/...} for the test harness; empty
 * when the simulator runs on its own port like a real panel
 * @param timeScale how much faster than real time the simulated panel works: every
 * simulated duration (build time, task time, deletion delays) is divided by it, so 60
 * makes one simulated minute pass in one real second; timestamps stay real
 * @param buildTime simulated time from "build" until the server is "complete"
 * @param taskTime simulated time a queue item (power action, password reset, VNC toggle)
 * needs to finish
 * @param defaultDeleteDelay simulated grace period of a server deletion that names no
 * {@code delay} (VirtFusion's default is not documented; billing modules speak of five
 * minutes)
 * @param seed a YAML file that replaces the built-in seed {@code
 * classpath:simulator/seed.yaml}
 * @param faults fault rules active from the start and again after every reset
 */
@Validated
@ConfigurationProperties("vfbridge.simulator")
public record SimulatorProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("sim-token") @NotBlank String token,
		@DefaultValue("/simulator") @NotNull @Pattern(regexp = "|/.*[^/]",
				message = "must be empty or start with / and not end with /") String basePath,
		@DefaultValue("1") @Positive double timeScale, @DefaultValue("2m") @NotNull Duration buildTime,
		@DefaultValue("10s") @NotNull Duration taskTime, @DefaultValue("5m") @NotNull Duration defaultDeleteDelay,
		@Nullable Path seed, @DefaultValue @Valid List<Fault> faults) {

	public SimulatorProperties {
		faults = List.copyOf(faults);
	}

	/**
	 * One fault rule: which calls it matches and what it does to them.
	 *
	 * @param method HTTP method to match, {@code *} for any
	 * @param path operation to match: a template as in the reference
	 * ({@code /servers/{serverId}/suspend}; variable names do not matter), a concrete
	 * path or Ant-style pattern ({@code /servers/7/suspend}, {@code /selfService/**}), or
	 * {@code *} for any
	 * @param kind what the fault does
	 * @param probability chance (0–1) that a matching call is affected
	 * @param count how many calls the rule affects before it expires; unlimited when
	 * absent
	 * @param latency fixed delay added before the answer ({@code latency} kind, also
	 * applied before a drop)
	 * @param jitter random extra delay of up to this much ({@code latency} kind)
	 * @param status HTTP status to answer with ({@code error} kind)
	 * @param msg body {@code {"msg": ...}} of an error answer
	 * @param errors body {@code {"errors": [...]}} of an error answer; wins over
	 * {@code msg}; without both the body is empty
	 * @param retryAfter value of the {@code Retry-After} header ({@code rate-limit}: 1 s
	 * unless given; {@code error}: only when given)
	 * @param hold how long a {@code timeout} keeps the request before dropping the
	 * connection (30 s unless given)
	 */
	public record Fault(@DefaultValue("*") @NotBlank String method, @DefaultValue("*") @NotBlank String path,
			@NotNull FaultKind kind, @DefaultValue("1") double probability, @Nullable Integer count,
			@Nullable Duration latency, @Nullable Duration jitter, @Nullable Integer status, @Nullable String msg,
			@Nullable List<String> errors, @Nullable Duration retryAfter, @Nullable Duration hold) {

		static final Duration DEFAULT_HOLD = Duration.ofSeconds(30);

		static final Duration MAX_DELAY = Duration.ofMinutes(10);

		public Fault {
			method = method.toUpperCase(Locale.ROOT);
			require(kind != null, "kind is required");
			require(probability >= 0 && probability <= 1, "probability must be between 0 and 1");
			require(count == null || count > 0, "count must be positive");
			requireDelay(latency, "latency");
			requireDelay(jitter, "jitter");
			requireDelay(retryAfter, "retryAfter");
			requireDelay(hold, "hold");
			if (kind == FaultKind.LATENCY) {
				require(latency != null || jitter != null, "a latency fault needs latency or jitter");
			}
			if (kind == FaultKind.ERROR) {
				require(status != null && status >= 400 && status <= 599, "an error fault needs a status 400-599");
			}
			if (kind == FaultKind.RATE_LIMIT) {
				require(status == null || status == 429, "a rate-limit fault always answers 429");
				status = 429;
				retryAfter = (retryAfter != null) ? retryAfter : Duration.ofSeconds(1);
			}
			if (kind == FaultKind.TIMEOUT) {
				hold = (hold != null) ? hold : DEFAULT_HOLD;
			}
			errors = (errors != null) ? List.copyOf(errors) : null;
		}

		private static void requireDelay(@Nullable Duration delay, String name) {
			require(delay == null || (!delay.isNegative() && delay.compareTo(MAX_DELAY) <= 0),
					name + " must be between 0 and " + MAX_DELAY.toMinutes() + " minutes");
		}

		private static void require(boolean condition, String message) {
			if (!condition) {
				throw new IllegalArgumentException(message);
			}
		}

	}

}
