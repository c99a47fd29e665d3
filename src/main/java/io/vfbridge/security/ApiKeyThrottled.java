package io.vfbridge.security;

/**
 * Published when a request is refused because its API key went over its rate.
 *
 * @param keyName the key's configured name (never the key)
 */
public record ApiKeyThrottled(String keyName) {
}
