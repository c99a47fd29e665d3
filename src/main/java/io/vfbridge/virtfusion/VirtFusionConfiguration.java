package io.vfbridge.virtfusion;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Makes the per-panel VirtFusion clients available. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VirtFusionProperties.class)
class VirtFusionConfiguration {

	@Bean
	VirtFusionClients virtFusionClients(VirtFusionProperties properties, MeterRegistry meters, Clock clock,
			Environment environment) {
		return new VirtFusionClients(properties, meters, clock, environment::resolveRequiredPlaceholders);
	}

}
