package io.vfbridge.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * An active fault: the rule as given, how often it may still fire and how often it did. A
 * path with {@code {variables}} matches the operation's template (names aside); any other
 * path is a pattern matched against the concrete request path.
 */
final class FaultRule {

	private static final long UNLIMITED = Long.MAX_VALUE;

	private final int id;

	private final SimulatorProperties.Fault fault;

	private final boolean configured;

	private final @Nullable String template;

	private final @Nullable PathPattern pattern;

	private final AtomicLong remaining;

	private final AtomicLong applied = new AtomicLong();

	FaultRule(int id, SimulatorProperties.Fault fault, boolean configured) {
		this.id = id;
		this.fault = fault;
		this.configured = configured;
		String path = fault.path();
		if (path.equals("*")) {
			this.template = null;
			this.pattern = null;
		}
		else if (path.contains("{")) {
			this.template = normalise(path);
			this.pattern = null;
		}
		else {
			this.template = null;
			this.pattern = PathPatternParser.defaultInstance.parse(path);
		}
		this.remaining = new AtomicLong((fault.count() != null) ? fault.count() : UNLIMITED);
	}

	int id() {
		return this.id;
	}

	SimulatorProperties.Fault fault() {
		return this.fault;
	}

	FaultKind kind() {
		return this.fault.kind();
	}

	long applied() {
		return this.applied.get();
	}

	boolean expired() {
		return this.remaining.get() <= 0;
	}

	/**
	 * Whether the rule targets this call; the template comes {@linkplain #normalise
	 * normalised}.
	 */
	boolean matches(String method, String normalisedTemplate, String path) {
		if (!this.fault.method().equals("*") && !this.fault.method().equals(method)) {
			return false;
		}
		if (this.template != null) {
			return this.template.equals(normalisedTemplate);
		}
		return this.pattern == null || this.pattern.matches(PathContainer.parsePath(path));
	}

	/**
	 * Rolls the dice and takes one use of the count; true when the fault applies to this
	 * call.
	 */
	boolean fire() {
		if (this.fault.probability() < 1 && ThreadLocalRandom.current().nextDouble() >= this.fault.probability()) {
			return false;
		}
		long left;
		do {
			left = this.remaining.get();
			if (left <= 0) {
				return false;
			}
		}
		while (left != UNLIMITED && !this.remaining.compareAndSet(left, left - 1));
		this.applied.incrementAndGet();
		return true;
	}

	/**
	 * The delay this firing adds: the fixed latency plus a random share of the jitter.
	 */
	Duration delay() {
		Duration fixed = (this.fault.latency() != null) ? this.fault.latency() : Duration.ZERO;
		Duration jitter = this.fault.jitter();
		if (jitter == null || jitter.isZero()) {
			return fixed;
		}
		return fixed.plusNanos(ThreadLocalRandom.current().nextLong(jitter.toNanos() + 1));
	}

	Map<String, Object> toJson() {
		SimulatorProperties.Fault f = this.fault;
		long left = this.remaining.get();
		return Json.obj("id", this.id, "method", f.method(), "path", f.path(), "kind", f.kind().id(), "probability",
				f.probability(), "count", f.count(), "remaining", (left == UNLIMITED) ? null : left, "applied",
				this.applied.get(), "latency", millis(f.latency()), "jitter", millis(f.jitter()), "status", f.status(),
				"msg", f.msg(), "errors", f.errors(), "retryAfter", millis(f.retryAfter()), "hold", millis(f.hold()),
				"configured", this.configured);
	}

	private static @Nullable Long millis(@Nullable Duration duration) {
		return (duration != null) ? duration.toMillis() : null;
	}

	/** A template with its variable names dropped: {@code /servers/{}/suspend}. */
	static String normalise(String template) {
		return template.replaceAll("\\{[^}]*}", "{}");
	}

}
