package io.vfbridge.provisioning;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;

/**
 * A job handler that does what its payload says, run by run: {@code {"script": ["retry",
 * "succeed"], "sleepMs": 100}}. Every run is recorded with the worker that ran it and
 * when, so tests can check order, overlap and "exactly once".
 */
class ScriptedHandler implements JobHandler {

	static final String TYPE = "test.scripted";

	/** One run. */
	record Run(UUID job, String orderingKey, int attempt, String thread, long startedNanos, long endedNanos) {
	}

	static final List<Run> RUNS = new CopyOnWriteArrayList<>();

	static final Map<UUID, Integer> RUNS_PER_JOB = new ConcurrentHashMap<>();

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public JobOutcome handle(JobContext job) throws Exception {
		long started = System.nanoTime();
		JsonNode payload = job.payload();
		int run = RUNS_PER_JOB.merge(job.id(), 1, Integer::sum);
		long sleep = payload.path("sleepMs").asLong(0);
		if (sleep > 0) {
			Thread.sleep(sleep);
		}
		JsonNode script = payload.path("script");
		String step = script.isArray() && script.size() > 0 ? script.get(Math.min(run, script.size()) - 1).asString()
				: "succeed";
		RUNS.add(new Run(job.id(), payload.path("key").asString(""), job.attempt(), Thread.currentThread().getName(),
				started, System.nanoTime()));
		if (step.equals("throw")) {
			throw new IllegalStateException("scripted exception");
		}
		return outcome(step, run, job);
	}

	private static JobOutcome outcome(String step, int run, JobContext job) {
		return switch (step) {
			case "retry" -> new JobOutcome.RetryLater("scripted failure " + run, null);
			case "retry-after" -> new JobOutcome.RetryLater("scripted 429", Duration.ofSeconds(30));
			case "fail" -> new JobOutcome.Failed("scripted permanent failure");
			case "attention" -> new JobOutcome.NeedsAttention("scripted question", null);
			case "wait" -> new JobOutcome.Waiting("scripted wait", Duration.ofMillis(100));
			default -> new JobOutcome.Succeeded(job.json().createObjectNode().put("run", run));
		};
	}

	static List<Run> runsOf(UUID job) {
		return RUNS.stream().filter((run) -> run.job().equals(job)).toList();
	}

}
