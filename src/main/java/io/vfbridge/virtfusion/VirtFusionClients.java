package io.vfbridge.virtfusion;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import io.vfbridge.virtfusion.VirtFusionApiException.Failure;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The clients of all configured panels, one per panel, each with its own connection pool,
 * resilience instances (named {@code virtfusion-<panel>}) and metrics; and per panel an
 * interactive client for the API's reads, sharing the panel's circuit breaker and retry
 * but with its own rate limiter, bulkhead and pool
 * ({@code virtfusion-<panel>-interactive}), so a busy storefront cannot starve the
 * workers nor the workers the storefront. Clients are made on first use, so a base URL
 * may name a placeholder that is only known once the server runs
 * ({@code ${local.server.port}}).
 */
public class VirtFusionClients {

	private final VirtFusionProperties properties;

	private final MeterRegistry meters;

	private final ObservationRegistry observations;

	private final Clock clock;

	private final UnaryOperator<String> placeholders;

	private final VirtFusionCallListener listener;

	private final VirtFusionJson json = new VirtFusionJson();

	private final Map<String, VirtFusionClient> clients = new ConcurrentHashMap<>();

	private final Map<String, VirtFusionClient> interactiveClients = new ConcurrentHashMap<>();

	private final RetryRegistry retries = RetryRegistry.ofDefaults();

	private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();

	private final RateLimiterRegistry rateLimiters = RateLimiterRegistry.ofDefaults();

	private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();

	/**
	 * Creates the registry.
	 * @param properties the panels
	 * @param meters where call, retry, circuit breaker, rate limiter and bulkhead metrics
	 * go
	 * @param clock the clock for {@code Retry-After} dates
	 * @param placeholders resolves placeholders left in a base URL when the client is
	 * made
	 */
	public VirtFusionClients(VirtFusionProperties properties, MeterRegistry meters, Clock clock,
			UnaryOperator<String> placeholders) {
		this(properties, meters, clock, placeholders, VirtFusionCallListener.NONE);
	}

	/**
	 * Creates the registry with a listener told of every call attempt (the audit).
	 * @param properties the panels
	 * @param meters where call, retry, circuit breaker, rate limiter and bulkhead metrics
	 * go
	 * @param clock the clock for {@code Retry-After} dates
	 * @param placeholders resolves placeholders left in a base URL when the client is
	 * made
	 * @param listener told of every attempt of every call
	 */
	public VirtFusionClients(VirtFusionProperties properties, MeterRegistry meters, Clock clock,
			UnaryOperator<String> placeholders, VirtFusionCallListener listener) {
		this(properties, meters, clock, placeholders, listener, ObservationRegistry.NOOP);
	}

	/**
	 * Creates the registry with a listener told of every call attempt and an observation
	 * registry that traces every HTTP exchange (the request carries the
	 * {@code traceparent} of the caller's span).
	 * @param properties the panels
	 * @param meters where call, retry, circuit breaker, rate limiter and bulkhead metrics
	 * go
	 * @param clock the clock for {@code Retry-After} dates
	 * @param placeholders resolves placeholders left in a base URL when the client is
	 * made
	 * @param listener told of every attempt of every call
	 * @param observations observes every HTTP exchange
	 */
	public VirtFusionClients(VirtFusionProperties properties, MeterRegistry meters, Clock clock,
			UnaryOperator<String> placeholders, VirtFusionCallListener listener, ObservationRegistry observations) {
		this.listener = listener;
		this.observations = observations;
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
		this.placeholders = placeholders;
		TaggedRetryMetrics.ofRetryRegistry(this.retries).bindTo(meters);
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(this.breakers).bindTo(meters);
		TaggedRateLimiterMetrics.ofRateLimiterRegistry(this.rateLimiters).bindTo(meters);
		TaggedBulkheadMetrics.ofBulkheadRegistry(this.bulkheads).bindTo(meters);
	}

	/** The configured panel names. */
	public Set<String> panels() {
		return this.properties.panels().keySet();
	}

	/** The name of the panel used when none is named. */
	public String defaultPanel() {
		return this.properties.defaultPanel();
	}

