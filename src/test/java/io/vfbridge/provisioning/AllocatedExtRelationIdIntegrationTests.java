package io.vfbridge.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.SimulatorAdmin;
import io.vfbridge.testsupport.TestApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Billing systems with string customer ids: vfbridge hands out the extRelationIds itself.
 */
@IntegrationTest(properties = "vfbridge.customers.ext-relation-id=allocated")
class AllocatedExtRelationIdIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Test
	void allocatesAnExtRelationIdForAStringCustomerId() {
		TestApi api = new TestApi(this.port, this.clock);
		SimulatorAdmin simulator = new SimulatorAdmin(this.port);
		String customer = "cus_" + UUID.randomUUID().toString().substring(0, 8);
		String service = "svc-" + UUID.randomUUID();
		String data = "{\"customer\":{\"id\":\"" + customer + "\",\"email\":\"" + customer
				+ "@example.com\",\"name\":\"S\"}," + "\"service\":{\"id\":\"" + service
				+ "\",\"packageId\":1,\"hypervisorGroupId\":1}}";
		UUID operation = api.webhook(TestApi.envelope("service.create", data)).operationId();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("/v1/operations/" + operation, TestApi.BILLING_KEY)
				.json()
				.get("status")
				.asString()
				.equals("succeeded"));
		JsonNode mapping = api.get("/v1/customers/" + customer, TestApi.BILLING_KEY).json().get(0);
		long ext = mapping.get("extRelationId").asLong();
		assertThat(ext).isGreaterThanOrEqualTo(1_000_000_000L);
		assertThat(simulator.serversOf(ext)).isEqualTo(1);
	}

}
