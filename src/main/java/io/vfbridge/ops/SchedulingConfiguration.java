package io.vfbridge.ops;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs housekeeping on a schedule ({@code vfbridge.scheduling.enabled=false} turns it
 * off).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "vfbridge.scheduling.enabled", matchIfMissing = true)
class SchedulingConfiguration {

}
