package io.vfbridge.virtfusion;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.vfbridge.billing.EventType;
import io.vfbridge.provisioning.JobHandler;
import io.vfbridge.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every seed operation is reachable through vfbridge: some endpoint, event type or job of
 * the running application declares ({@link UsesOperation}) that it calls it. Also writes
 * {@code docs/virtfusion-coverage.md} (with {@code -Dvfbridge.docs.write=true}) and fails
 * when the document and the code disagree.
 */
@IntegrationTest
class OperationUsageIntegrationTests {

	private static final Path DOCUMENT = Path.of("docs/virtfusion-coverage.md");

	@Autowired
	ApplicationContext context;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void usesEverySeedOperationFromAnEndpointOrAnEvent() {
		Map<VirtFusionOperation, SortedSet<String>> usage = usage();
		assertThat(Arrays.stream(VirtFusionOperation.values()).filter((op) -> !usage.containsKey(op)))
			.as("operations no endpoint, event or job uses")
			.isEmpty();
	}

	@Test
	void keepsTheCoverageDocumentInStepWithTheCode() throws IOException {
		String expected = document(usage());
		if (Boolean.getBoolean("vfbridge.docs.write")) {
			Files.createDirectories(DOCUMENT.getParent());
			Files.writeString(DOCUMENT, expected, StandardCharsets.UTF_8);
		}
		assertThat(DOCUMENT).as("run mvn verify -Dtest=OperationUsageIntegrationTests -Dvfbridge.docs.write=true")
			.exists();
		assertThat(Files.readString(DOCUMENT, StandardCharsets.UTF_8)).isEqualTo(expected);
	}

	/** What uses each operation: endpoints, then event types and jobs, then the rest. */
	private Map<VirtFusionOperation, SortedSet<String>> usage() {
		Map<VirtFusionOperation, SortedSet<String>> usage = new EnumMap<>(VirtFusionOperation.class);
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mappings.getHandlerMethods().entrySet()) {
			UsesOperation uses = entry.getValue().getMethodAnnotation(UsesOperation.class);
			if (uses != null) {
				String methods = entry.getKey()
					.getMethodsCondition()
					.getMethods()
					.stream()
					.map(Enum::name)
					.sorted()
					.collect(Collectors.joining("/"));
				for (String pattern : entry.getKey().getPatternValues()) {
					record(usage, uses, "`" + methods + " " + pattern + "`");
				}
			}
		}
		for (String name : this.context.getBeanDefinitionNames()) {
			Object bean = this.context.getBean(name);
			Class<?> type = AopUtils.getTargetClass(bean);
			UsesOperation uses = AnnotatedElementUtils.findMergedAnnotation(type, UsesOperation.class);
			if (bean instanceof JobHandler handler) {
				uses = (uses != null) ? uses : onHandleMethod(type);
				if (uses != null) {
					String kind = EventType.of(handler.type()).isPresent() ? "event" : "job";
					record(usage, uses, kind + " `" + handler.type() + "`");
				}
			}
			else if (uses != null) {
				record(usage, uses, type.getSimpleName());
			}
		}
		return usage;
	}

	private static UsesOperation onHandleMethod(Class<?> type) {
		return Arrays.stream(type.getMethods())
			.filter((method) -> method.getName().equals("handle"))
			.map((method) -> AnnotatedElementUtils.findMergedAnnotation(method, UsesOperation.class))
			.filter((uses) -> uses != null)
			.findFirst()
			.orElse(null);
	}

	private static void record(Map<VirtFusionOperation, SortedSet<String>> usage, UsesOperation uses, String user) {
		for (VirtFusionOperation operation : uses.value()) {
			usage.computeIfAbsent(operation, (op) -> new TreeSet<>(OperationUsageIntegrationTests::endpointsFirst))
				.add(user);
		}
	}

	private static int endpointsFirst(String a, String b) {
		int rank = Integer.compare(rank(a), rank(b));
		return (rank != 0) ? rank : a.compareTo(b);
	}

	private static int rank(String user) {
		if (user.startsWith("`")) {
			return 0;
		}
		return (user.startsWith("event") || user.startsWith("job")) ? 1 : 2;
	}

	private static String document(Map<VirtFusionOperation, SortedSet<String>> usage) {
		Map<String, List<Method>> methods = VirtFusionCoverageTests.publicClientMethods();
		Map<VirtFusionOperation, String> tests = VirtFusionCoverageTests.operationTests();
		StringBuilder text = new StringBuilder("""
				# VirtFusion API coverage

				Generated by `OperationUsageIntegrationTests` from `VirtFusionOperation`, `VirtFusionClient`, the
				`@CoversOperation` tests and the `@UsesOperation` declarations of the running application's
				endpoints, event handlers and jobs; the build fails when this file and the code disagree.
				Regenerate with `mvn verify -Dtest=OperationUsageIntegrationTests -Dvfbridge.docs.write=true`.

				Paths are relative to the panel's API base (`https://<panel>/api/v1`). "Used by" names the
				vfbridge endpoints (REST), event types (webhook and REST commands through the queue) and
				scheduled jobs that call the operation.

				""");
		long seed = Arrays.stream(VirtFusionOperation.values()).filter(VirtFusionOperation::isSeed).count();
		long covered = Arrays.stream(VirtFusionOperation.values()).filter(tests::containsKey).count();
		long used = Arrays.stream(VirtFusionOperation.values()).filter(usage::containsKey).count();
		text.append("Operations: ")
			.append(seed)
			.append(" of the seed list and ")
			.append(VirtFusionOperation.values().length - seed)
			.append(" neighbours; with a client method and a test: ")
			.append(covered)
			.append(" of ")
			.append(VirtFusionOperation.values().length)
			.append("; used by vfbridge: ")
			.append(used)
			.append(" of ")
			.append(VirtFusionOperation.values().length)
			.append(".\n\n");
		text.append("| # | Area | Operation | Method | Path | Client method | Test | Used by |\n");
		text.append("|---|---|---|---|---|---|---|---|\n");
		int number = 1;
		for (VirtFusionOperation operation : VirtFusionOperation.values()) {
			List<Method> candidates = methods.getOrDefault(operation.clientMethod(), List.of());
			String signature = candidates.isEmpty() ? "—"
					: "`" + VirtFusionCoverageTests.signature(candidates.get(0)) + "`";
			SortedSet<String> users = usage.get(operation);
			text.append("| ")
				.append(number++)
				.append(" | ")
				.append(operation.area())
				.append(" | ")
				.append(operation.title())
				.append(" | ")
				.append(operation.method())
				.append(" | `")
				.append(operation.path())
				.append("` | ")
				.append(signature)
				.append(" | ")
				.append(tests.getOrDefault(operation, "—"))
				.append(" | ")
				.append((users == null) ? "—" : String.join("<br>", users))
				.append(" |\n");
		}
		return text.toString();
	}

}
