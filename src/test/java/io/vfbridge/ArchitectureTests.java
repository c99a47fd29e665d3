package io.vfbridge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package rules of {@code style.md}: packages are features, dependencies point one
 * way ({@code billing → provisioning → {customers, virtfusion}}; {@code api} and
 * {@code ops} may read the others), nothing depends on {@code simulator} or
 * {@code local}, and the client and the simulator share no types.
 */
class ArchitectureTests {

	private static final List<String> FEATURES = List.of("virtfusion", "billing", "provisioning", "customers", "api",
			"ops", "simulator", "local", "security");

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.vfbridge");

	@Test
	void keepsDependenciesPointingOneWay() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.withOptionalLayers(true)
			.layer("virtfusion")
			.definedBy("io.vfbridge.virtfusion..")
			.layer("customers")
			.definedBy("io.vfbridge.customers..")
			.layer("provisioning")
			.definedBy("io.vfbridge.provisioning..")
			.layer("billing")
			.definedBy("io.vfbridge.billing..")
			.layer("api")
			.definedBy("io.vfbridge.api..")
			.layer("ops")
			.definedBy("io.vfbridge.ops..")
			.layer("simulator")
			.definedBy("io.vfbridge.simulator..")
			.layer("local")
			.definedBy("io.vfbridge.local..")
			.layer("security")
			.definedBy("io.vfbridge.security..")
			.whereLayer("virtfusion")
			.mayOnlyBeAccessedByLayers("customers", "provisioning", "api", "ops")
			.whereLayer("customers")
			.mayOnlyBeAccessedByLayers("provisioning", "billing", "api", "ops")
			.whereLayer("provisioning")
			.mayOnlyBeAccessedByLayers("billing", "provisioning", "api", "ops")
			.whereLayer("billing")
			.mayOnlyBeAccessedByLayers("api", "ops")
			.whereLayer("api")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("ops")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("simulator")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("local")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("security")
			.mayOnlyBeAccessedByLayers("billing", "provisioning", "api", "ops")
			.check(MAIN);
	}

	@Test
	void keepsTheClientIndependentOfTheRestOfTheApplication() {
		noClasses().that()
			.resideInAPackage("io.vfbridge.virtfusion..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(otherFeaturesThan("virtfusion"))
			.check(MAIN);
	}

	@Test
	void keepsTheSimulatorFreeOfClientTypes() {
		noClasses().that()
			.resideInAPackage("io.vfbridge.simulator..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(otherFeaturesThan("simulator"))
			.check(MAIN);
	}

	@Test
	void hasNoCyclesBetweenFeatures() {
		slices().matching("io.vfbridge.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void readsTimeOnlyThroughTheClock() {
		noClasses().should()
			.callMethod(Instant.class, "now")
			.orShould()
			.callMethod(LocalDateTime.class, "now")
			.orShould()
			.callMethod(LocalDate.class, "now")
			.orShould()
			.callMethod(OffsetDateTime.class, "now")
			.orShould()
			.callMethod(ZonedDateTime.class, "now")
			.orShould()
			.callMethod(System.class, "currentTimeMillis")
			.because("time comes from the one java.time.Clock bean")
			.check(MAIN);
	}

	@Test
	void documentsEveryFeaturePackage() {
		for (String feature : FEATURES) {
			assertThat(MAIN.containPackage("io.vfbridge." + feature)).as(feature).isTrue();
			assertThat(MAIN.getPackage("io.vfbridge." + feature).tryGetPackageInfo()).as("package-info of " + feature)
				.isPresent();
		}
	}

	private static String[] otherFeaturesThan(String feature) {
		return FEATURES.stream()
			.filter((other) -> !other.equals(feature))
			.map((other) -> "io.vfbridge." + other + "..")
			.toArray(String[]::new);
	}

}
