package io.vfbridge.provisioning;

import java.util.UUID;

/**
 * A job to enqueue.
 *
 * @param id the job's id (and so the operation's id)
 * @param orderingKey jobs with the same key run strictly one after another, in enqueue
 * order (e.g. {@code service:1234})
 * @param type the job type, which names its handler
 * @param payload the job's input, JSON
 * @param panel the VirtFusion panel, may be null for the default
 * @param serviceId the billing service it concerns, may be null
 * @param customerId the billing customer it concerns, may be null
 * @param parentJobId the job this one follows up (a callback of an operation), may be
 * null
 */
public record NewJob(UUID id, String orderingKey, String type, String payload, String panel, String serviceId,
		String customerId, UUID parentJobId) {

	public NewJob {
		if (id == null || orderingKey == null || orderingKey.isBlank() || type == null || type.isBlank()
				|| payload == null) {
			throw new IllegalArgumentException("a job needs an id, an ordering key, a type and a payload");
		}
	}

	/** The ordering key of everything done to one billing service. */
	public static String serviceKey(String serviceId) {
		return "service:" + serviceId;
	}

	/**
	 * The ordering key of everything done to one billing customer that is not about a
	 * service.
	 */
	public static String customerKey(String customerId) {
		return "customer:" + customerId;
	}

	/** The ordering key of everything done to one VirtFusion IP block. */
	public static String ipBlockKey(long blockId) {
		return "ip-block:" + blockId;
	}

}
