package io.vfbridge.ops;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the operations features into the web layer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpsProperties.class)
class OpsConfiguration implements WebMvcConfigurer {

	private final OpsMetrics metrics;

	OpsConfiguration(OpsMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.metrics).addPathPatterns("/v1/**");
	}

	@Bean
	FilterRegistrationBean<CorrelationFilter> correlationFilter() {
		FilterRegistrationBean<CorrelationFilter> registration = new FilterRegistrationBean<>(new CorrelationFilter());
		registration.addUrlPatterns("/v1/*");
		return registration;
	}

}
