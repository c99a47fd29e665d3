package io.vfbridge.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * API key checking for every {@link RequiresRole} endpoint and the actuator, with a
 * request rate per key.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration implements WebMvcConfigurer {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	private final ApiKeys keys;

	private final ApiRateLimits rateLimits;

	private final ApplicationEventPublisher events;

	SecurityConfiguration(SecurityProperties properties, ApplicationEventPublisher events) {
		this.keys = new ApiKeys(properties);
		this.rateLimits = new ApiRateLimits(properties);
		this.events = events;
	}

	@Bean
	ActuatorAccessFilter actuatorAccessFilter(
			@Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath,
			@Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> errors) {
		return new ActuatorAccessFilter(this.keys, actuatorBasePath, errors::getObject);
	}

	@Bean
	ApiKeys apiKeys() {
		return this.keys;
	}

	@Bean
	SecretBox secretBox(SecurityProperties properties) {
		if (properties.effectiveEncryptionKeys().isEmpty()) {
			log.warn("No vfbridge.security.encryption-key is set: secrets awaiting delivery are encrypted with a "
					+ "key that dies with this process. Set one for anything but a local trial.");
			return SecretBox.ephemeral();
		}
		return new SecretBox(properties.effectiveEncryptionKeys());
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ApiKeyInterceptor(this.keys, this.rateLimits, this.events))
			.addPathPatterns("/v1/**");
	}

}
