package io.vfbridge.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The local default database: when nothing names a database
 * ({@code spring.datasource.url} unset) and
 * {@code vfbridge.local.embedded-database.enabled} is true, an embedded PostgreSQL under
 * {@code ./.vfbridge/postgres} becomes the application's database. A configured URL
 * always wins.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LocalProperties.class)
@Conditional(LocalDatabaseConfiguration.NoDatabaseConfigured.class)
class LocalDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(LocalDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	LocalPostgres localPostgres(LocalProperties properties) {
		LocalProperties.EmbeddedDatabase settings = properties.embeddedDatabase();
		LocalPostgres postgres = LocalPostgres.start(settings.dataDirectory(), settings.port(), settings.startupWait());
		log.warn("""

				  *** LOCAL DEFAULT RUN — NOT FOR PRODUCTION ***
				  No spring.datasource.url is configured, so vfbridge runs on an embedded PostgreSQL
				  (port {}, data in {}, fsync off). Set spring.datasource.url (or use the production
				  profile) for a real database.
				""", postgres.port(), postgres.dataDirectory());
		return postgres;
	}

	@Bean
	JdbcConnectionDetails localJdbcConnectionDetails(LocalPostgres postgres) {
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return LocalPostgres.USER;
			}

			@Override
			public String getPassword() {
				return null;
			}

			@Override
			public String getJdbcUrl() {
				return postgres.jdbcUrl();
			}

		};
	}

	/**
	 * Matches when no datasource URL is configured and the embedded database is enabled.
	 */
	static class NoDatabaseConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			var environment = context.getEnvironment();
			return !environment.containsProperty("spring.datasource.url")
					&& environment.getProperty("vfbridge.local.embedded-database.enabled", Boolean.class, true);
		}

	}

}
