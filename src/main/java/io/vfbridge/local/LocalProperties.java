package io.vfbridge.local;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local default run, under {@code vfbridge.local}.
 *
 * @param embeddedDatabase the embedded PostgreSQL used when no
 * {@code spring.datasource.url} is set
 */
@ConfigurationProperties("vfbridge.local")
public record LocalProperties(@DefaultValue EmbeddedDatabase embeddedDatabase) {

	/**
	 * The embedded PostgreSQL of the local default run: real PostgreSQL binaries from a
	 * Maven artifact, started with fsync off. Never for production: the production
	 * profile turns it off.
	 *
	 * @param enabled whether to start it when no {@code spring.datasource.url} is
	 * configured
	 * @param dataDirectory where its data lives; it survives restarts
	 * @param port the port, 0 for any free one
	 * @param startupWait how long to wait for it to accept connections
	 */
	public record EmbeddedDatabase(@DefaultValue("true") boolean enabled,
			@DefaultValue(".vfbridge/postgres") Path dataDirectory, @DefaultValue("0") int port,
			@DefaultValue("60s") Duration startupWait) {
	}

}
