package io.vfbridge.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** API key checking for every {@link RequiresRole} endpoint. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiKeyProperties.class)
class SecurityConfiguration implements WebMvcConfigurer {

	private final ApiKeys keys;

	SecurityConfiguration(ApiKeyProperties properties) {
		this.keys = new ApiKeys(properties);
	}

	@Bean
	ApiKeys apiKeys() {
		return this.keys;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ApiKeyInterceptor(this.keys)).addPathPatterns("/v1/**");
	}

}
