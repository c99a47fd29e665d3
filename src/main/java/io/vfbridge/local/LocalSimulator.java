package io.vfbridge.local;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the built-in VirtFusion simulator on for the local default run only: no
 * datasource URL configured and the embedded database enabled, and
 * {@code vfbridge.simulator.enabled} not set either way. Anything else (a configured
 * database, the production profile) runs without it unless the property says otherwise,
 * so a deployment never serves a fake panel by accident.
 */
public class LocalSimulator implements EnvironmentPostProcessor, Ordered {

	static final String ENABLED = "vfbridge.simulator.enabled";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty(ENABLED) || !isLocalDefaultRun(environment)) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource("vfbridge-local-simulator", Map.of(ENABLED, "true")));
	}

	/** No datasource configured and the embedded database enabled. */
	static boolean isLocalDefaultRun(ConfigurableEnvironment environment) {
		return !environment.containsProperty("spring.datasource.url")
				&& environment.getProperty("vfbridge.local.embedded-database.enabled", Boolean.class, true);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
