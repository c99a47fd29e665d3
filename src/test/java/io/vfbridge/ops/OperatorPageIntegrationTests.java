package io.vfbridge.ops;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.OperationWaiter;
import io.vfbridge.testsupport.SimulatorAdmin;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, installed by {@code scripts/install-test-browser.sh}, which CI
 * runs): it loads without a key, takes the operator key, shows a failed operation and
 * re-drives it with its Retry button. With {@code -Dvfbridge.docs.write=true} it saves
 * the screenshot {@code docs/operator-page.png}.
 */
@IntegrationTest
class OperatorPageIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** chromedriver listens here (loopback; this project's test port range). */
	private static final int DRIVER_PORT = 24100;

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	TestApi api;

	SimulatorAdmin simulator;

	ChromeDriverService service;

	WebDriver browser;

	@BeforeAll
	static void needsChromium() {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"SKIPPED: no headless browser at " + CHROMIUM + " and " + CHROMEDRIVER
						+ "; run scripts/install-test-browser.sh as root (CI does)");
	}

	@BeforeEach
	void setUp() {
		this.api = new TestApi(this.port, this.clock);
		this.simulator = new SimulatorAdmin(this.port);
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingPort(DRIVER_PORT)
			.withLogFile(new File("target/chromedriver.log"))
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// root in CI: Chromium's sandbox needs an unprivileged user; /dev/shm may be tiny
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1440,1500", "--no-first-run", "--disable-extensions");
		this.browser = new ChromeDriver(this.service, options);
		this.browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	@AfterEach
	void tearDown() {
		this.simulator.clearFaults();
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.service != null) {
			this.service.stop();
		}
	}

	@Test
	void showsAFailedOperationAndItsRetryButtonReDrivesItToSuccess() throws IOException {
		long customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		String service = "svc-" + UUID.randomUUID();
		long serverId = awaitStatus(send("service.create", createData(service, customer)), "succeeded").get("result")
			.get("serverId")
			.asLong();
		this.simulator.faults("{\"method\":\"POST\",\"path\":\"/servers/{serverId}/suspend\",\"kind\":\"error\","
				+ "\"status\":422,\"errors\":[\"The server is protected against suspension.\"],\"count\":1}");
		UUID suspend = send("service.suspend", "{\"service\":{\"id\":\"" + service + "\"}}");
		awaitStatus(suspend, "failed");
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isFalse();

		this.browser.get("http://127.0.0.1:" + this.port + "/ops?poll=500");
		assertThat(this.browser.getTitle()).contains("operator");
		assertThat(this.browser.findElement(By.id("status")).getText()).contains("No key yet");

		this.browser.findElement(By.id("key")).sendKeys(TestApi.OPERATOR_KEY);
		this.browser.findElement(By.id("key-use")).click();
		By row = By.cssSelector("#failures tbody tr[data-operation='" + suspend + "']");
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(row));
		assertThat(text(row)).contains("failed")
			.contains("service.suspend")
			.contains(service)
			.contains("The server is protected against suspension.");
		assertThat(text(By.cssSelector("#breakers tbody tr"))).contains("default");
		waitFor().until((driver) -> driver.findElements(By.cssSelector("#queue-chart polyline")).size() == 5);
		assertThat(text(By.id("tile-failed"))).doesNotStartWith("0");
		if (Boolean.getBoolean("vfbridge.docs.write")) {
			screenshot();
		}

		// the page re-renders as it polls: find the button afresh if the row was rebuilt
		waitFor().ignoring(StaleElementReferenceException.class).until((driver) -> {
			driver.findElement(row).findElement(By.cssSelector("button.retry")).click();
			return true;
		});
		// the click's request is the browser's: the operation leaves "failed" only once
		// it
		// arrived, and the waiter would take the old "failed" for the answer
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !"failed"
				.equals(this.jdbc.queryForObject("select status from job where id = ?", String.class, suspend)));
		awaitStatus(suspend, "succeeded");
		assertThat(this.simulator.server(serverId).get("suspended").asBoolean()).isTrue();
		waitFor().until(ExpectedConditions.invisibilityOfElementLocated(row));
		assertThat(this.jdbc.queryForObject("select attempts from job where id = ?", Integer.class, suspend))
			.as("the failed run and the retried one")
			.isEqualTo(2);
	}

	@Test
	void countsTheServersNoServiceMapsAndOffersThemAsCsv() {
		var user = this.simulator.api("POST", "/users", "{\"name\":\"Legacy\",\"email\":\"legacy" + UUID.randomUUID()
				+ "@example.com\",\"extRelationId\":" + (System.nanoTime() % 800_000_000 + 1) + "}");
		long userId = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(user.body())
			.get("data")
			.get("id")
			.asLong();
		assertThat(this.simulator
			.api("POST", "/servers", "{\"packageId\":1,\"userId\":" + userId + ",\"hypervisorId\":1,\"ipv4\":1}")
			.statusCode()).isEqualTo(201);
		int unlinked = this.api.get("/v1/panel/unlinked-servers/count", TestApi.OPERATOR_KEY)
			.json()
			.get("unlinked")
			.asInt();
		assertThat(unlinked).isPositive();

		this.browser.get("http://127.0.0.1:" + this.port + "/ops?poll=500");
		this.browser.findElement(By.id("key")).sendKeys(TestApi.OPERATOR_KEY);
		this.browser.findElement(By.id("key-use")).click();
		waitFor().until(
				ExpectedConditions.textToBePresentInElementLocated(By.id("unlinked-meta"), "are mapped by no service"));
		assertThat(this.browser.findElement(By.id("unlinked-meta")).getText()).matches("\\d+ of \\d+ servers .*");
		assertThat(this.browser.findElement(By.id("unlinked-download")).isEnabled()).isTrue();
	}

	@Test
	void servesThePageWithoutAKeyButNoDataWithoutOne() {
		Answer page = this.api.get("/ops", null);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<title>vfbridge · operator</title>");
		assertThat(this.api.get("/ops/ops.js", null).status()).isEqualTo(200);
		assertThat(this.api.get("/v1/ops/summary", null).status()).isEqualTo(401);

		this.browser.get("http://127.0.0.1:" + this.port + "/ops?poll=500");
		this.browser.findElement(By.id("key")).sendKeys("not-a-key");
		this.browser.findElement(By.id("key-use")).click();
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "refused (401)"));
	}

	/**
	 * The documentation's screenshot, with a drift finding on the page too: a second
	 * service whose server was suspended behind vfbridge's back.
	 */
	private void screenshot() throws IOException {
		long customer = ThreadLocalRandom.current().nextLong(10_000_000, 900_000_000);
		String drifted = "svc-" + UUID.randomUUID();
		long serverId = awaitStatus(send("service.create", createData(drifted, customer)), "succeeded").get("result")
			.get("serverId")
			.asLong();
		this.simulator.api("POST", "/servers/" + serverId + "/suspend", null);
		this.browser.findElement(By.id("reconcile")).click();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#drift tbody tr[data-finding]")));
		await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
		byte[] png = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.BYTES);
		Files.write(Path.of("docs", "operator-page.png"), png);
	}

	/**
	 * The element's text; the page re-renders as it polls, so a stale element is found
	 * afresh.
	 */
	private String text(By locator) {
		return waitFor().ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(locator).getText());
	}

	private WebDriverWait waitFor() {
		return new WebDriverWait(this.browser, PATIENCE);
	}

	private UUID send(String type, String data) {
		Answer answer = this.api.webhook(TestApi.envelope(type, data));
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.operationId();
	}

	private JsonNode awaitStatus(UUID id, String status) {
		return new OperationWaiter(this.jdbc, this.api).awaitStatus(id, status);
	}

	private static String createData(String service, long customer) {
		return "{\"customer\":{\"id\":\"" + customer + "\",\"email\":\"c" + customer
				+ "@example.com\",\"name\":\"Customer " + customer + "\"},\"service\":{\"id\":\"" + service
				+ "\",\"packageId\":1,\"hypervisorGroupId\":1,\"osTemplateId\":1,\"hostname\":\"" + service
				+ ".example.com\",\"ipv4\":1}}";
	}

}
