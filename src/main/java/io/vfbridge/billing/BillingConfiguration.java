package io.vfbridge.billing;

import java.time.Clock;

import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The intake's verifier and reader. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingProperties.class)
class BillingConfiguration {

	@Bean
	WebhookVerifier webhookVerifier(BillingProperties properties, Clock clock) {
		return new WebhookVerifier(properties, clock);
	}

	@Bean
	EventReader eventReader(JsonMapper json, Validator validator, BillingProperties properties) {
		return new EventReader(json, validator, properties);
	}

}
