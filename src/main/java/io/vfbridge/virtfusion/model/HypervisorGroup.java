package io.vfbridge.virtfusion.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A hypervisor group: what {@code createServer} calls {@code hypervisorId}.
 *
 * @param id the group id
 * @param name the name
 * @param label the label, if any
 * @param description the description
 * @param distributionType how servers are spread over the group's hypervisors (a code)
 * @param enabled whether the group is enabled
 * @param isDefault whether it is the default group ({@code default})
 * @param created when it was created
 * @param updated when it was last changed
 */
public record HypervisorGroup(Long id, String name, String label, String description, Integer distributionType,
		Boolean enabled, @JsonProperty("default") Boolean isDefault, String created, String updated) {
}
