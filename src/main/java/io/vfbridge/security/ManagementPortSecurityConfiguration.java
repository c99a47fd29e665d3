package io.vfbridge.security;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Guards the actuator on a separate management port ({@code management.server.port}): the
 * child context that serves it gets the same {@link ActuatorAccessFilter} as the main
 * port.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ManagementPortSecurityConfiguration {

	@Bean
	FilterRegistrationBean<ActuatorAccessFilter> managementActuatorAccess(ActuatorAccessFilter filter) {
		return new FilterRegistrationBean<>(filter);
	}

}
