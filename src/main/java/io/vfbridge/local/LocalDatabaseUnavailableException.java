package io.vfbridge.local;

/**
 * The local default run cannot start its embedded PostgreSQL because this build has no
 * binaries for the platform: another platform than Linux or macOS on x86-64 or arm64, or
 * the jar of the Docker image ({@code mvn -Pimage package}), which has none.
 */
class LocalDatabaseUnavailableException extends RuntimeException {

	LocalDatabaseUnavailableException(String platform, Throwable cause) {
		super("""
				No spring.datasource.url is configured, so vfbridge's local default run would start an \
				embedded PostgreSQL, but this build has none for %s. The embedded binaries ship for Linux \
				and macOS on x86-64 and arm64; a jar built with -Pimage (the Docker image's) has none.\
				""".formatted(platform), cause);
	}

}
