package io.vfbridge.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * One request-rate limiter per API key (its own rate, or the default): a request over the
 * rate is refused at once, told how long to wait.
 */
class ApiRateLimits {

	private final SecurityProperties properties;

	private final Map<String, AtomicRateLimiter> limiters = new ConcurrentHashMap<>();

	ApiRateLimits(SecurityProperties properties) {
		this.properties = properties;
	}

	/**
	 * Takes a permit for the key.
	 * @return empty when the request may go ahead, else how long to wait
	 */
	Optional<Duration> acquire(String keyName) {
		AtomicRateLimiter limiter = this.limiters.computeIfAbsent(keyName, this::limiter);
		if (limiter.acquirePermission()) {
			return Optional.empty();
		}
		long nanos = Math.max(limiter.getDetailedMetrics().getNanosToWait(), 1);
		return Optional.of(Duration.ofNanos(nanos));
	}

	private AtomicRateLimiter limiter(String keyName) {
		SecurityProperties.ApiKey key = this.properties.apiKeys().get(keyName);
		SecurityProperties.RateLimit rate = (key != null && key.rateLimit() != null) ? key.rateLimit()
				: this.properties.rateLimit();
		RateLimiterConfig config = RateLimiterConfig.custom()
			.limitForPeriod(rate.limitForPeriod())
			.limitRefreshPeriod(rate.refreshPeriod())
			.timeoutDuration(Duration.ZERO)
			.build();
		return (AtomicRateLimiter) RateLimiter.of("api-key-" + keyName, config);
	}

}
