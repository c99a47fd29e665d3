package io.vfbridge.virtfusion;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the client complete: all 80 operations, one public client method each, one
 * {@link CoversOperation} test each ({@link OperationUsageIntegrationTests} adds what
 * uses each operation and writes {@code docs/virtfusion-coverage.md}).
 */
class VirtFusionCoverageTests {

	/** Public client methods that are not operations. */
	private static final Set<String> NOT_OPERATIONS = Set.of("panel", "circuitState");

	@Test
	void catalogueHasTheEightySeedOperationsOnce() {
		assertThat(Arrays.stream(VirtFusionOperation.values()).filter(VirtFusionOperation::isSeed)).hasSize(80);
		assertThat(Arrays.stream(VirtFusionOperation.values()).map((op) -> op.method() + " " + op.path()))
			.doesNotHaveDuplicates();
		assertThat(Arrays.stream(VirtFusionOperation.values()).map(VirtFusionOperation::clientMethod))
			.doesNotHaveDuplicates();
	}

	@Test
	void hasOnePublicClientMethodPerOperationAndNoOther() {
		Map<String, List<Method>> methods = publicClientMethods();
		for (VirtFusionOperation operation : VirtFusionOperation.values()) {
			assertThat(methods.get(operation.clientMethod())).as("client method for %s", operation).hasSize(1);
		}
		Set<String> operations = Arrays.stream(VirtFusionOperation.values())
			.map(VirtFusionOperation::clientMethod)
			.collect(Collectors.toSet());
		assertThat(methods.keySet()).allMatch((name) -> operations.contains(name) || NOT_OPERATIONS.contains(name));
	}

	@Test
	void hasATestForEveryOperation() {
		Map<VirtFusionOperation, String> tests = operationTests();
		assertThat(Arrays.stream(VirtFusionOperation.values()).filter((op) -> !tests.containsKey(op)))
			.as("operations without a @CoversOperation test")
			.isEmpty();
	}

	static String signature(Method method) {
		String parameters = Arrays.stream(method.getParameters())
			.map(Parameter::getType)
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", "));
		return method.getName() + "(" + parameters + ")";
	}

	static Map<String, List<Method>> publicClientMethods() {
		return Arrays.stream(VirtFusionClient.class.getDeclaredMethods())
			.filter((method) -> Modifier.isPublic(method.getModifiers()) && !method.isSynthetic())
			.collect(Collectors.groupingBy(Method::getName));
	}

	static Map<VirtFusionOperation, String> operationTests() {
		Map<VirtFusionOperation, String> tests = new EnumMap<>(VirtFusionOperation.class);
		for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
			.importPackages("io.vfbridge.virtfusion")) {
			for (Method method : type.reflect().getDeclaredMethods()) {
				CoversOperation covers = method.getAnnotation(CoversOperation.class);
				if (covers != null) {
					tests.putIfAbsent(covers.value(), "`" + type.getSimpleName() + "." + method.getName() + "`");
				}
			}
		}
		return tests;
	}

}
