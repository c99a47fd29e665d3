package io.vfbridge.virtfusion.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A server as the paginated server list shows it (the {@code simple} type).
 *
 * @param id the server id
 * @param uuid the server UUID
 * @param name the display name
 * @param commissioned the commission status: 0 created, 1–2 building, 3 or more built
 * @param ownerId the owner's internal user id ({@code owner})
 * @param hypervisorId the hypervisor it runs on
 * @param suspended whether it is suspended
 * @param isProtected whether it is protected ({@code protected})
 * @param updated when it was last changed
 * @param created when it was created
 */
public record ServerSummary(Long id, String uuid, String name, Integer commissioned,
		@JsonProperty("owner") Long ownerId, Long hypervisorId, Boolean suspended,
		@JsonProperty("protected") Boolean isProtected, String updated, String created) {
}
