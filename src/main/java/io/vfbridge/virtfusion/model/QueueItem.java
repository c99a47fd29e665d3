package io.vfbridge.virtfusion.model;

import java.util.List;
import java.util.Map;

/**
 * A queued hypervisor job (build, power action, password reset ...).
 *
 * @param id the queue id
 * @param jobId the job id (a string)
 * @param job the job class name
 * @param hypervisorId the hypervisor it runs on
 * @param serverId the server it acts on
 * @param action what it does ({@code build_server}, ...)
 * @param queue the queue name
 * @param started when it started
 * @param updated when it last changed
 * @param finished when it finished, null while running
 * @param failed whether it failed
 * @param progress the progress, 0 to 100
 * @param errors the failure details
 * @param primaryActions the steps it ran
 * @param subActions sub-steps (shape undocumented)
 */
public record QueueItem(Long id, String jobId, String job, Long hypervisorId, Long serverId, String action,
		String queue, String started, String updated, String finished, Boolean failed, Integer progress, Errors errors,
		List<Step> primaryActions, List<Object> subActions) {

	public QueueItem {
		primaryActions = Copies.list(primaryActions);
		subActions = Copies.list(subActions);
	}

	/** Whether the job is over: it has a finish time or reached 100%. */
	public boolean isDone() {
		return this.finished != null || (this.progress != null && this.progress >= 100);
	}

	/** Whether the job is over and failed. */
	public boolean hasFailed() {
		return isDone() && Boolean.TRUE.equals(this.failed);
	}

	/**
	 * Failure details.
	 *
	 * @param exception the exception, all null when the job did not fail
	 */
	public record Errors(ExceptionInfo exception) {
	}

	/**
	 * An exception of a failed job.
	 *
	 * @param message the message
	 * @param type the exception type
	 * @param stringable whether it is stringable
	 * @param errors further errors
	 * @param trace the trace
	 */
	public record ExceptionInfo(String message, String type, Boolean stringable, List<Object> errors, Object trace) {

		public ExceptionInfo {
			errors = Copies.list(errors);
		}

	}

	/**
	 * A step of a job.
	 *
	 * @param type the step type ({@code server.get.status}, ...)
	 * @param dataType the data's type
	 * @param data the step's output
	 * @param created when it started
	 * @param updated when it last changed
	 */
	public record Step(String type, String dataType, Map<String, Object> data, String created, String updated) {

		public Step {
			data = Copies.map(data);
		}

	}

}
