package io.vfbridge.provisioning;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Carries the trace across the queue: the W3C {@code traceparent} of the span that
 * enqueues a job is stored with it, and each run of the job is a span that continues that
 * trace, so the VirtFusion calls it makes join the trace of the webhook that caused them.
 * Without tracing (no {@link Tracer}), nothing is stored and jobs run as before.
 */
@Component
class JobTracing {

	static final String TRACEPARENT = "traceparent";

	/** version-traceid-spanid-flags, as W3C Trace Context defines it. */
	private static final Pattern W3C = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

	private final Tracer tracer;

	private final Propagator propagator;

	@Autowired
	JobTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this(tracer.getIfAvailable(), propagator.getIfAvailable());
	}

	JobTracing(Tracer tracer, Propagator propagator) {
		boolean on = tracer != null && propagator != null && tracer != Tracer.NOOP;
		this.tracer = on ? tracer : null;
		this.propagator = on ? propagator : null;
	}

	/** No tracing: jobs store no trace context. */
	static JobTracing none() {
		return new JobTracing((Tracer) null, null);
	}

	/** The {@code traceparent} of the current span, or null outside one. */
	String currentTraceParent() {
		if (this.tracer == null) {
			return null;
		}
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(span.context(), carrier, Map::put);
		String traceParent = carrier.get(TRACEPARENT);
		return (traceParent != null && W3C.matcher(traceParent).matches()) ? traceParent : null;
	}

	/**
	 * Runs one attempt of a job in a span of its own, a child of the span that enqueued
	 * it (a new trace when none was stored); the span is current while it runs, so log
	 * lines carry its trace id and calls made from it are its children.
	 */
	void inSpan(ClaimedJob job, Runnable run) {
		if (this.tracer == null) {
			run.run();
			return;
		}
		Span.Builder builder = (job.traceParent() != null)
				? this.propagator.extract(Map.of(TRACEPARENT, job.traceParent()), Map::get) : this.tracer.spanBuilder();
		Span span = builder.name("job " + job.type())
			.kind(Span.Kind.CONSUMER)
			.tag("vfbridge.job.type", job.type())
			.tag("vfbridge.operation.id", job.id().toString())
			.tag("vfbridge.job.attempt", job.attempts())
			.start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			run.run();
		}
		catch (RuntimeException | Error ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/**
	 * The trace id in a stored {@code traceparent}, or null when there is none (or it is
	 * not one).
	 */
	static String traceId(String traceParent) {
		if (traceParent == null || !W3C.matcher(traceParent).matches()) {
			return null;
		}
		return traceParent.substring(3, 35);
	}

}
