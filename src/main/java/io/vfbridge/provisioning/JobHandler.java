package io.vfbridge.provisioning;

/**
 * Does the work of one job type. Handlers must be idempotent: a crash between a
 * VirtFusion call and the commit of the outcome runs the job again, so a handler looks at
 * VirtFusion's state before acting. Exceptions are outcomes too: a retryable
 * {@code VirtFusionApiException} retries the job, any other exception counts as a
 * transient failure.
 */
public interface JobHandler {

	/** The job type this handler runs, e.g. {@code service.suspend}. */
	String type();

	/** Runs one attempt of the job and says how it went. */
	JobOutcome handle(JobContext job) throws Exception;

}
