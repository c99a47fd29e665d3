package io.vfbridge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.TestDatabase;
import io.vfbridge.virtfusion.VirtFusionClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class VfbridgeApplicationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	VirtFusionClients clients;

	@Test
	void runsOnAFreshDatabaseOfTheSelectedServerNotTheLocalEmbeddedOne() {
		String database = this.jdbc.queryForObject("select current_database()", String.class);
		assertThat(database).as("a fresh database of this context's own").startsWith("vfbridge_test_");
		assertThat(this.jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
		assertThat(TestDatabase.server().jdbcUrl()).doesNotContain("/" + database);
	}

	@Test
	void reportsLivenessAndReadinessUp() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"UP\"");
	}

	@Test
	void configuresTheDefaultPanel() {
		assertThat(this.clients.panels()).contains("default");
		assertThat(this.clients.defaultPanel()).isEqualTo("default");
	}

}
