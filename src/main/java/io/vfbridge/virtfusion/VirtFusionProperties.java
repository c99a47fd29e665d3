package io.vfbridge.virtfusion;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The VirtFusion panels vfbridge talks to, under {@code vfbridge.virtfusion}.
 *
 * @param defaultPanel the panel used when an event or request names none
 * @param panels the panels by name, each with its URL, token and resilience settings
 */
@Validated
@ConfigurationProperties("vfbridge.virtfusion")
public record VirtFusionProperties(@DefaultValue("default") @NotBlank String defaultPanel,
		Map<String, @Valid Panel> panels) {

	public VirtFusionProperties {
		panels = (panels != null) ? Map.copyOf(panels) : Map.of();
	}

	/**
	 * One VirtFusion panel.
	 *
	 * @param baseUrl the API base, e.g. {@code https://cp.example.com/api/v1}
	 * @param token the API token (Configuration → API in VirtFusion); from the
	 * environment only
	 * @param connectTimeout how long to wait for a TCP connection
	 * @param responseTimeout how long to wait for an answer once the request is sent
	 * @param maxLoggedBodyChars how much of an error body is kept (redacted) in
	 * exceptions
	 * @param retry short retries of calls that are safe to repeat
	 * @param circuitBreaker when to stop calling a failing panel
	 * @param rateLimit vfbridge's own rate limit for this panel's token
	 * @param bulkhead the most concurrent calls to this panel
	 * @param interactive the rate limit and bulkhead of the storefront's and operators'
	 * reads, apart from the workers' ({@code rateLimit}, {@code bulkhead}) so neither can
	 * starve the other; both rate limits count against the same VirtFusion token
	 */
	public record Panel(@NotBlank String baseUrl, @NotBlank String token,
			@DefaultValue("5s") @NotNull Duration connectTimeout,
			@DefaultValue("30s") @NotNull Duration responseTimeout,
			@DefaultValue("2000") @Min(0) int maxLoggedBodyChars, @DefaultValue @Valid Retry retry,
			@DefaultValue @Valid CircuitBreaker circuitBreaker, @DefaultValue @Valid RateLimit rateLimit,
			@DefaultValue @Valid Bulkhead bulkhead, @DefaultValue @Valid Interactive interactive) {

		/** Masks the token so the properties can be printed. */
		@Override
		public String toString() {
			return "Panel[baseUrl=" + this.baseUrl + ", token=******]";
		}

	}

	/**
	 * Short HTTP-level retries. Only GET, PUT and DELETE calls, and calls that provably
	 * never left (connection refused), are retried; a POST that may have reached
	 * VirtFusion never is.
	 *
	 * @param maxAttempts attempts in total, the first included (1 = no retry)
	 * @param initialBackoff the wait before the first retry
	 * @param multiplier the factor applied to the wait after each retry
	 * @param maxBackoff the longest wait between two attempts
	 * @param jitter the random spread applied to each wait, 0 to 1 (0.5 = ±50%)
	 * @param maxRetryAfter the longest {@code Retry-After} honoured here; a longer one is
	 * left to the job queue
	 */
	public record Retry(@DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
			@DefaultValue("200ms") @NotNull Duration initialBackoff,
			@DefaultValue("2.0") @DecimalMin("1.0") double multiplier, @DefaultValue("5s") @NotNull Duration maxBackoff,
			@DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double jitter,
			@DefaultValue("10s") @NotNull Duration maxRetryAfter) {
	}

	/**
	 * The circuit breaker: 5xx answers, timeouts and connection failures count; 4xx
	 * answers do not.
	 *
	 * @param failureRateThreshold the failure percentage that opens the circuit
	 * @param slidingWindowSize how many recent calls are considered
	 * @param minimumNumberOfCalls calls needed before the rate is judged
	 * @param waitDurationInOpenState how long the circuit stays open before probing
	 * @param permittedCallsInHalfOpenState probe calls allowed while half open
	 */
	public record CircuitBreaker(@DefaultValue("50") @Min(1) @Max(100) float failureRateThreshold,
			@DefaultValue("20") @Min(1) int slidingWindowSize, @DefaultValue("10") @Min(1) int minimumNumberOfCalls,
			@DefaultValue("30s") @NotNull Duration waitDurationInOpenState,
			@DefaultValue("3") @Min(1) int permittedCallsInHalfOpenState) {
	}

	/**
	 * vfbridge's own rate limit for a panel (VirtFusion limits each token).
	 *
	 * @param limitForPeriod calls allowed per period
	 * @param refreshPeriod the period
	 * @param timeout how long a call may wait for a permit before it fails as rate
	 * limited
	 */
	public record RateLimit(@DefaultValue("20") @Min(1) int limitForPeriod,
			@DefaultValue("1s") @NotNull Duration refreshPeriod, @DefaultValue("30s") @NotNull Duration timeout) {
	}

	/**
	 * The most concurrent calls to a panel.
	 *
	 * @param maxConcurrentCalls calls in flight at once
	 * @param maxWait how long a call may wait for a free slot
	 */
	public record Bulkhead(@DefaultValue("16") @Min(1) int maxConcurrentCalls,
			@DefaultValue("30s") @NotNull Duration maxWait) {
	}

	/**
	 * The budget of interactive reads (catalog, service and customer reads, login links,
	 * inventory): they wait less than workers, so a storefront page fails fast instead of
	 * queueing behind a burst.
	 *
	 * @param limitForPeriod calls allowed per period
	 * @param refreshPeriod the period
	 * @param timeout how long a read may wait for a permit before it fails as rate
	 * limited
	 * @param maxConcurrentCalls reads in flight at once
	 * @param maxWait how long a read may wait for a free slot
	 */
	public record Interactive(@DefaultValue("10") @Min(1) int limitForPeriod,
			@DefaultValue("1s") @NotNull Duration refreshPeriod, @DefaultValue("5s") @NotNull Duration timeout,
			@DefaultValue("8") @Min(1) int maxConcurrentCalls, @DefaultValue("5s") @NotNull Duration maxWait) {

		/** The rate limit as the workers' type. */
		public RateLimit rateLimit() {
			return new RateLimit(this.limitForPeriod, this.refreshPeriod, this.timeout);
		}

		/** The bulkhead as the workers' type. */
		public Bulkhead bulkhead() {
			return new Bulkhead(this.maxConcurrentCalls, this.maxWait);
		}

	}

}
