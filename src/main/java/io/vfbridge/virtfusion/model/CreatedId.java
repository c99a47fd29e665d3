package io.vfbridge.virtfusion.model;

/**
 * The id of something VirtFusion created (a credit, a user's resource pack).
 *
 * @param id the new id
 */
public record CreatedId(Long id) {
}
