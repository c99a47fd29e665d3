package io.vfbridge.virtfusion;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.vfbridge.virtfusion.VirtFusionApiException.Failure;
import io.vfbridge.virtfusion.model.ExtRelationId;
import io.vfbridge.virtfusion.model.Page;
import io.vfbridge.virtfusion.model.PageRequest;
import io.vfbridge.virtfusion.model.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The typed client of one VirtFusion panel: one public method per operation of the Global
 * API (see {@link VirtFusionOperation}), records in and out.
 *
 * <p>
 * Every call goes through one private {@code execute}: bulkhead, rate limiter, circuit
 * breaker and short retries (Resilience4j), a Micrometer timer per attempt and one DEBUG
 * line per attempt that never contains the token or a body. Any 2xx is success, whatever
 * the exact code; anything else throws {@link VirtFusionApiException}. Only {@code find*}
 * methods turn 404 into {@link Optional#empty()}. Only GET, PUT and DELETE calls, and
 * calls that provably never left (connection refused), are retried here: a POST such as
 * {@link #createServer} is never repeated by this client once it may have reached
 * VirtFusion.
 *
 * <p>
 * Thread-safe; methods block the calling thread (virtual threads welcome).
 */
public final class VirtFusionClient {

	/** The timer of every attempt, tagged with panel, operation, status and outcome. */
	public static final String CALLS_METRIC = "vfbridge.virtfusion.calls";

	private static final Logger log = LoggerFactory.getLogger(VirtFusionClient.class);

	private static final byte[] NO_BODY = new byte[0];

	private static final Duration BLOCK_MARGIN = Duration.ofSeconds(5);

	private final String panel;

	private final Supplier<String> baseUrl;

	private final VirtFusionProperties.Panel settings;

	private final WebClient webClient;

	private final Resilience resilience;

	private final MeterRegistry meters;

	private final VirtFusionJson json;

	private final Clock clock;

	VirtFusionClient(String panel, Supplier<String> baseUrl, VirtFusionProperties.Panel settings, WebClient webClient,
			Resilience resilience, MeterRegistry meters, VirtFusionJson json, Clock clock) {
		this.panel = panel;
		this.baseUrl = baseUrl;
		this.settings = settings;
		this.webClient = webClient;
		this.resilience = resilience;
		this.meters = meters;
		this.json = json;
		this.clock = clock;
	}

	/** The name of the panel this client talks to. */
	public String panel() {
		return this.panel;
	}

	/** The circuit breaker's state, for health and metrics. */
	public CircuitBreaker.State circuitState() {
		return this.resilience.circuitBreaker().getState();
	}

	// ---------------------------------------------------------------- General

	/** Checks the URL and token: {@code GET /connect} answers a bare {@code []}. */
	public void testConnection() {
		send(VirtFusionRequest.of(VirtFusionOperation.TEST_CONNECTION));
	}

	// ---------------------------------------------------------------- Users

	/** The user with this external id, or empty when VirtFusion has none (404). */
	public Optional<User> findUserByExtRelationId(ExtRelationId extRelationId) {
		return find(VirtFusionRequest.of(VirtFusionOperation.FIND_USER_BY_EXT_RELATION_ID, extRelationId), User.class);
	}

	// ---------------------------------------------------------------- response readers

	/** Makes the call and ignores any body. */
	private void send(VirtFusionRequest request) {
		execute(request);
	}

	/**
	 * The {@code data} member of the answer; an answer without one is an invalid
	 * response.
	 */
	private <T> T data(VirtFusionRequest request, Class<T> type) {
		return data(request, this.json.type(type));
	}

	private <T> T data(VirtFusionRequest request, JavaType type) {
		Response response = execute(request);
		T value = parse(request, response, () -> this.json.readData(response.body(), type));
		if (value == null) {
			throw invalid(request, response, "the answer has no data", null);
		}
		return value;
	}

	/**
	 * The {@code data} member of the answer, if there is one (a 2xx with an empty body
	 * gives empty).
	 */
	private <T> Optional<T> optionalData(VirtFusionRequest request, Class<T> type) {
		Response response = execute(request);
		return Optional
			.ofNullable(parse(request, response, () -> this.json.readData(response.body(), this.json.type(type))));
	}

	/** The list in {@code data}; empty when VirtFusion sends none. */
	private <T> List<T> dataList(VirtFusionRequest request, Class<T> element) {
		Response response = execute(request);
		List<T> items = parse(request, response, () -> this.json.readData(response.body(), this.json.listOf(element)));
		return (items != null) ? items : List.of();
	}

	/** A paginator page, requested with {@code results} and {@code page}. */
	private <T> Page<T> page(VirtFusionRequest request, PageRequest pageRequest, Class<T> element) {
		request.query("results", pageRequest.results()).query("page", pageRequest.page());
		Response response = execute(request);
		Page<T> page = parse(request, response, () -> (response.body().length == 0) ? null
				: this.json.read(response.body(), this.json.type(Page.class, element)));
		if (page == null) {
			throw invalid(request, response, "the answer has no page", null);
		}
		return page;
	}

	/** The whole body as the given type; an empty body is an invalid response. */
	private <T> T body(VirtFusionRequest request, Class<T> type) {
		Response response = execute(request);
		if (response.body().length == 0) {
			throw invalid(request, response, "the answer is empty", null);
		}
		return parse(request, response, () -> this.json.read(response.body(), this.json.type(type)));
	}

	/** Like {@link #data(VirtFusionRequest, Class)}, but 404 gives empty. */
	private <T> Optional<T> find(VirtFusionRequest request, Class<T> type) {
		try {
			return Optional.of(data(request, type));
		}
		catch (VirtFusionApiException ex) {
			if (ex.isNotFound()) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private <T> T parse(VirtFusionRequest request, Response response, Supplier<T> reader) {
		try {
			return reader.get();
		}
		catch (JacksonException | IllegalArgumentException ex) {
			String why = (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.getMessage();
			throw invalid(request, response, "the answer could not be read: " + why, ex);
		}
	}

	private VirtFusionApiException invalid(VirtFusionRequest request, Response response, String why, Throwable cause) {
		return new VirtFusionApiException(this.panel, request.operation(), response.status(), Failure.INVALID_RESPONSE,
				List.of(why), VirtFusionJson.redact(response.body(), this.settings.maxLoggedBodyChars()), null, cause);
	}

	// ---------------------------------------------------------------- the one place
	// calls are made

	/**
	 * Makes the call through retry → circuit breaker → rate limiter → bulkhead and
	 * returns a 2xx answer, or throws {@link VirtFusionApiException}. The only place a
	 * status becomes an exception.
	 */
	private Response execute(VirtFusionRequest request) {
		AtomicInteger attempt = new AtomicInteger();
		Callable<Response> guarded = () -> guarded(request, attempt.incrementAndGet());
		try {
			return this.resilience.retry().executeCallable(guarded);
		}
		catch (VirtFusionApiException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw failure(request, Failure.CONNECTION_LOST, ex);
		}
	}

	private Response guarded(VirtFusionRequest request, int attempt) throws Exception {
		try {
			return this.resilience.circuitBreaker()
				.executeCallable(() -> this.resilience.rateLimiter()
					.executeCallable(
							() -> this.resilience.bulkhead().executeCallable(() -> exchange(request, attempt))));
		}
		catch (CallNotPermittedException ex) {
			throw notPermitted(request, attempt, Failure.CIRCUIT_OPEN, ex);
		}
		catch (RequestNotPermitted ex) {
			throw notPermitted(request, attempt, Failure.RATE_LIMITED, ex);
		}
		catch (BulkheadFullException ex) {
			throw notPermitted(request, attempt, Failure.BULKHEAD_FULL, ex);
		}
	}

	private VirtFusionApiException notPermitted(VirtFusionRequest request, int attempt, Failure failure, Exception ex) {
		record(request, attempt, 0, outcome(failure, 0), 0);
		return failure(request, failure, ex);
	}

	/** One HTTP exchange: the status becomes an exception here and nowhere else. */
	private Response exchange(VirtFusionRequest request, int attempt) {
		VirtFusionOperation operation = request.operation();
		long started = System.nanoTime();
		Response response;
		try {
			WebClient.RequestBodySpec spec = this.webClient.method(operation.method())
				.uri(this.baseUrl.get() + request.pathAndQuery())
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.settings.token())
				.accept(MediaType.APPLICATION_JSON);
			if (request.body() != null) {
				spec.contentType(MediaType.APPLICATION_JSON).bodyValue(this.json.write(request.body()));
			}
			response = spec
				.exchangeToMono((answer) -> answer.bodyToMono(byte[].class)
					.defaultIfEmpty(NO_BODY)
					.map((body) -> new Response(answer.statusCode().value(),
							answer.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), body)))
				.block(this.settings.connectTimeout().plus(this.settings.responseTimeout()).plus(BLOCK_MARGIN));
		}
		catch (RuntimeException ex) {
			Failure failure = classify(ex);
			record(request, attempt, 0, outcome(failure, 0), System.nanoTime() - started);
			throw failure(request, failure, ex);
		}
		long elapsed = System.nanoTime() - started;
		int status = response.status();
		if (status >= 200 && status < 300) {
			record(request, attempt, status, "success", elapsed);
			return response;
		}
		record(request, attempt, status, outcome(Failure.HTTP_STATUS, status), elapsed);
		throw new VirtFusionApiException(this.panel, operation, status, Failure.HTTP_STATUS,
				this.json.errorsOf(response.body()),
				VirtFusionJson.redact(response.body(), this.settings.maxLoggedBodyChars()),
				retryAfter(response.retryAfter(), this.clock), null);
	}

	private VirtFusionApiException failure(VirtFusionRequest request, Failure failure, Throwable cause) {
		return new VirtFusionApiException(this.panel, request.operation(), 0, failure, List.of(), "", null, cause);
	}

	/**
	 * What went wrong when no answer arrived; connection failures are the only ones that
	 * never left.
	 */
	static Failure classify(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
					|| cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
				return Failure.CONNECTION_FAILED;
			}
			if (cause instanceof ReadTimeoutException || cause instanceof TimeoutException) {
				return Failure.TIMEOUT;
			}
		}
		if (ex instanceof IllegalStateException && String.valueOf(ex.getMessage()).startsWith("Timeout on blocking")) {
			return Failure.TIMEOUT;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return Failure.CONNECTION_LOST;
			}
		}
		return Failure.CONNECTION_LOST;
	}

	private static String outcome(Failure failure, int status) {
		return switch (failure) {
			case HTTP_STATUS -> (status >= 500) ? "server_error" : "client_error";
			case TIMEOUT -> "timeout";
			case CONNECTION_FAILED -> "connection_failed";
			case CONNECTION_LOST -> "connection_lost";
			case CIRCUIT_OPEN, RATE_LIMITED, BULKHEAD_FULL -> "not_permitted";
			case INVALID_RESPONSE -> "invalid_response";
		};
	}

	private void record(VirtFusionRequest request, int attempt, int status, String outcome, long nanos) {
		VirtFusionOperation operation = request.operation();
		Timer.builder(CALLS_METRIC)
			.description("Attempts of VirtFusion API calls")
			.tag("panel", this.panel)
			.tag("operation", operation.clientMethod())
			.tag("status", Integer.toString(status))
			.tag("outcome", outcome)
			.register(this.meters)
			.record(Duration.ofNanos(nanos));
		if (log.isDebugEnabled()) {
			log.debug(
					"VirtFusion call panel={} operation={} method={} path={} status={} outcome={} durationMs={} attempt={}",
					this.panel, operation.clientMethod(), operation.method(), operation.path(), status, outcome,
					nanos / 1_000_000, attempt);
		}
	}

	/** Parses {@code Retry-After}: delay seconds or an HTTP date. */
	static Duration retryAfter(String header, Clock clock) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.trim();
		if (value.chars().allMatch(Character::isDigit)) {
			return Duration.ofSeconds(Long.parseLong(value));
		}
		try {
			Duration until = Duration.between(clock.instant(),
					ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			return until.isNegative() ? Duration.ZERO : until;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** A 2xx answer. */
	private record Response(int status, String retryAfter, byte[] body) {
	}

	/** The resilience instances of one panel. */
	record Resilience(Retry retry, CircuitBreaker circuitBreaker, RateLimiter rateLimiter, Bulkhead bulkhead) {
	}

}