	/** Whether a panel of that name is configured. */
	public boolean has(String panel) {
		return this.properties.panels().containsKey(panel);
	}

	/**
	 * The API base URL of the named panel ({@code https://<panel>/api/v1}), placeholders
	 * resolved: what login links must stay on.
	 * @throws UnknownPanelException if no such panel is configured
	 */
	public URI apiBase(String panel) {
		VirtFusionProperties.Panel settings = this.properties.panels().get(panel);
		if (settings == null) {
			throw new UnknownPanelException(panel, panels());
		}
		return URI.create(trimSlash(this.placeholders.apply(settings.baseUrl())));
	}

	/**
	 * The circuit breaker of each configured panel as it stands now; a panel not called
	 * since start has state {@code NOT_USED}.
	 */
	public List<BreakerState> circuitBreakers() {
		return panels().stream().sorted().map((panel) -> this.breakers.find("virtfusion-" + panel).map((breaker) -> {
			CircuitBreaker.Metrics metrics = breaker.getMetrics();
			return new BreakerState(panel, breaker.getState().name(), metrics.getFailureRate(),
					metrics.getNumberOfBufferedCalls(), metrics.getNumberOfNotPermittedCalls());
		}).orElseGet(() -> new BreakerState(panel, "NOT_USED", -1, 0, 0))).toList();
	}

	/**
	 * A panel's circuit breaker.
	 *
	 * @param panel the panel
	 * @param state CLOSED, OPEN, HALF_OPEN (or another Resilience4j state), NOT_USED
	 * @param failureRate the failure rate in percent over the sliding window, -1 until
	 * the window has enough calls
	 * @param bufferedCalls calls in the sliding window
	 * @param notPermittedCalls calls refused while open
	 */
	public record BreakerState(String panel, String state, float failureRate, int bufferedCalls,
			long notPermittedCalls) {
	}

	/** The client of the default panel. */
	public VirtFusionClient defaultClient() {
		return client(this.properties.defaultPanel());
	}

	/**
	 * The client of the named panel.
	 * @throws UnknownPanelException if no such panel is configured
	 */
	public VirtFusionClient client(String panel) {
		VirtFusionProperties.Panel settings = this.properties.panels().get(panel);
		if (settings == null) {
			throw new UnknownPanelException(panel, panels());
		}
		return this.clients.computeIfAbsent(panel,
				(name) -> create(name, settings, "virtfusion-" + name, settings.rateLimit(), settings.bulkhead()));
	}

	/**
	 * The client of the named panel for interactive reads (the storefront's and
	 * operators'), with the panel's interactive rate limit and bulkhead.
	 * @throws UnknownPanelException if no such panel is configured
	 */
	public VirtFusionClient interactiveClient(String panel) {
		VirtFusionProperties.Panel settings = this.properties.panels().get(panel);
		if (settings == null) {
			throw new UnknownPanelException(panel, panels());
		}
		return this.interactiveClients.computeIfAbsent(panel,
				(name) -> create(name, settings, "virtfusion-" + name + "-interactive",
						settings.interactive().rateLimit(), settings.interactive().bulkhead()));
	}

	private VirtFusionClient create(String name, VirtFusionProperties.Panel settings, String budgetName,
			VirtFusionProperties.RateLimit rateLimit, VirtFusionProperties.Bulkhead bulkhead) {
		String baseUrl = trimSlash(this.placeholders.apply(settings.baseUrl()));
		VirtFusionClient.Resilience resilience = resilience("virtfusion-" + name, settings, budgetName, rateLimit,
				bulkhead);
		return new VirtFusionClient(name, () -> baseUrl, settings, webClient(budgetName, settings, bulkhead),
				resilience, this.meters, this.json, this.clock, this.listener);
	}

	private static String trimSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private WebClient webClient(String poolName, VirtFusionProperties.Panel settings,
			VirtFusionProperties.Bulkhead bulkhead) {
		ConnectionProvider pool = ConnectionProvider.builder(poolName)
			.maxConnections(bulkhead.maxConcurrentCalls())
			// below the keep-alive of common front proxies, so a pooled connection is not
			// closed under us
			.maxIdleTime(Duration.ofSeconds(15))
			.pendingAcquireTimeout(settings.connectTimeout().plus(bulkhead.maxWait()))
			.build();
		HttpClient http = HttpClient.create(pool)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
			.responseTimeout(settings.responseTimeout());
		return WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.observationRegistry(this.observations)
			.build();
	}

