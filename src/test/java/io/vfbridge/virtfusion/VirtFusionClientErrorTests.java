package io.vfbridge.virtfusion;

import com.github.tomakehurst.wiremock.http.Fault;
import io.micrometer.core.instrument.Timer;
import io.vfbridge.virtfusion.VirtFusionApiException.Failure;
import io.vfbridge.virtfusion.model.ExtRelationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How VirtFusion's answers become results or {@link VirtFusionApiException}s. */
class VirtFusionClientErrorTests extends WireMockClientSupport {

	private static final String CONNECT = api("/connect");

	private static final String USER = api("/users/42/byExtRelation");

	@ParameterizedTest
	@ValueSource(ints = { 200, 201, 202, 204 })
	void treatsEverySuccessStatusAsSuccessWithOrWithoutBody(int status) {
		wireMock.stubFor(get(CONNECT).willReturn(aResponse().withStatus(status)));
		this.client.testConnection();
		wireMock.verify(1, getRequestedFor(urlPathEqualTo(CONNECT)));
	}

	@Test
	void readsErrorsListOf422() {
		stubUser(422, "{\"errors\":[\"The email field is required.\",\"The name field is required.\"]}");
		VirtFusionApiException ex = userLookupFailure();
		assertThat(ex.status()).isEqualTo(422);
		assertThat(ex.failure()).isEqualTo(Failure.HTTP_STATUS);
		assertThat(ex.errors()).containsExactly("The email field is required.", "The name field is required.");
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).contains("findUserByExtRelationId", "422", "The email field is required.");
	}

	@Test
	void readsErrorsMapOfFieldToMessages() {
		stubUser(422, "{\"errors\":{\"email\":[\"has already been taken\"],\"name\":[\"too long\"]}}");
		assertThat(userLookupFailure().errors()).containsExactly("email: has already been taken", "name: too long");
	}

	@Test
	void readsMsgOfOlderEndpoints() {
		stubUser(423, "{\"msg\":\"server has a task in progress\"}");
		VirtFusionApiException ex = userLookupFailure();
		assertThat(ex.isLocked()).isTrue();
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.error()).isEqualTo("server has a task in progress");
		wireMock.verify(1, getRequestedFor(urlPathEqualTo(USER)));
	}

	@Test
	void readsMessageWhenNeitherErrorsNorMsgIsPresent() {
		stubUser(400, "{\"message\":\"Bad request\"}");
		assertThat(userLookupFailure().errors()).containsExactly("Bad request");
	}

	@Test
	void handles401WithoutBodyAndDoesNotRetryIt() {
		stubUser(401, "");
		VirtFusionApiException ex = userLookupFailure();
		assertThat(ex.isAuthenticationFailure()).isTrue();
		assertThat(ex.errors()).isEmpty();
		assertThat(ex.error()).isEqualTo("HTTP 401");
		assertThat(ex.rawBody()).isEmpty();
		wireMock.verify(1, getRequestedFor(urlPathEqualTo(USER)));
	}

	@Test
	void keepsA409AsAFinalConflict() {
		stubUser(409, "{\"errors\":[\"email already exists\"]}");
		VirtFusionApiException ex = userLookupFailure();
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.isNotFound()).isFalse();
		wireMock.verify(1, getRequestedFor(urlPathEqualTo(USER)));
	}

	@Test
	void turns404IntoEmptyOnlyForFindMethods() {
		stubUser(404, "{\"msg\":\"ext_relation_id not found\"}");
		assertThat(this.client.findUserByExtRelationId(ExtRelationId.of(42))).isEmpty();
		wireMock.stubFor(get(CONNECT).willReturn(aResponse().withStatus(404).withBody("{\"msg\":\"not found\"}")));
		VirtFusionApiException ex = catchThrowableOfType(VirtFusionApiException.class, this.client::testConnection);
		assertThat(ex.isNotFound()).isTrue();
		assertThat(ex.error()).isEqualTo("not found");
	}

	@Test
	void retriesAGetAfter5xxAndGivesUpAfterMaxAttempts() {
		stubUser(503, "");
		VirtFusionApiException ex = userLookupFailure();
		assertThat(ex.status()).isEqualTo(503);
		assertThat(ex.isRetryable()).isTrue();
		wireMock.verify(3, getRequestedFor(urlPathEqualTo(USER)));
	}

	@Test
	void retriesAGetAfterAConnectionReset() {
		wireMock.stubFor(get(USER).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		VirtFusionApiException ex = userLookupFailure();
		assertThat(ex.status()).isZero();
		assertThat(ex.failure()).isEqualTo(Failure.CONNECTION_LOST);
		assertThat(ex.mayHaveReachedVirtFusion()).isTrue();
		wireMock.verify(3, getRequestedFor(urlPathEqualTo(USER)));
	}

	@Test
	void reportsATimeoutAsStatusZeroAndRetriesTheGet() {
		wireMock.stubFor(get(USER).willReturn(aResponse().withFixedDelay(1_500).withBody("{\"data\":{\"id\":1}}")));
		VirtFusionApiException ex = userLookupFailure();
		assertThat(ex.status()).isZero();
		assertThat(ex.failure()).isEqualTo(Failure.TIMEOUT);
		assertThat(ex.isRetryable()).isTrue();
		wireMock.verify(3, getRequestedFor(urlPathEqualTo(USER)));
	}

	@Test
	void rejectsAnUnreadableSuccessBodyWithoutRetrying() {
		stubUser(200, "<html>maintenance</html>");
		VirtFusionApiException ex = userLookupFailure();
		assertThat(ex.failure()).isEqualTo(Failure.INVALID_RESPONSE);
		assertThat(ex.status()).isEqualTo(200);
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.rawBody()).contains("maintenance");
		wireMock.verify(1, getRequestedFor(urlPathEqualTo(USER)));
	}

	@Test
	void rejectsASuccessWithoutTheDataItPromised() {
		stubUser(204, "");
		assertThat(userLookupFailure().failure()).isEqualTo(Failure.INVALID_RESPONSE);
	}

	@Test
	void redactsSecretsAndTruncatesTheRawBody() {
		String secretish = "{\"errors\":[\"bad\"],\"password\":\"hunter2-secret\",\"filler\":\"" + "x".repeat(5_000)
				+ "\"}";
		stubUser(422, secretish);
		VirtFusionApiException ex = userLookupFailure();
		assertThat(ex.rawBody()).doesNotContain("hunter2-secret").contains("\"password\":\"******\"");
		assertThat(ex.rawBody()).hasSizeLessThan(2_100).endsWith("…(truncated)");
		assertThat(ex.getMessage()).doesNotContain("hunter2-secret");
	}

	@Test
	void sendsTheBearerTokenAndRecordsATimerPerAttemptWithoutTheToken() {
		stubUser(503, "");
		userLookupFailure();
		wireMock.verify(3, getRequestedFor(urlPathEqualTo(USER)).withHeader("Authorization",
				com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + TOKEN)));
		Timer timer = this.meters.find(VirtFusionClient.CALLS_METRIC)
			.tags("panel", "test", "operation", "findUserByExtRelationId", "status", "503", "outcome", "server_error")
			.timer();
		assertThat(timer).isNotNull();
		assertThat(timer.count()).isEqualTo(3);
		assertThat(this.meters.getMeters())
			.allSatisfy((meter) -> assertThat(meter.getId().toString()).doesNotContain(TOKEN));
	}

	private void stubUser(int status, String body) {
		wireMock.stubFor(get(USER)
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	private VirtFusionApiException userLookupFailure() {
		return catchThrowableOfType(VirtFusionApiException.class,
				() -> this.client.findUserByExtRelationId(ExtRelationId.of(42)));
	}

}
