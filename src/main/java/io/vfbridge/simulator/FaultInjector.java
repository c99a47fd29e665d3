package io.vfbridge.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * The active fault rules and the decision for each call. Every matching latency rule that
 * fires adds its delay; the first other rule that fires decides the outcome (an error
 * answer, or a dropped connection with or without the action applied).
 */
final class FaultInjector {

	private final List<SimulatorProperties.Fault> configured;

	private final CopyOnWriteArrayList<FaultRule> rules = new CopyOnWriteArrayList<>();

	private final AtomicInteger ids = new AtomicInteger();

	private final Map<FaultKind, LongAdder> appliedByKind = new ConcurrentHashMap<>();

	FaultInjector(List<SimulatorProperties.Fault> configured) {
		this.configured = List.copyOf(configured);
		reset();
	}

	/** Drops every rule and counter, then installs the configured rules again. */
	void reset() {
		this.rules.clear();
		this.appliedByKind.clear();
		this.configured.forEach((fault) -> this.rules.add(new FaultRule(this.ids.incrementAndGet(), fault, true)));
	}

	List<FaultRule> add(List<SimulatorProperties.Fault> faults) {
		List<FaultRule> added = new ArrayList<>(faults.size());
		for (SimulatorProperties.Fault fault : faults) {
			added.add(new FaultRule(this.ids.incrementAndGet(), fault, false));
		}
		this.rules.addAll(added);
		return added;
	}

	boolean remove(int id) {
		return this.rules.removeIf((rule) -> rule.id() == id);
	}

	void clear() {
		this.rules.clear();
	}

	List<FaultRule> rules() {
		return List.copyOf(this.rules);
	}

	Map<FaultKind, LongAdder> appliedByKind() {
		return this.appliedByKind;
	}

	Plan plan(String method, String normalisedTemplate, String path) {
		if (this.rules.isEmpty()) {
			return Plan.NONE;
		}
		Duration delay = Duration.ZERO;
		SimulatorProperties.Fault outcome = null;
		boolean expired = false;
		for (FaultRule rule : this.rules) {
			if (!rule.matches(method, normalisedTemplate, path)) {
				continue;
			}
			boolean latency = rule.kind() == FaultKind.LATENCY;
			if ((latency || outcome == null) && rule.fire()) {
				count(rule.kind());
				if (latency) {
					delay = delay.plus(rule.delay());
				}
				else {
					outcome = rule.fault();
					// An error or drop rule may carry its own latency, waited before it
					// acts.
					delay = delay.plus((rule.fault().latency() != null) ? rule.fault().latency() : Duration.ZERO);
				}
			}
			expired |= rule.expired();
		}
		if (expired) {
			this.rules.removeIf(FaultRule::expired);
		}
		return new Plan(delay, outcome);
	}

	private void count(FaultKind kind) {
		this.appliedByKind.computeIfAbsent(kind, (k) -> new LongAdder()).increment();
	}

	/** What happens to one call: a delay and at most one outcome other than latency. */
	record Plan(Duration delay, SimulatorProperties.@Nullable Fault outcome) {

		static final Plan NONE = new Plan(Duration.ZERO, null);

		boolean is(FaultKind kind) {
			return this.outcome != null && this.outcome.kind() == kind;
		}

	}

}
