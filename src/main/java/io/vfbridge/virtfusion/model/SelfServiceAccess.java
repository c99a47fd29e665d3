package io.vfbridge.virtfusion.model;

/**
 * How a user's self-service access level is set.
 *
 * @param syncToProfiles true to derive the access level from the assigned profiles
 */
public record SelfServiceAccess(boolean syncToProfiles) {
}
