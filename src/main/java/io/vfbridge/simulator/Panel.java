package io.vfbridge.simulator;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The simulated panel: one lock around the whole state. Every call is a few microseconds
 * of in-memory work, so a single lock serves thousands of calls a second and keeps each
 * operation atomic (a create either takes its hypervisor capacity and addresses or
 * nothing).
 */
final class Panel {

	private final ReentrantLock lock = new ReentrantLock();

	private final Supplier<PanelState> fresh;

	private PanelState state;

	Panel(Supplier<PanelState> fresh) {
		this.fresh = fresh;
		this.state = fresh.get();
	}

	/**
	 * Runs one operation atomically, after the transitions that are due have happened.
	 */
	<T> T call(Function<PanelState, T> operation) {
		this.lock.lock();
		try {
			this.state.advance();
			return operation.apply(this.state);
		}
		finally {
			this.lock.unlock();
		}
	}

	void run(Consumer<PanelState> operation) {
		call((state) -> {
			operation.accept(state);
			return null;
		});
	}

	/** Back to the seed: no users, no servers, nothing queued. */
	void reset() {
		this.lock.lock();
		try {
			this.state = this.fresh.get();
		}
		finally {
			this.lock.unlock();
		}
	}

}
