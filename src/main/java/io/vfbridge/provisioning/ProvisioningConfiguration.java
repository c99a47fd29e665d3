package io.vfbridge.provisioning;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The job engine's and the lifecycle's settings, and the retry policy. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ JobsProperties.class, ProvisioningProperties.class, PlansProperties.class })
class ProvisioningConfiguration {

	@Bean
	RetryPolicy retryPolicy(JobsProperties properties) {
		return new RetryPolicy(properties.retry(), () -> ThreadLocalRandom.current().nextDouble());
	}

}
