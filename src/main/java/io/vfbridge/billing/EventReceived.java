package io.vfbridge.billing;

/**
 * Published when intake has accepted an event or recognised a repeat (in memory only, for
 * metrics: intake adds no write for it).
 *
 * @param channel {@code webhook} or {@code rest}
 * @param type the event type's wire name
 * @param repeat whether it repeated one accepted earlier
 */
public record EventReceived(String channel, String type, boolean repeat) {
}
