package io.vfbridge.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.vfbridge.customers.Customers;
import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.MutableClock;
import io.vfbridge.testsupport.SimulatorAdmin;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The storefront catalogue and the operators' inventory end to end against the built-in
 * simulator, with a clock that moves only when a test says so (to prove the cache and its
 * expiry) and lists walked one item per page. A second panel, {@code example}, is a
 * WireMock stand-in that answers what the simulator never does: VirtFusion's report
 * example with {@code false} numbers, and a login endpoint that points off the panel.
 */
@IntegrationTest(properties = { "vfbridge.catalog.page-size=1", "vfbridge.catalog.cache-ttl=5m",
		"vfbridge.catalog.capacity-ttl=30s", "vfbridge.virtfusion.panels.example.token=example-panel-token" })
@Import(CatalogIntegrationTests.Clocks.class)
class CatalogIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final WireMockServer example = startExamplePanel();

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	CacheManager caches;

	@Autowired
	Customers customers;

	TestApi api;

	SimulatorAdmin simulator;

	final List<Long> serversToDelete = new ArrayList<>();

	@DynamicPropertySource
	static void examplePanel(DynamicPropertyRegistry registry) {
		registry.add("vfbridge.virtfusion.panels.example.base-url", () -> example.baseUrl() + "/api/v1");
	}

	@BeforeEach
	void setUp() {
		this.api = new TestApi(this.port, this.clock);
		this.simulator = new SimulatorAdmin(this.port);
		this.caches.getCacheNames().forEach((name) -> this.caches.getCache(name).clear());
		example.resetAll();
	}

	@AfterEach
	void cleanUp() {
		this.simulator.clearFaults();
		for (long id : this.serversToDelete) {
			this.simulator.api("DELETE", "/servers/" + id + "?delay=0", null);
		}
	}

	@AfterAll
	static void stopExamplePanel() {
		example.stop();
	}

	@Test
	void servesPackagesFromVirtFusionAndCachesThemUntilTheTtlHasPassed() {
		int before = this.simulator.calls("GET /packages", 200);
		JsonNode packages = storefront("/v1/catalog/packages").json();
		assertThat(packages).hasSize(4);
		assertThat(packages.get(1).get("name").asString()).isEqualTo("VPS Medium");
		assertThat(packages.get(1).get("memory").asLong()).isEqualTo(4096);
		assertThat(packages.get(3).get("enabled").asBoolean()).isFalse();
		storefront("/v1/catalog/packages");
		assertThat(this.simulator.calls("GET /packages", 200) - before).as("second read from the cache").isEqualTo(1);

		this.clock.advance(Duration.ofMinutes(4));
		storefront("/v1/catalog/packages");
		assertThat(this.simulator.calls("GET /packages", 200) - before).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(1));
		storefront("/v1/catalog/packages");
		assertThat(this.simulator.calls("GET /packages", 200) - before).as("expired after 5 minutes").isEqualTo(2);
	}

	@Test
	void makesOneVirtFusionCallForTwentyConcurrentMisses() throws Exception {
		// VirtFusion answers slowly, so all twenty requests miss while the first load
		// runs
		this.simulator.faults("{\"method\":\"GET\",\"path\":\"/packages\",\"kind\":\"latency\",\"latency\":1500}");
		int before = this.simulator.calls("GET /packages", 200);
		ExecutorService pool = Executors.newFixedThreadPool(20);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Answer>> answers = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return storefront("/v1/catalog/packages");
				}));
			}
			start.countDown();
			for (Future<Answer> answer : answers) {
				Answer read = answer.get(60, TimeUnit.SECONDS);
				assertThat(read.status()).as(read.body()).isEqualTo(200);
				assertThat(read.json()).hasSize(4);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.simulator.calls("GET /packages", 200) - before).as("VirtFusion calls for 20 concurrent misses")
			.isEqualTo(1);

		String scrape = this.api.get("/actuator/prometheus", TestApi.OPERATOR_KEY).body();
		assertThat(scrape).containsPattern("(?m)^cache_gets_total\\{cache=\"catalog\",[^}]*result=\"miss\"[^}]*} [1-9]")
			.containsPattern("(?m)^cache_gets_total\\{cache=\"catalog\",[^}]*result=\"hit\"[^}]*} [1-9]")
			.containsPattern("(?m)^cache_gets_total\\{cache=\"capacity\",")
			.containsPattern("(?m)^cache_size\\{cache=\"catalog\",");
	}

	@Test
	void sharesAFailedLoadAmongConcurrentMissesAndKeepsNoFailure() throws Exception {
		// the example panel answers 500 slowly: one load (the client's three attempts)
		// lasts seconds, long enough for all twenty requests to wait on it
		example.stubFor(get(urlPathEqualTo("/api/v1/selfService/currencies"))
			.willReturn(aResponse().withStatus(500).withFixedDelay(1000)));
		ExecutorService pool = Executors.newFixedThreadPool(20);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Answer>> answers = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return storefront("/v1/catalog/currencies?panel=example");
				}));
			}
			start.countDown();
			for (Future<Answer> answer : answers) {
				Answer read = answer.get(60, TimeUnit.SECONDS);
				assertThat(read.status()).as("every request shares the one failing load").isEqualTo(503);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(currencyCalls()).as("the attempts of one load").isEqualTo(3);

		example.stubFor(get(urlPathEqualTo("/api/v1/selfService/currencies")).willReturn(
				aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"data\":[]}")));
		Answer after = storefront("/v1/catalog/currencies?panel=example");
		assertThat(after.status()).as("the failure was not kept").isEqualTo(200);
		assertThat(currencyCalls()).isEqualTo(4);
		storefront("/v1/catalog/currencies?panel=example");
		assertThat(currencyCalls()).as("the answer was kept").isEqualTo(4);
	}

	private static int currencyCalls() {
		return example
			.findAll(com.github.tomakehurst.wiremock.client.WireMock
				.getRequestedFor(urlPathEqualTo("/api/v1/selfService/currencies")))
			.size();
	}

	@Test
	void readsOnePackageAndTheTemplatesItOffers() {
		JsonNode pkg = storefront("/v1/catalog/packages/3").json();
		assertThat(pkg.get("name").asString()).isEqualTo("VPS Large");
		assertThat(pkg.get("cpuCores").asInt()).isEqualTo(4);
		JsonNode groups = storefront("/v1/catalog/packages/3/templates").json();
		assertThat(groups).extracting((group) -> group.get("name").asString())
			.containsExactly("Debian", "Ubuntu", "AlmaLinux", "Windows");
		assertThat(groups.get(0).get("templates").get(0).get("id").asLong()).isEqualTo(1);
		assertThat(storefront("/v1/catalog/packages/1/templates").json()).hasSize(3);

		Answer missing = storefront("/v1/catalog/packages/99");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().get("type").asString()).isEqualTo("urn:vfbridge:problem:package-not-found");
		assertThat(storefront("/v1/catalog/packages/99/templates").status()).isEqualTo(404);
	}

	@Test
	void walksPaginatedListsAcrossEveryPage() {
		int groupPages = this.simulator.calls("GET /compute/hypervisors/groups", 200);
		int resourcePages = this.simulator.calls("GET /compute/hypervisors/groups/{hypervisorGroupId}/resources", 200);
		JsonNode locations = storefront("/v1/catalog/locations").json();
		assertThat(locations).extracting((location) -> location.get("name").asString())
			.containsExactly("London", "Amsterdam");
		assertThat(this.simulator.calls("GET /compute/hypervisors/groups", 200) - groupPages)
			.as("two groups, one per page")
			.isEqualTo(2);
		assertThat(this.simulator.calls("GET /compute/hypervisors/groups/{hypervisorGroupId}/resources", 200)
				- resourcePages)
			.as("London's two hypervisors and Amsterdam's one, one per page")
			.isEqualTo(3);
		assertThat(locations.get(0).get("capacity").get("hypervisors").asInt()).isEqualTo(2);

		int hypervisorPages = this.simulator.calls("GET /compute/hypervisors", 200);
		JsonNode hypervisors = operator("/v1/panel/hypervisors").json();
		assertThat(hypervisors).extracting((hv) -> hv.get("name").asString())
			.containsExactly("lon-hv1", "lon-hv2", "ams-hv1");
		assertThat(this.simulator.calls("GET /compute/hypervisors", 200) - hypervisorPages).isEqualTo(3);
		assertThat(operator("/v1/panel/ip-blocks").json()).extracting((block) -> block.get("name").asString())
			.containsExactly("London public 1", "London public 2", "Amsterdam public");
	}

	@Test
	void showsFreeCapacitySoAStorefrontCanHideAFullLocation() {
		JsonNode amsterdam = storefront("/v1/catalog/locations/2?packageId=3").json();
		assertThat(amsterdam.get("available").asBoolean()).isTrue();
		assertThat(amsterdam.get("capacity").get("memoryMb").asLong()).isEqualTo(16384);
		assertThat(amsterdam.get("capacity").get("servers").asLong()).isEqualTo(10);
		assertThat(amsterdam.get("capacity").get("ipv4").asLong()).isEqualTo(20);

		fillAmsterdamMemory();
		assertThat(storefront("/v1/catalog/locations/2?packageId=3").json().get("available").asBoolean())
			.as("capacity is cached for 30 seconds")
			.isTrue();
		this.clock.advance(Duration.ofSeconds(31));
		JsonNode full = storefront("/v1/catalog/locations/2?packageId=1").json();
		assertThat(full.get("available").asBoolean()).isFalse();
		assertThat(full.get("capacity").get("memoryMb").asLong()).isZero();
		assertThat(full.get("capacity").get("servers").asLong()).isEqualTo(8);
		assertThat(storefront("/v1/catalog/locations?availableOnly=true").json())
			.extracting((location) -> location.get("name").asString())
			.containsExactly("London");
		JsonNode london = storefront("/v1/catalog/locations?packageId=3").json().get(0);
		assertThat(london.get("available").asBoolean()).isTrue();
		assertThat(london.get("capacity").get("servers").isNull()).as("unlimited").isTrue();
		assertThat(storefront("/v1/catalog/locations/7").status()).isEqualTo(404);
	}

	@Test
	void readsCurrenciesIsosDnsServicesAndIpBlocksWithoutSecrets() {
		JsonNode currencies = storefront("/v1/catalog/currencies").json();
		assertThat(currencies).extracting((c) -> c.get("code").asString()).containsExactly("USD", "EUR", "GBP");
		assertThat(currencies.get(0).get("value").decimalValue()).isEqualByComparingTo("0.01");
		assertThat(storefront("/v1/catalog/isos/1").json().get("filename").asString()).isEqualTo("systemrescue-11.iso");
		JsonNode dns = storefront("/v1/catalog/dns-services/1").json();
		assertThat(dns.get("name").asString()).isEqualTo("PowerDNS primary");
		assertThat(dns.has("password")).isFalse();
		assertThat(dns.has("username")).isFalse();
		JsonNode hypervisor = operator("/v1/panel/hypervisors/3").json();
		assertThat(hypervisor.get("groupName").asString()).isEqualTo("Amsterdam");
		assertThat(hypervisor.has("encryptedToken")).isFalse();
		assertThat(operator("/v1/panel/ip-blocks/3").json().get("ipv4").get("total").asLong()).isEqualTo(20);
		assertThat(storefront("/v1/panel/hypervisors").status()).as("operators only").isEqualTo(403);
		assertThat(operator("/v1/panel/hypervisors/42").status()).isEqualTo(404);
		assertThat(storefront("/v1/catalog/isos/9").json().get("type").asString())
			.isEqualTo("urn:vfbridge:problem:iso-not-found");
	}

	@Test
	void rejectsAnUnknownPanelAndParametersOfTheWrongTypeNamingTheField() {
		Answer panel = storefront("/v1/catalog/packages?panel=nowhere");
		assertThat(panel.status()).isEqualTo(400);
		assertThat(panel.contentType()).startsWith("application/problem+json");
		assertThat(panel.json().get("errors").get(0).get("field").asString()).isEqualTo("panel");
		Answer id = storefront("/v1/catalog/packages/abc");
		assertThat(id.status()).isEqualTo(400);
		assertThat(id.json().get("errors").get(0).get("field").asString()).isEqualTo("packageId");
		Answer flag = storefront("/v1/catalog/locations?availableOnly=perhaps");
		assertThat(flag.json().get("errors").get(0).get("field").asString()).isEqualTo("availableOnly");
		assertThat(this.api.get("/v1/catalog/packages", null).status()).isEqualTo(401);
	}

	@Test
	void answers503WithRetryAfterWhileVirtFusionFailsAndCachesNoFailure() {
		this.simulator
			.faults("{\"method\":\"GET\",\"path\":\"/packages\",\"kind\":\"error\",\"status\":500,\"count\":3}");
		Answer failed = storefront("/v1/catalog/packages");
		assertThat(failed.status()).isEqualTo(503);
		assertThat(failed.headers().firstValue("Retry-After")).isPresent();
		assertThat(failed.json().get("type").asString()).isEqualTo("urn:vfbridge:problem:virtfusion-unavailable");
		assertThat(failed.body()).doesNotContain("Exception").doesNotContain("local-simulator-token");
		// a short retry may leave one of the three faults to the next read (its time
		// budget
		// runs out under load); a cached failure would last the catalogue's TTL (minutes)
		await().atMost(Duration.ofSeconds(15)).until(() -> storefront("/v1/catalog/packages").status() == 200);
	}

	@Test
	void readsTheReportOfAnotherPanelWhoseNumbersArriveAsFalse() throws IOException {
		long customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		this.customers.customer(Long.toString(customer), "example", "r@example.com", "Report");
		String body = new ClassPathResource("virtfusion/report-without-usage.json")
			.getContentAsString(StandardCharsets.UTF_8);
		example.stubFor(get(urlPathEqualTo("/api/v1/selfService/report/byUserExtRelationId/" + customer))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));

		Answer answer = storefront(
				"/v1/customers/" + customer + "/self-service/report?panel=example&period=0&currency=usd");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode report = answer.json();
		assertThat(report.get("usage").get("serversTotal").get("hours").isNull()).isTrue();
		assertThat(report.get("usage").get("monthlyTotal").get("tokens").isNull()).isTrue();
		assertThat(report.get("usage").get("hourConversionRate").isNull()).isTrue();
		assertThat(report.get("usage").get("addonsTotal").get("hours").asInt()).isZero();
		assertThat(report.get("usage").get("term").asString()).isEqualTo("March 2026");
		assertThat(report.get("usage").get("taxStatus").asInt()).isEqualTo(3);
		assertThat(report.get("limits").get("success").asBoolean()).isTrue();
		List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests = example
			.findAll(com.github.tomakehurst.wiremock.client.WireMock
				.getRequestedFor(urlPathEqualTo("/api/v1/selfService/report/byUserExtRelationId/" + customer)));
		assertThat(requests).hasSize(1);
		assertThat(requests.get(0).queryParameter("period").firstValue()).isEqualTo("0");
		assertThat(requests.get(0).queryParameter("currency").firstValue()).isEqualTo("USD");
		assertThat(storefront("/v1/customers/" + customer + "/self-service/report").status())
			.as("not known on the default panel")
			.isEqualTo(404);
	}

	@Test
	void refusesALoginUrlThatWouldLeaveThePanelHost() {
		long customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		this.customers.customer(Long.toString(customer), "example", "l@example.com", "Login");
		example.stubFor(post(urlPathEqualTo("/api/v1/users/" + customer + "/authenticationTokens"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(tokens("//evil.example.net/token_authenticate/?1=secret-one&2=secret-two"))));
		Answer refused = this.api.call("POST", "/v1/customers/" + customer + "/login?panel=example",
				TestApi.STOREFRONT_KEY, null, null);
		assertThat(refused.status()).isEqualTo(502);
		assertThat(refused.json().get("type").asString()).isEqualTo("urn:vfbridge:problem:unsafe-login-url");
		assertThat(refused.body()).doesNotContain("secret-one").doesNotContain("evil.example.net");

		example.stubFor(post(urlPathEqualTo("/api/v1/users/" + customer + "/authenticationTokens"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(tokens("/token_authenticate/?1=good-one&2=good-two"))));
		Answer link = this.api.call("POST", "/v1/customers/" + customer + "/login?panel=example",
				TestApi.STOREFRONT_KEY, null, null);
		assertThat(link.status()).isEqualTo(200);
		assertThat(link.json().get("url").asString())
			.isEqualTo(example.baseUrl() + "/token_authenticate/?1=good-one&2=good-two");
	}

	private static String tokens(String endpointComplete) {
		return "{\"data\":{\"authentication\":{\"tokens\":{\"1\":\"a\",\"2\":\"b\"},\"endpoint\":\"/token_authenticate\","
				+ "\"endpoint_complete\":\"" + endpointComplete
				+ "\",\"expiry\":{\"ttl\":60,\"expires\":\"2026-11-26T12:01:00+00:00\"}}}}";
	}

	/** Two servers of package 3 (8 GB each) take all 16 GB of Amsterdam's hypervisor. */
	private void fillAmsterdamMemory() {
		long ext = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		JsonNode user = JSON
			.readTree(
					this.simulator
						.api("POST", "/users",
								"{\"name\":\"Filler\",\"email\":\"fill" + ext + "@example.com\",\"extRelationId\":"
										+ ext + "}")
						.body())
			.get("data");
		for (int i = 0; i < 2; i++) {
			var created = this.simulator.api("POST", "/servers",
					"{\"packageId\":3,\"userId\":" + user.get("id").asLong() + ",\"hypervisorId\":2}");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			this.serversToDelete.add(JSON.readTree(created.body()).get("data").get("id").asLong());
		}
	}

	private Answer storefront(String path) {
		return this.api.get(path, TestApi.STOREFRONT_KEY);
	}

	private Answer operator(String path) {
		return this.api.get(path, TestApi.OPERATOR_KEY);
	}

	/** WireMock on a free port of this branch's range (21000–21999), loopback only. */
	private static WireMockServer startExamplePanel() {
		for (int attempt = 0; attempt < 50; attempt++) {
			int candidate = 21000 + ThreadLocalRandom.current().nextInt(1000);
			try (ServerSocket probe = new ServerSocket(candidate)) {
				probe.close();
				WireMockServer server = new WireMockServer(
						WireMockConfiguration.options().port(candidate).bindAddress("127.0.0.1"));
				server.start();
				return server;
			}
			catch (IOException | RuntimeException ex) {
				// taken: try another
			}
		}
		throw new UncheckedIOException(new IOException("no free port in 21000-21999"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MutableClock catalogTestClock() {
			return new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
		}

	}

}
