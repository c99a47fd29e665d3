package io.vfbridge.virtfusion;

/**
 * Told of every attempt of every VirtFusion call, on the calling thread, after the answer
 * (or the failure) and before the client returns or retries. Implementations must be
 * quick and must not throw (a throw is logged and ignored): the audit queues the call and
 * writes it elsewhere.
 */
@FunctionalInterface
public interface VirtFusionCallListener {

	/** A listener that does nothing. */
	VirtFusionCallListener NONE = (call) -> {
	};

	/** One attempt has ended. */
	void called(VirtFusionCall call);

}
