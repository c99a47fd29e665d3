package io.vfbridge.simulator;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * The application of the standalone simulator
 * ({@code --spring.profiles.active=simulator}): only this package and Boot's
 * auto-configuration, so nothing of vfbridge that needs a database is started. Not a
 * {@code @Configuration}, so the full application's component scan passes it by.
 */
@EnableAutoConfiguration
@ComponentScan(basePackageClasses = StandaloneSimulator.class)
public class StandaloneSimulator {

}
