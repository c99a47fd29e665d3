package io.vfbridge.ops;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vfbridge.billing.EventReceived;
import io.vfbridge.provisioning.JobRan;
import io.vfbridge.provisioning.JobStatus;
import io.vfbridge.security.ApiKeyThrottled;
import io.vfbridge.virtfusion.VirtFusionClients;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Records vfbridge's own metrics (names in {@link Metrics}) from the past-tense events
 * the features publish, plus gauges read from the database (cached) and from the
 * VirtFusion clients. As an interceptor it also counts intake requests that were rejected
 * (they publish nothing).
 */
@Component
class OpsMetrics implements HandlerInterceptor {

	private static final Logger log = LoggerFactory.getLogger(OpsMetrics.class);

	/** The job type of callbacks to billing ({@code CallbackJobs.TYPE}). */
	private static final String CALLBACK_JOB_TYPE = "billing.callback";

	private static final String BILLING_PACKAGE = "io.vfbridge.billing";

	private final MeterRegistry meters;

	OpsMetrics(MeterRegistry meters, QueueStatistics statistics, VirtFusionClients clients) {
		this.meters = meters;
		for (JobStatus status : JobStatus.values()) {
			Gauge.builder(Metrics.OPERATIONS, statistics, (stats) -> read(() -> stats.snapshot().count(status)))
				.description("Operations (jobs) by status, read from the database")
				.tag("status", status.value())
				.register(meters);
		}
		Gauge
			.builder(Metrics.OLDEST_QUEUED_AGE, statistics,
					(stats) -> read(() -> stats.snapshot().oldestQueuedAge().toMillis() / 1000.0))
			.description("Seconds the oldest queued job has been waiting")
			.baseUnit("seconds")
			.register(meters);
		for (String panel : clients.panels()) {
			Gauge
				.builder(Metrics.CIRCUIT_STATE, clients,
						(all) -> read(() -> stateCode(all.client(panel).circuitState())))
				.description("Circuit breaker of a VirtFusion panel: 0 closed, 1 open, 2 half open, 3 other")
				.tag("panel", panel)
				.register(meters);
		}
	}

	@EventListener
	void eventReceived(EventReceived event) {
		countEvent(event.channel(), event.type(), event.repeat() ? "duplicate" : "accepted");
	}

	@EventListener
	void jobRan(JobRan ran) {
		Timer.builder(Metrics.JOB_DURATION)
			.description("Runs of jobs, by type and outcome")
			.tag("type", ran.type())
			.tag("outcome", ran.outcome())
			.register(this.meters)
			.record(ran.duration());
		if (ran.status() != null && ran.status().isFinished()) {
			DistributionSummary.builder(Metrics.JOB_ATTEMPTS)
				.description("Runs a job took until it finished")
				.tag("type", ran.type())
				.tag("status", ran.status().value())
				.register(this.meters)
				.record(ran.attempts());
		}
		if (CALLBACK_JOB_TYPE.equals(ran.type())) {
			Counter.builder(Metrics.CALLBACKS)
				.description("Callback deliveries to billing, by outcome")
				.tag("outcome", ran.outcome())
				.register(this.meters)
				.increment();
		}
	}

	@EventListener
	void apiKeyThrottled(ApiKeyThrottled throttled) {
		Counter.builder(Metrics.API_RATE_LIMITED)
			.description("REST requests refused because the API key went over its rate")
			.tag("key", throttled.keyName())
			.register(this.meters)
			.increment();
	}

	/** Counts intake requests that were rejected (4xx/5xx from a billing handler). */
	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (response.getStatus() < 400 || !(handler instanceof HandlerMethod method)
				|| !method.getBeanType().getPackageName().equals(BILLING_PACKAGE)) {
			return;
		}
		String channel = request.getRequestURI().endsWith("/v1/events") ? "webhook" : "rest";
		countEvent(channel, "unknown", "rejected_" + response.getStatus());
	}

	private void countEvent(String channel, String type, String outcome) {
		Counter.builder(Metrics.EVENTS_RECEIVED)
			.description("Billing events received, by channel, type and outcome")
			.tag("channel", channel)
			.tag("type", type)
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	private static int stateCode(CircuitBreaker.State state) {
		switch (state) {
			case CLOSED:
				return 0;
			case OPEN:
				return 1;
			case HALF_OPEN:
				return 2;
			default:
				return 3;
		}
	}

	private static double read(java.util.function.DoubleSupplier value) {
		try {
			return value.getAsDouble();
		}
		catch (RuntimeException ex) {
			log.debug("A gauge could not be read: {}", ex.toString());
			return Double.NaN;
		}
	}

}
