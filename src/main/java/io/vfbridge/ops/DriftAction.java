package io.vfbridge.ops;

import java.util.Locale;

/**
 * The fix a finding suggests. Each goes through the job queue: most enqueue a job of an
 * existing type (whose handler checks VirtFusion's state first, so running it twice is
 * harmless), the operation ones send an existing job round again or end it.
 */
public enum DriftAction {

	/** Enqueue {@code service.suspend}. */
	SUSPEND("service.suspend"),

	/** Enqueue {@code service.unsuspend}. */
	UNSUSPEND("service.unsuspend"),

	/** Enqueue {@code service.change_package} back to the service's package. */
	CHANGE_PACKAGE("service.change_package"),

	/** Enqueue {@code service.change_owner} back to the service's customer. */
	CHANGE_OWNER("service.change_owner"),

	/** Enqueue {@code service.terminate} again. */
	TERMINATE("service.terminate"),

	/**
	 * Enqueue {@code reconciliation.refresh_service}: the service's state is set from its
	 * server (missing: needs attention; built: active or suspended).
	 */
	REFRESH_SERVICE(ReconciliationHandlers.REFRESH_SERVICE),

	/**
	 * Enqueue {@code reconciliation.suspend_orphan}: the unmapped server is suspended
	 * (never deleted), if still unmapped.
	 */
	SUSPEND_ORPHAN(ReconciliationHandlers.SUSPEND_ORPHAN),

	/**
	 * Import the server into the billing service it belongs to ({@code POST
	 * /v1/services/{serviceId}/import}): the operator names the service, so it is never
	 * applied from the finding.
	 */
	IMPORT(null),

	/** Retry the stuck operation (it is queued again). */
	RETRY_OPERATION(null),

	/** Cancel the stuck operation (it ends as failed). */
	CANCEL_OPERATION(null);

	private final String jobType;

	DriftAction(String jobType) {
		this.jobType = jobType;
	}

	/** The job type it enqueues, or null when it acts on an existing operation. */
	String jobType() {
		return this.jobType;
	}

	/** The stored and shown value. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The action with this stored value. */
	public static DriftAction of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
