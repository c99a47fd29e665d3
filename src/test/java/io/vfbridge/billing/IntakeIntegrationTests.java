package io.vfbridge.billing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Webhook and REST intake: durable, deduplicated, and strict about what it accepts. */
@IntegrationTest(properties = "vfbridge.jobs.enabled=false")
class IntakeIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	TestApi api;

	String serviceId;

	@BeforeEach
	void setUp() {
		this.api = new TestApi(this.port, this.clock);
		this.serviceId = "svc-" + UUID.randomUUID();
	}

	@Test
	void acceptsASignedWebhookAndStoresTheEventWithItsJobInOneGo() {
		Answer answer = this.api.webhook(suspend(this.serviceId));
		assertThat(answer.status()).isEqualTo(202);
		UUID operation = answer.operationId();
		assertThat(answer.json().get("status").asString()).isEqualTo("queued");
		assertThat(answer.headers().firstValue("Location")).contains("/v1/operations/" + operation);
		assertThat(this.jdbc.queryForObject("select count(*) from inbound_event where job_id = ?", Integer.class,
				operation))
			.isEqualTo(1);
		assertThat(
				this.jdbc.queryForMap("select type, status, ordering_key, service_id from job where id = ?", operation))
			.containsEntry("type", "service.suspend")
			.containsEntry("status", "queued")
			.containsEntry("ordering_key", "service:" + this.serviceId)
			.containsEntry("service_id", this.serviceId);
	}

	@Test
	void returnsTheOriginalOperationWhenAWebhookIsDeliveredAgain() {
		String body = suspend(this.serviceId);
		Answer first = this.api.webhook("msg_repeat_" + this.serviceId, body);
		Answer second = this.api.webhook("msg_repeat_" + this.serviceId, body);
		assertThat(first.status()).isEqualTo(202);
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.operationId()).isEqualTo(first.operationId());
		assertThat(second.headers().firstValue("Location")).contains("/v1/operations/" + first.operationId());
		assertThat(jobsOf(this.serviceId)).isEqualTo(1);
	}

	@Test
	void makesOneOperationOfFiveConcurrentDeliveries() throws Exception {
		String body = suspend(this.serviceId);
		String id = "msg_concurrent_" + this.serviceId;
		ExecutorService pool = Executors.newFixedThreadPool(5);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Answer>> answers = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				Callable<Answer> delivery = () -> {
					start.await();
					return this.api.webhook(id, body);
				};
				answers.add(pool.submit(delivery));
			}
			start.countDown();
			List<Answer> results = new ArrayList<>();
			for (Future<Answer> answer : answers) {
				results.add(answer.get());
			}
			// a delivery that arrives while the first is still being stored is 409 (retry
			// later), never a second operation
			assertThat(results).extracting(Answer::status).isSubsetOf(200, 202, 409).containsOnlyOnce(202);
			UUID operation = results.stream()
				.filter((answer) -> answer.status() == 202)
				.findFirst()
				.orElseThrow()
				.operationId();
			assertThat(results).filteredOn((answer) -> answer.status() == 200)
				.extracting(Answer::operationId)
				.containsOnly(operation);
			assertThat(results).filteredOn((answer) -> answer.status() == 409)
				.allSatisfy((answer) -> assertProblem(answer, 409, "idempotency-key-in-flight"));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(jobsOf(this.serviceId)).isEqualTo(1);
	}

	@Test
	void refusesTheSameWebhookIdWithADifferentBody() {
		String id = "msg_conflict_" + this.serviceId;
		assertThat(this.api.webhook(id, suspend(this.serviceId)).status()).isEqualTo(202);
		Answer conflict = this.api.webhook(id, TestApi.envelope("service.unsuspend", serviceData(this.serviceId)));
		assertProblem(conflict, 422, "idempotency-key-reused");
		assertThat(jobsOf(this.serviceId)).isEqualTo(1);
	}

	@Test
	void answers409WhileTheFirstRequestWithTheKeyIsStillInFlight() throws Exception {
		// the first insert under a "slow-" key stays uncommitted for three seconds
		this.jdbc.execute("""
				create or replace function test_slow_intake() returns trigger language plpgsql as $$
				begin
				  if new.idempotency_key like '%slow-%' then perform pg_sleep(3); end if;
				  return new;
				end $$""");
		this.jdbc.execute("create trigger test_slow_intake before insert on inbound_event for each row"
				+ " execute function test_slow_intake()");
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			String path = "/v1/services/" + this.serviceId + "/suspend";
			Future<Answer> first = pool.submit(() -> this.api.call("POST", path, TestApi.BILLING_KEY, "slow-1", null));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.jdbc.queryForObject(
						"select count(*) from pg_stat_activity where wait_event = 'PgSleep' and query like '%inbound_event%'",
						Integer.class) > 0);

			Answer meanwhile = this.api.call("POST", path, TestApi.BILLING_KEY, "slow-1", null);
			assertProblem(meanwhile, 409, "idempotency-key-in-flight");
			assertThat(meanwhile.headers().firstValue("Retry-After")).contains("1");
			Answer reused = this.api.call("POST", "/v1/services/" + this.serviceId + "/unsuspend", TestApi.BILLING_KEY,
					"slow-1", null);
			assertProblem(reused, 409, "idempotency-key-in-flight");

			assertThat(first.get().status()).isEqualTo(202);
			Answer retried = this.api.call("POST", path, TestApi.BILLING_KEY, "slow-1", null);
			assertThat(retried.status()).isEqualTo(200);
			assertThat(retried.operationId()).isEqualTo(first.get().operationId());
		}
		finally {
			pool.shutdownNow();
			this.jdbc.execute("drop trigger test_slow_intake on inbound_event");
			this.jdbc.execute("drop function test_slow_intake()");
		}
		assertThat(jobsOf(this.serviceId)).isEqualTo(1);
	}

	@Test
	void rejectsABadSignatureWith401AndStoresNothing() {
		String body = suspend(this.serviceId);
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		Answer answer = this.api.webhook("msg_bad", timestamp, "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", body,
				"application/json");
		assertProblem(answer, 401, "invalid-signature");
		String stale = Long.toString(this.clock.instant().getEpochSecond() - 3600);
		assertProblem(this.api.webhook("msg_old", stale, TestApi.sign(TestApi.WEBHOOK_SECRET, "msg_old", stale, body),
				body, "application/json"), 401, "invalid-signature");
		assertThat(jobsOf(this.serviceId)).isZero();
	}

	@Test
	void refusesAHeaderOfManySignaturesOrAnOversizedIdWith400AndStoresNothing() {
		String body = suspend(this.serviceId);
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		String valid = TestApi.sign(TestApi.WEBHOOK_SECRET, "msg_many", timestamp, body);
		String many = String.join(" ", java.util.Collections.nCopies(159, valid)) + " " + valid;
		assertProblem(this.api.webhook("msg_many", timestamp, many, body, "application/json"), 400,
				"malformed-signature");
		String longId = "m".repeat(256);
		assertProblem(this.api.webhook(longId, timestamp, TestApi.sign(TestApi.WEBHOOK_SECRET, longId, timestamp, body),
				body, "application/json"), 400, "malformed-signature");
		assertThat(jobsOf(this.serviceId)).isZero();
	}

	@Test
	void refusesTheEventThatWouldQueueAServicesHundredAndFirstJobWith429() {
		Answer first = this.api.webhook("msg_first_" + this.serviceId, suspend(this.serviceId));
		assertThat(first.status()).isEqualTo(202);
		java.sql.Timestamp now = java.sql.Timestamp.from(this.clock.instant());
		for (int i = 0; i < 99; i++) {
			this.jdbc.update("""
					insert into job (id, ordering_key, type, payload, status, next_run_at, service_id, created_at,
					                 updated_at)
					values (?, ?, 'service.suspend', '{}', 'queued', ?, ?, ?, ?)""", UUID.randomUUID(),
					"service:" + this.serviceId, now, this.serviceId, now, now);
		}
		Answer full = this.api.webhook(TestApi.envelope("service.unsuspend", serviceData(this.serviceId)));
		assertProblem(full, 429, "too-many-queued");
		assertThat(full.headers().firstValue("Retry-After")).hasValueSatisfying((v) -> assertThat(v).isNotBlank());
		assertThat(jobsOf(this.serviceId)).isEqualTo(100);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from inbound_event where payload->>'type' = ?"
						+ " and payload->'data'->'service'->>'id' = ?",
				Integer.class, "service.unsuspend", this.serviceId))
			.isZero();
		// a repeat of an accepted event still gets its operation, another service has
		// room
		Answer repeat = this.api.webhook("msg_first_" + this.serviceId, suspend(this.serviceId));
		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.operationId()).isEqualTo(first.operationId());
		assertThat(this.api.webhook(suspend("svc-" + UUID.randomUUID())).status()).isEqualTo(202);
		// once one has finished, there is room again
		this.jdbc.update("update job set status = 'succeeded', finished_at = ? where id = ?", now, first.operationId());
		assertThat(this.api.webhook(TestApi.envelope("service.unsuspend", serviceData(this.serviceId))).status())
			.isEqualTo(202);
	}

	@Test
	void namesEveryMissingOrInvalidField() {
		Answer answer = this.api.webhook(TestApi.envelope("service.create",
				"{\"customer\":{\"id\":\"c1\",\"email\":\"not-an-email\"},\"service\":{\"resources\":{\"memory\":12}}}"));
		assertProblem(answer, 400, "invalid-request");
		assertThat(answer.json().get("errors").findValuesAsString("field")).contains("data.customer.email",
				"data.customer.name", "data.service.id", "data.service.resources.memory");
	}

	@Test
	void namesAFieldOfTheWrongTypeOrAnUnknownField() {
		Answer wrongType = this.api.webhook(TestApi.envelope("service.change_package",
				"{\"service\":{\"id\":\"" + this.serviceId + "\",\"packageId\":\"large\"}}"));
		assertProblem(wrongType, 400, "invalid-request");
		assertThat(wrongType.json().get("errors").get(0).get("field").asString()).isEqualTo("data.service.packageId");
		Answer unknown = this.api.webhook(TestApi.envelope("service.suspend",
				"{\"service\":{\"id\":\"" + this.serviceId + "\",\"colour\":\"blue\"}}"));
		assertProblem(unknown, 400, "invalid-request");
		assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("data.service.colour");
		assertThat(jobsOf(this.serviceId)).isZero();
	}

	@Test
	void rejectsMalformedEnvelopes() {
		assertProblem(this.api.webhook("{\"type\":"), 400, "invalid-request");
		assertProblem(this.api.webhook("[1,2]"), 400, "invalid-request");
		Answer missing = this.api.webhook("{\"data\":{}}");
		assertProblem(missing, 400, "invalid-request");
		assertThat(missing.json().get("errors").findValuesAsString("field")).contains("type", "timestamp");
	}

	@Test
	void rejectsAnUnknownEventTypeWith422() {
		assertProblem(this.api.webhook(TestApi.envelope("service.teleport", serviceData(this.serviceId))), 422,
				"unknown-event-type");
	}

	@Test
	void rejectsAnOversizedBodyWith413AndAnotherMediaTypeWith415() {
		String huge = TestApi.envelope("service.suspend",
				"{\"service\":{\"id\":\"" + this.serviceId + "\",\"name\":\"" + "x".repeat(300_000) + "\"}}");
		assertProblem(this.api.webhook(huge), 413, "body-too-large");
		String body = suspend(this.serviceId);
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		assertProblem(
				this.api.webhook("msg_text", timestamp,
						TestApi.sign(TestApi.WEBHOOK_SECRET, "msg_text", timestamp, body), body, "text/plain"),
				415, "unsupported-media-type");
		assertThat(jobsOf(this.serviceId)).isZero();
	}

	@Test
	void acceptsRestCommandsWithAnApiKeyAndIdempotencyKey() {
		String path = "/v1/services/" + this.serviceId + "/suspend";
		Answer first = this.api.call("POST", path, TestApi.BILLING_KEY, "key-1", null);
		Answer again = this.api.call("POST", path, TestApi.BILLING_KEY, "key-1", null);
		assertThat(first.status()).isEqualTo(202);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.operationId()).isEqualTo(first.operationId());
		assertProblem(this.api.call("POST", "/v1/services/" + this.serviceId + "/unsuspend", TestApi.BILLING_KEY,
				"key-1", null), 422, "idempotency-key-reused");
		Answer operation = this.api.get("/v1/operations/" + first.operationId(), TestApi.BILLING_KEY);
		assertThat(operation.status()).isEqualTo(200);
		assertThat(operation.json().get("type").asString()).isEqualTo("service.suspend");
		assertThat(operation.json().get("serviceId").asString()).isEqualTo(this.serviceId);
		assertThat(operation.json().get("status").asString()).isEqualTo("queued");
		assertThat(jobsOf(this.serviceId)).isEqualTo(1);
	}

	@Test
	void scopesIdempotencyKeysToTheApiKey() {
		String body = "{\"customer\":{\"id\":\"c-" + this.serviceId + "\",\"email\":\"a@example.com\",\"name\":\"A\"},"
				+ "\"service\":{\"id\":\"" + this.serviceId + "\",\"packageId\":1}}";
		Answer billing = this.api.call("POST", "/v1/services", TestApi.BILLING_KEY, "order-1", body);
		Answer storefront = this.api.call("POST", "/v1/services", TestApi.STOREFRONT_KEY, "order-1", body);
		assertThat(billing.status()).isEqualTo(202);
		assertThat(storefront.status()).isEqualTo(202);
		assertThat(storefront.operationId()).isNotEqualTo(billing.operationId());
	}

	@Test
	void authenticatesAndAuthorizesRestCommands() {
		String path = "/v1/services/" + this.serviceId + "/suspend";
		assertProblem(this.api.call("POST", path, null, "k", null), 401, "unauthenticated");
		assertProblem(this.api.call("POST", path, "wrong-key", "k", null), 401, "unauthenticated");
		assertProblem(this.api.call("POST", path, TestApi.STOREFRONT_KEY, "k", null), 403, "forbidden");
		assertProblem(this.api.call("POST", path, TestApi.BILLING_KEY, null, null), 400, "invalid-request");
		assertProblem(this.api.call("POST", path, TestApi.BILLING_KEY, "k2", "{\"service\":{\"id\":\"other\"}}"), 400,
				"invalid-request");
		assertThat(this.api.call("POST", path, TestApi.OPERATOR_KEY, "k3", null).status()).isEqualTo(202);
		assertThat(jobsOf(this.serviceId)).isEqualTo(1);
	}

	@Test
	void answersUnknownOperationsWithAProblem() {
		assertProblem(this.api.get("/v1/operations/" + UUID.randomUUID(), TestApi.BILLING_KEY), 404,
				"operation-not-found");
		assertThat(this.api.get("/v1/operations/not-a-uuid", TestApi.BILLING_KEY).status()).isEqualTo(400);
	}

	private int jobsOf(String serviceId) {
		return this.jdbc.queryForObject("select count(*) from job where service_id = ?", Integer.class, serviceId);
	}

	static String suspend(String serviceId) {
		return TestApi.envelope("service.suspend", serviceData(serviceId));
	}

	static String serviceData(String serviceId) {
		return "{\"service\":{\"id\":\"" + serviceId + "\"}}";
	}

	static void assertProblem(Answer answer, int status, String type) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:vfbridge:problem:" + type);
		assertThat(answer.body()).doesNotContain("Exception", "\tat ");
	}

}
