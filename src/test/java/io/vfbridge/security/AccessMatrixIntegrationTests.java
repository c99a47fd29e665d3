package io.vfbridge.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.vfbridge.testsupport.IntegrationTest;
import io.vfbridge.testsupport.TestApi;
import io.vfbridge.testsupport.TestApi.Answer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access matrix, generically: every handler mapping the application has (its own
 * controllers, the actuator's, whatever another feature adds later) is called with no key
 * and with each role's key, and must answer according to its declared role. Every
 * {@code /v1} endpoint must declare one (the signed webhook excepted). The access matrix
 * in {@code docs/security.md} must be exactly the one derived here.
 */
@IntegrationTest
class AccessMatrixIntegrationTests {

	private static final String WEBHOOK = "POST /v1/events";

	private static final Map<Role, String> KEYS = Map.of(Role.BILLING, TestApi.BILLING_KEY, Role.STOREFRONT,
			TestApi.STOREFRONT_KEY, Role.OPERATOR, TestApi.OPERATOR_KEY, Role.METRICS, TestApi.METRICS_KEY);

	private static final Path MATRIX_FILE = Path.of("docs", "security.md");

	private static final String BEGIN = "<!-- access-matrix:begin (checked by AccessMatrixIntegrationTests) -->";

	private static final String END = "<!-- access-matrix:end -->";

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	ApplicationContext context;

	@Test
	void answersEveryEndpointAccordingToItsDeclaredRole() {
		TestApi api = new TestApi(this.port, this.clock);
		List<String> failures = new ArrayList<>();
		for (Endpoint endpoint : endpoints()) {
			String path = endpoint.samplePath();
			Answer anonymous = api.call(endpoint.method(), path, null, null, null);
			if (endpoint.access() == Access.ROLES) {
				expect(failures, endpoint, "no key", anonymous, 401);
				for (Role role : Role.values()) {
					Answer answer = api.call(endpoint.method(), path, KEYS.get(role), null, null);
					if (role == Role.OPERATOR || endpoint.roles().contains(role)) {
						expectAllowed(failures, endpoint, role.value(), answer);
					}
					else {
						expect(failures, endpoint, role.value(), answer, 403);
					}
				}
			}
			else if (endpoint.access() == Access.OPEN) {
				expectAllowed(failures, endpoint, "no key", anonymous);
			}
			else if (endpoint.access() == Access.SIGNATURE) {
				// authenticated by its signature, which an API key cannot replace
				Answer unsigned = api.call(endpoint.method(), path, null, null, "{}");
				expect(failures, endpoint, "no signature", unsigned, 401);
				assertThat(unsigned.body()).contains("urn:vfbridge:problem:invalid-signature");
				Answer withKey = api.call(endpoint.method(), path, TestApi.OPERATOR_KEY, null, "{}");
				expect(failures, endpoint, "an operator key and no signature", withKey, 401);
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void requiresARoleOnEveryApiEndpointButTheSignedWebhook() {
		List<String> undeclared = endpoints().stream()
			.filter((endpoint) -> endpoint.path().startsWith("/v1/") && endpoint.access() == Access.UNDECLARED)
			.map(Endpoint::toString)
			.toList();
		assertThat(undeclared).as("/v1 endpoints without @RequiresRole").isEmpty();
		assertThat(endpoints()).anySatisfy((endpoint) -> assertThat(endpoint.key()).isEqualTo(WEBHOOK));
	}

	@Test
	void listsTheAccessMatrixInTheSecurityDocument() throws IOException {
		String table = matrix();
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "access-matrix.md"), table, StandardCharsets.UTF_8);
		String document = Files.readString(MATRIX_FILE, StandardCharsets.UTF_8);
		int begin = document.indexOf(BEGIN);
		int end = document.indexOf(END);
		assertThat(begin).as("docs/security.md has the access matrix markers").isNotNegative();
		assertThat(document.substring(begin + BEGIN.length(), end).strip())
			.as("docs/security.md access matrix; the expected table is in target/access-matrix.md")
			.isEqualTo(table.strip());
	}

	/** The matrix as a Markdown table: one row per endpoint, one column per caller. */
	private String matrix() {
		StringBuilder table = new StringBuilder("| endpoint | no key |");
		for (Role role : Role.values()) {
			table.append(' ').append(role.value()).append(" |");
		}
		table.append("\n|---|---|").append("---|".repeat(Role.values().length)).append('\n');
		for (Endpoint endpoint : endpoints()) {
			if (endpoint.access() == Access.NOT_API) {
				continue;
			}
			table.append("| `").append(endpoint.key()).append("` | ");
			switch (endpoint.access()) {
				case OPEN -> table.append("✓ |").append(" ✓ |".repeat(Role.values().length));
				case SIGNATURE -> table.append("signed webhook |").append(" — |".repeat(Role.values().length));
				case ROLES -> {
					table.append("401 |");
					for (Role role : Role.values()) {
						table.append((role == Role.OPERATOR || endpoint.roles().contains(role)) ? " ✓ |" : " 403 |");
					}
				}
				default -> table.append("undeclared |").append(" |".repeat(Role.values().length));
			}
			table.append('\n');
		}
		return table.toString();
	}

	private static void expect(List<String> failures, Endpoint endpoint, String caller, Answer answer, int status) {
		if (answer.status() != status) {
			failures.add(endpoint + " with " + caller + ": expected " + status + " but was " + answer.status());
		}
		else if (!answer.contentType().startsWith("application/problem+json")) {
			failures.add(endpoint + " with " + caller + ": not problem+json but " + answer.contentType());
		}
	}

	private static void expectAllowed(List<String> failures, Endpoint endpoint, String caller, Answer answer) {
		if (answer.status() == 401 || answer.status() == 403 || answer.status() >= 500 && answer.status() != 503) {
			failures.add(endpoint + " with " + caller + ": expected to be let through but was " + answer.status() + " "
					+ answer.body());
		}
	}

	/** Every mapping of every request-mapping handler mapping, actuator included. */
	private List<Endpoint> endpoints() {
		Map<String, Endpoint> all = new LinkedHashMap<>();
		for (RequestMappingInfoHandlerMapping mapping : this.context
			.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				RequestMappingInfo info = entry.getKey();
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				if (methods.isEmpty()) {
					methods = EnumSet.of(RequestMethod.GET);
				}
				for (String pattern : info.getPatternValues()) {
					for (RequestMethod method : methods) {
						Endpoint endpoint = endpoint(method.name(), pattern, entry.getValue());
						all.putIfAbsent(endpoint.key(), endpoint);
					}
				}
			}
		}
		// the two probes are health groups served by the health endpoint's wildcard
		// mapping
		for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
			all.putIfAbsent("GET " + probe, new Endpoint("GET", probe, Access.OPEN, Set.of()));
		}
		return all.values()
			.stream()
			.sorted(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method))
			.collect(Collectors.toList());
	}

	private static Endpoint endpoint(String method, String pattern, HandlerMethod handler) {
		if (pattern.equals("/actuator") || pattern.startsWith("/actuator/")) {
			String id = pattern.equals("/actuator") ? "" : pattern.split("/")[2];
			return new Endpoint(method, pattern, Access.ROLES, SecurityConfiguration.METRICS_ENDPOINTS.contains(id)
					? new TreeSet<>(Set.of(Role.METRICS)) : Set.of(Role.OPERATOR));
		}
		if (!pattern.startsWith("/v1/")) {
			// the simulator (never enabled in production), API docs, the error page
			return new Endpoint(method, pattern, Access.NOT_API, Set.of());
		}
		RequiresRole required = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresRole.class);
		if (required == null) {
			required = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresRole.class);
		}
		if (required != null) {
			return new Endpoint(method, pattern, Access.ROLES, new TreeSet<>(Arrays.asList(required.value())));
		}
		if ((method + " " + pattern).equals(WEBHOOK)) {
			return new Endpoint(method, pattern, Access.SIGNATURE, Set.of());
		}
		return new Endpoint(method, pattern, Access.UNDECLARED, Set.of());
	}

	enum Access {

		ROLES, SIGNATURE, OPEN, NOT_API, UNDECLARED

	}

	record Endpoint(String method, String path, Access access, Set<Role> roles) {

		String key() {
			return this.method + " " + this.path;
		}

		/** The path with every variable filled in and wildcards made concrete. */
		String samplePath() {
			return this.path.replaceAll("\\{[^}]+}", "x1").replace("/**", "/any");
		}

		@Override
		public String toString() {
			return key();
		}

	}

}