	/**
	 * The retry and circuit breaker of the panel (shared by its clients: the panel is up
	 * or down for both) with the rate limiter and bulkhead of one budget.
	 */
	private VirtFusionClient.Resilience resilience(String name, VirtFusionProperties.Panel settings, String budgetName,
			VirtFusionProperties.RateLimit rate, VirtFusionProperties.Bulkhead bulkhead) {
		VirtFusionProperties.Retry retry = settings.retry();
		RetryConfig retryConfig = RetryConfig.<Object>custom()
			.maxAttempts(retry.maxAttempts())
			.retryOnException((ex) -> isRetriedHere(ex, retry.maxRetryAfter()))
			.intervalBiFunction(backoff(retry))
			.build();
		VirtFusionProperties.CircuitBreaker breaker = settings.circuitBreaker();
		CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breaker.slidingWindowSize())
			.minimumNumberOfCalls(breaker.minimumNumberOfCalls())
			.failureRateThreshold(breaker.failureRateThreshold())
			.waitDurationInOpenState(breaker.waitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
			// 4xx answers prove VirtFusion is up; only 5xx and missing answers count as
			// failures
			.recordException((ex) -> ex instanceof VirtFusionApiException api && api.isServerSideFailure())
			.build();
		RateLimiterConfig rateConfig = RateLimiterConfig.custom()
			.limitForPeriod(rate.limitForPeriod())
			.limitRefreshPeriod(rate.refreshPeriod())
			.timeoutDuration(rate.timeout())
			.build();
		BulkheadConfig bulkheadConfig = BulkheadConfig.custom()
			.maxConcurrentCalls(bulkhead.maxConcurrentCalls())
			.maxWaitDuration(bulkhead.maxWait())
			.build();
		return new VirtFusionClient.Resilience(this.retries.retry(name, retryConfig),
				this.breakers.circuitBreaker(name, breakerConfig),
				this.rateLimiters.rateLimiter(budgetName, rateConfig),
				this.bulkheads.bulkhead(budgetName, bulkheadConfig));
	}

	/**
	 * The HTTP-level retry rule: a call that never left is always retried; otherwise only
	 * idempotent operations (GET, PUT, DELETE) after a timeout, a lost connection, 408,
	 * 429 or 5xx. A {@code Retry-After} longer than {@code maxRetryAfter} is left to the
	 * job queue.
	 */
	static boolean isRetriedHere(Throwable ex, Duration maxRetryAfter) {
		if (!(ex instanceof VirtFusionApiException api)) {
			return false;
		}
		if (api.retryAfter().filter((wait) -> wait.compareTo(maxRetryAfter) > 0).isPresent()) {
			return false;
		}
		if (api.failure() == Failure.CONNECTION_FAILED) {
			return true;
		}
		if (!api.operation().isIdempotent()) {
			return false;
		}
		return switch (api.failure()) {
			case TIMEOUT, CONNECTION_LOST -> true;
			case HTTP_STATUS -> api.status() == 408 || api.status() == 429 || api.status() >= 500;
			default -> false;
		};
	}

	/**
	 * Exponential backoff with jitter, or the {@code Retry-After} VirtFusion asked for.
	 */
	private static IntervalBiFunction<Object> backoff(VirtFusionProperties.Retry retry) {
		return (attempt, outcome) -> {
			if (outcome.isLeft() && outcome.getLeft() instanceof VirtFusionApiException api
					&& api.retryAfter().isPresent()) {
				return api.retryAfter().get().toMillis();
			}
			double base = retry.initialBackoff().toMillis() * Math.pow(retry.multiplier(), attempt - 1);
			double capped = Math.min(base, retry.maxBackoff().toMillis());
			double spread = 1 - retry.jitter() + 2 * retry.jitter() * ThreadLocalRandom.current().nextDouble();
			return Math.max(1L, Math.round(capped * spread));
		};
	}

}
