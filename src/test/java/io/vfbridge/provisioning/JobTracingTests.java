package io.vfbridge.provisioning;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The trace context a job stores and the span each of its runs continues. */
class JobTracingTests {

	private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
		.setTracerProvider(SdkTracerProvider.builder().build())
		.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
		.build();

	private final io.opentelemetry.api.trace.Tracer otel = this.sdk.getTracer("test");

	private final OtelTracer tracer = new OtelTracer(this.otel, new OtelCurrentTraceContext(), (event) -> {
	});

	private final JobTracing tracing = new JobTracing(this.tracer,
			new OtelPropagator(this.sdk.getPropagators(), this.otel));

	@AfterEach
	void close() {
		this.sdk.close();
	}

	@Test
	void continuesTheTraceOfTheSpanThatEnqueuedTheJobInAChildSpan() {
		Span intake = this.tracer.nextSpan().name("intake").start();
		String stored;
		try (Tracer.SpanInScope scope = this.tracer.withSpan(intake)) {
			stored = this.tracing.currentTraceParent();
		}
		finally {
			intake.end();
		}
		assertThat(stored).isEqualTo("00-" + intake.context().traceId() + "-" + intake.context().spanId() + "-01");
		assertThat(JobTracing.traceId(stored)).isEqualTo(intake.context().traceId());

		AtomicReference<TraceContext> run = new AtomicReference<>();
		AtomicReference<String> enqueuedByTheRun = new AtomicReference<>();
		this.tracing.inSpan(job(stored), () -> {
			run.set(this.tracer.currentSpan().context());
			enqueuedByTheRun.set(this.tracing.currentTraceParent());
		});
		assertThat(run.get().traceId()).isEqualTo(intake.context().traceId());
		assertThat(run.get().parentId()).isEqualTo(intake.context().spanId());
		assertThat(run.get().spanId()).isNotEqualTo(intake.context().spanId());
		// a job enqueued while the run is current (a callback) continues the run's span
		assertThat(enqueuedByTheRun.get()).contains(run.get().spanId());
		assertThat(this.tracer.currentSpan()).as("the run's span is closed").isNull();
	}

	@Test
	void startsANewTraceForAJobStoredWithoutOne() {
		AtomicReference<TraceContext> run = new AtomicReference<>();
		this.tracing.inSpan(job(null), () -> run.set(this.tracer.currentSpan().context()));
		assertThat(run.get().traceId()).hasSize(32);
		assertThat(run.get().parentId()).isNull();
	}

	@Test
	void storesNothingOutsideASpanOrWithoutTracing() {
		assertThat(this.tracing.currentTraceParent()).isNull();
		JobTracing none = JobTracing.none();
		AtomicReference<Boolean> ran = new AtomicReference<>(false);
		none.inSpan(job(null), () -> ran.set(true));
		assertThat(ran.get()).isTrue();
		assertThat(none.currentTraceParent()).isNull();
	}

	@Test
	void readsTheTraceIdOfAStoredTraceparentOnly() {
		assertThat(JobTracing.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
			.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(JobTracing.traceId(null)).isNull();
		assertThat(JobTracing.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736")).isNull();
		assertThat(JobTracing.traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01")).isNull();
	}

	private static ClaimedJob job(String traceParent) {
		return new ClaimedJob(UUID.randomUUID(), "service.create", "{}", null, 1, 0, null, "88311", null, Instant.EPOCH,
				traceParent);
	}

}
