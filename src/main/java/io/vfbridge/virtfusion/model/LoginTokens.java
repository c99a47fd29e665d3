package io.vfbridge.virtfusion.model;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One-time tokens that log a user into the panel (valid about 60 seconds): send the
 * browser to {@link #loginUrl(URI)} at once.
 *
 * @param tokens the two tokens, keyed {@code "1"} and {@code "2"}
 * @param endpoint the login endpoint ({@code /token_authenticate})
 * @param endpointComplete the endpoint with both tokens, relative to the panel's host
 * ({@code endpoint_complete})
 * @param expiry how long the tokens live
 */
public record LoginTokens(Map<String, String> tokens, String endpoint,
		@JsonProperty("endpoint_complete") String endpointComplete, Expiry expiry) {

	public LoginTokens {
		tokens = Copies.map(tokens);
	}

	/**
	 * The login URL on the panel: its scheme and host with {@link #endpointComplete()}.
	 * @param panel the panel's URL (with or without the {@code /api/v1} path)
	 */
	public URI loginUrl(URI panel) {
		if (this.endpointComplete == null || !this.endpointComplete.startsWith("/")) {
			throw new IllegalStateException("VirtFusion sent no relative login endpoint");
		}
		return panel.resolve(this.endpointComplete);
	}

	/** Masks the tokens so they can be logged. */
	@Override
	public String toString() {
		return "LoginTokens[tokens=******, endpoint=" + this.endpoint + ", expiry=" + this.expiry + "]";
	}

	/**
	 * The tokens' lifetime.
	 *
	 * @param ttl seconds to live
	 * @param expires when they expire
	 */
	public record Expiry(Integer ttl, String expires) {
	}

}
