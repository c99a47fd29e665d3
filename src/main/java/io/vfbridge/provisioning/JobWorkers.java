package io.vfbridge.provisioning;

/** The job engine of this instance as health checks see it. */
public interface JobWorkers {

	/**
	 * Whether this instance is configured to run jobs ({@code vfbridge.jobs.enabled}).
	 */
	boolean isEnabled();

	/** Whether the engine runs and its dispatcher is alive. */
	boolean isDispatching();

	/** Jobs running in this instance now. */
	int inFlight();

}
