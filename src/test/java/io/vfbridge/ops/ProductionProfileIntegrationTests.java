package io.vfbridge.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.vfbridge.VfbridgeApplication;
import io.vfbridge.testsupport.TestDatabase;
import io.vfbridge.virtfusion.VirtFusionClients;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production profile with everything it needs: it starts on the configured database
 * and panel, with nothing of the local default run.
 */
class ProductionProfileIntegrationTests {

	@Test
	void startsWithoutSimulatorEmbeddedDatabaseOrDevelopmentCredentials() throws Exception {
		TestDatabase.Connection database = TestDatabase.freshDatabase();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(VfbridgeApplication.class)
			.profiles("prod")
			.logStartupInfo(false)
			.run("--server.port=0", "--spring.datasource.url=" + database.jdbcUrl(),
					"--spring.datasource.username=" + database.username(),
					"--vfbridge.virtfusion.panels.default.base-url=http://127.0.0.1:9/api/v1",
					"--vfbridge.virtfusion.panels.default.token=production-token",
					"--vfbridge.billing.webhook-secrets=whsec_dGVzdC13ZWJob29rLXNlY3JldC1vZi10aGlydHktdHdvIQ==",
					"--vfbridge.security.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
					"--vfbridge.security.api-keys.billing.sha256=" + "ab".repeat(32),
					"--vfbridge.security.api-keys.billing.roles=billing",
					// the panel of this test is a closed local port
					"--vfbridge.security.allow-insecure-http=true", "--vfbridge.jobs.enabled=false")) {
			assertThat(context.containsBean("simulatorPanel")).as("built-in simulator").isFalse();
			assertThat(context.containsBean("localPostgres")).as("embedded PostgreSQL").isFalse();
			assertThat(context.getEnvironment().containsProperty("vfbridge.local.development-credentials")).isFalse();
			assertThat(context.getEnvironment().containsProperty("vfbridge.security.api-keys.local-developer.sha256"))
				.isFalse();
			assertThat(context.getBean(VirtFusionClients.class).client("default").panel()).isEqualTo("default");
			assertThat(context.getEnvironment().getProperty("logging.structured.format.console")).as("JSON logs")
				.isEqualTo("ecs");
			assertThat(context.getBeansOfType(SpanExporter.class)).as("no span export without an OTLP endpoint")
				.isEmpty();
			assertThat(context.getBeansOfType(Tracer.class)).as("tracing, for the trace ids in logs and jobs")
				.hasSize(1);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpResponse<String> readiness = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).contains("\"UP\"");
			HttpResponse<String> simulator = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/simulator/_admin/stats"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(simulator.statusCode()).isEqualTo(404);
		}
	}

}
