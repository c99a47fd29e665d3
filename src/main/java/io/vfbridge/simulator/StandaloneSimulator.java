package io.vfbridge.simulator;

import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The application of the standalone simulator
 * ({@code --spring.profiles.active=simulator}): only this package and Boot's
 * auto-configuration, so nothing of vfbridge that needs a database is started. Not a
 * {@code @Configuration}, so the full application's component scan passes it by. Scans
 * with the same exclusions as {@code @SpringBootApplication} (tests' own configurations
 * stay out).
 */
@EnableAutoConfiguration
@ComponentScan(basePackageClasses = StandaloneSimulator.class,
		excludeFilters = { @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
				@ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class) })
public class StandaloneSimulator {

}
