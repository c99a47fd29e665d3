package io.vfbridge.virtfusion.model;

/**
 * Enables or disables a user's resource pack.
 *
 * @param enabled whether the pack is enabled
 */
public record ResourcePackState(boolean enabled) {
}
