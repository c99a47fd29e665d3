package io.vfbridge.ops;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link ProductionSettingsException} into Boot's start-up failure report: the list
 * of missing settings and what to do, without a stack trace.
 */
class ProductionSettingsFailureAnalyzer extends AbstractFailureAnalyzer<ProductionSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ProductionSettingsException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set the settings above in the environment (docker-compose.yml, the Helm chart's values and Secret, "
						+ "or your process manager); see \"Configuration reference\" in the README.",
				cause);
	}

}
