package io.vfbridge.local;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link LocalDatabaseUnavailableException} into Boot's start-up failure report:
 * what is missing and how to name a database instead, without a stack trace.
 */
class LocalDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<LocalDatabaseUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LocalDatabaseUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(), """
				Point vfbridge at a PostgreSQL database: set spring.datasource.url (environment: \
				SPRING_DATASOURCE_URL, e.g. jdbc:postgresql://127.0.0.1:5432/vfbridge) with \
				spring.datasource.username and spring.datasource.password, or run the production profile \
				(SPRING_PROFILES_ACTIVE=prod), which names everything it needs.""", cause);
	}

}
