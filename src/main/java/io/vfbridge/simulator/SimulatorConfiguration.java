package io.vfbridge.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Switches the VirtFusion simulator on when {@code vfbridge.simulator.enabled=true}; with
 * the property absent nothing of the simulator exists. It is set by the local default run
 * (only when no datasource is configured, see {@code local.LocalSimulator}), the
 * {@code simulator} profile and the tests' profile, never by default. The harness under
 * {@code <base-path>/_admin} takes the same bearer token as the simulated VirtFusion API
 * ({@code vfbridge.simulator.token}): whoever may reset the panel or inject faults must
 * hold its token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("vfbridge.simulator.enabled")
@EnableConfigurationProperties(SimulatorProperties.class)
class SimulatorConfiguration {

	private static final Log logger = LogFactory.getLog(SimulatorConfiguration.class);

	private static final String DEFAULT_SEED = "simulator/seed.yaml";

	@Bean
	Panel simulatorPanel(SimulatorProperties properties, ObjectProvider<Clock> clock) {
		Seed seed = loadSeed(properties);
		SimulatedTime time = new SimulatedTime(clock.getIfAvailable(Clock::systemUTC), properties.timeScale());
		PanelState.Timing timing = new PanelState.Timing(properties.buildTime(), properties.taskTime(),
				properties.defaultDeleteDelay());
		return new Panel(() -> new PanelState(seed, time, timing));
	}

	@Bean
	FaultInjector simulatorFaults(SimulatorProperties properties) {
		return new FaultInjector(properties.faults());
	}

	@Bean
	CallStats simulatorCallStats() {
		return new CallStats();
	}

	@Bean
	RouterFunction<ServerResponse> simulatorRoutes(SimulatorProperties properties, Panel panel, FaultInjector faults,
			CallStats stats) {
		String apiRoot = ApiRoutes.apiRoot(properties.basePath());
		ApiGateway gateway = new ApiGateway(properties.token(), apiRoot, faults, stats);
		ApiRoutes routes = ApiRoutes.build(properties.basePath(), gateway, new CatalogApi(panel), new ServerApi(panel),
				new ServerNetworkApi(panel), new UserApi(panel), new SelfServiceApi(panel),
				new AdminApi(panel, faults, stats));
		String adminRoot = properties.basePath() + "/_admin";
		logger.info("VirtFusion simulator serves " + routes.operations().size() + " operations under " + apiRoot
				+ " and its harness under " + adminRoot + " (same bearer token)");
		return routes.routerFunction().filter(adminToken(adminRoot, properties.token()));
	}

	/**
	 * Requires {@code Authorization: Bearer <token>} on the harness; the API checks its
	 * own token in its gateway.
	 */
	static HandlerFilterFunction<ServerResponse, ServerResponse> adminToken(String adminRoot, String token) {
		byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
		return (request, next) -> {
			String path = request.requestPath().pathWithinApplication().value();
			if (!path.equals(adminRoot) && !path.startsWith(adminRoot + "/")) {
				return next.handle(request);
			}
			String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
			if (header == null || !MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
				return ServerResponse.status(401)
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("message", "The harness needs the simulator's token: Authorization: Bearer <token>"));
			}
			return next.handle(request);
		};
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> simulatorConnectionDrop() {
		return (factory) -> factory.addEngineValves(new ConnectionDropValve());
	}

	private static Seed loadSeed(SimulatorProperties properties) {
		try {
			InputStream yaml = (properties.seed() != null) ? Files.newInputStream(properties.seed())
					: new ClassPathResource(DEFAULT_SEED).getInputStream();
			return Seed.load(yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the simulator seed "
					+ ((properties.seed() != null) ? properties.seed() : "classpath:" + DEFAULT_SEED), ex);
		}
	}

}
