package io.vfbridge.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls served, per operation ({@code METHOD /template}) and status; status 0 counts
 * calls that got no answer (a dropped connection). Also the W3C {@code traceparent}
 * header of each operation's latest call that had one, so a test can follow a trace into
 * the panel.
 */
final class CallStats {

	private final Map<String, Map<Integer, LongAdder>> calls = new ConcurrentHashMap<>();

	private final Map<String, String> traceParents = new ConcurrentHashMap<>();

	void record(String operation, int status) {
		this.calls.computeIfAbsent(operation, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(status, (key) -> new LongAdder())
			.increment();
	}

	void traced(String operation, String traceParent) {
		if (traceParent != null) {
			this.traceParents.put(operation, traceParent);
		}
	}

	void clear() {
		this.calls.clear();
		this.traceParents.clear();
	}

	/** A sorted snapshot: operation → the latest {@code traceparent} it received. */
	Map<String, String> traceParents() {
		return new TreeMap<>(this.traceParents);
	}

	/** A sorted snapshot: operation → status → count. */
	Map<String, Map<String, Long>> snapshot() {
		Map<String, Map<String, Long>> snapshot = new TreeMap<>();
		this.calls.forEach((operation, statuses) -> {
			Map<String, Long> counts = new TreeMap<>();
			statuses.forEach((status, count) -> counts.put(String.valueOf(status), count.sum()));
			snapshot.put(operation, counts);
		});
		return snapshot;
	}

	long total() {
		return this.calls.values().stream().flatMap((s) -> s.values().stream()).mapToLong(LongAdder::sum).sum();
	}

}
