package io.vfbridge.virtfusion.model;

/**
 * Work VirtFusion queued for a hypervisor (power actions); poll it with
 * {@code getQueueItem}.
 *
 * @param queueId the queue item id, null when VirtFusion answered without one (an empty
 * 2xx)
 */
public record QueueTask(Long queueId) {

	/** The answer when VirtFusion accepted the action but sent no body. */
	public static final QueueTask UNTRACKED = new QueueTask(null);

}
