package io.vfbridge.virtfusion.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** A server's provisioning state as VirtFusion reports it. */
public enum ServerState {

	/** Created, not built: no operating system installed yet. */
	ALLOCATED,

	/** A build is queued or running. */
	QUEUED,

	/** Built. */
	COMPLETE,

	/** The last build failed. */
	FAILED,

	/** A state this client does not know yet. */
	@JsonEnumDefaultValue
	UNKNOWN

}
