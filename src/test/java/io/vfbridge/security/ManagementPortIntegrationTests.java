package io.vfbridge.security;

import java.time.Clock;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator on a separate management port is guarded like on the main port: probes
 * open, the rest for operators only, refusals as problems.
 */
@IntegrationTest(properties = { "management.server.port=0", "vfbridge.jobs.enabled=false" })
class ManagementPortIntegrationTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	Clock clock;

	@Test
	void guardsTheActuatorOnItsOwnPort() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		TestApi management = new TestApi(this.managementPort, this.clock);
		assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
		assertThat(management.get("/actuator/health/liveness", null).status()).isEqualTo(200);
		Answer anonymous = management.get("/actuator/prometheus", null);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.contentType()).startsWith("application/problem+json");
		assertThat(anonymous.body()).contains("urn:vfbridge:problem:unauthenticated");
		assertThat(management.get("/actuator/prometheus", TestApi.BILLING_KEY).status()).isEqualTo(403);
		assertThat(management.get("/actuator/prometheus", TestApi.OPERATOR_KEY).status()).isEqualTo(200);
		assertThat(new TestApi(this.port, this.clock).get("/actuator/prometheus", TestApi.OPERATOR_KEY).status())
			.as("no longer on the main port")
			.isEqualTo(404);
	}

}
