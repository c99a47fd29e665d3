package io.vfbridge.virtfusion;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
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
			Environment environment, ObjectProvider<VirtFusionCallListener> listeners,
			ObjectProvider<ObservationRegistry> observations) {
		List<VirtFusionCallListener> all = listeners.orderedStream().toList();
		VirtFusionCallListener listener = (all.size() == 1) ? all.get(0)
				: (call) -> all.forEach((each) -> each.called(call));
		// the registry makes each HTTP exchange an observation: a span in the caller's
		// trace, and
		// the W3C traceparent header on the request
		return new VirtFusionClients(properties, meters, clock, environment::resolveRequiredPlaceholders, listener,
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

}
