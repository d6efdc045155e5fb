package org.slimta.system;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slimta.system.signal.SignalEvent;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.annotation.Conditional;

import static com.tngtech.archunit.core.domain.Dependency.Predicates.dependency;
import static com.tngtech.archunit.core.domain.Dependency.Predicates.dependencyTarget;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.conditions.ArchConditions.onlyHaveDependenciesWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries between the packages: the native calls behind {@code posix}, a core that runs
 * without Spring, and the Spring wiring kept apart from the runtime pieces it declares.
 */
class ArchitectureTests {

	// ".." on both sides: the same rules hold whether a concern's implementation is in its package or in internal.
	private static final String POSIX = "org.slimta.system..posix..";

	private static final String AUTOCONFIGURE = "org.slimta.system.autoconfigure..";

	private static final String BOOT = "org.slimta.system.boot..";

	private static final Set<String> WIRING = Set.of("autoconfigure", "boot");

	private static final SliceAssignment CONCERNS = new SliceAssignment() {

		@Override
		public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
			String name = javaClass.getPackageName();
			String rest = name.startsWith("org.slimta.system.") ? name.substring("org.slimta.system.".length()) : "";
			rest = rest.startsWith("internal.") ? rest.substring("internal.".length()) : rest;
			String concern = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
			return (concern.isEmpty() || concern.equals("internal")) ? SliceIdentifier.ignore()
					: SliceIdentifier.of(concern);
		}

		@Override
		public String getDescription() {
			return "concerns of org.slimta.system (API and internal package together)";
		}

	};

	private static JavaClasses classes;

	@BeforeAll
	static void importMainClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("org.slimta.system");
	}

	@Test
	void onlyPosixTouchesJnr() {
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackage(POSIX)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jnr..", "com.kenai..")
			.because("posix is the whole native surface: the rest calls typed Java methods that throw "
					+ "PosixException, so that the binding can change (jffi alone, jnr-ffi, the FFM API) in one place");
		rule.check(classes);
	}

	@Test
	void coreDependsOnNoSpringButSignalEventsApplicationEvent() {
		DescribedPredicate<JavaClass> spring = resideInAPackage("org.springframework..");
		ArchRule rule = classes().that()
			.resideInAPackage("org.slimta.system..")
			.and()
			.resideOutsideOfPackages(AUTOCONFIGURE, BOOT)
			.should(onlyHaveDependenciesWhere(
					dependencyTarget(spring).negate().or(dependency(SignalEvent.class, ApplicationEvent.class))))
			.because("the core runs before Spring Boot starts (the relaunch for signalfd, daemon mode) and "
					+ "in programs without Spring; the one exception is SignalEvent extending ApplicationEvent, "
					+ "which the contract requires so that a plain @EventListener takes it");
		rule.check(classes);
	}

	@Test
	void onlyAutoConfigureUsesAutoConfigurationAnnotations() {
		DescribedPredicate<JavaClass> autoConfiguration = resideInAPackage(
				"org.springframework.boot.autoconfigure.condition..")
			.or(belongToAnyOf(AutoConfiguration.class, AutoConfigureAfter.class, AutoConfigureBefore.class,
					AutoConfigureOrder.class, Conditional.class, ManagementContextConfiguration.class))
			.as("are auto-configuration annotations or conditions");
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackage(AUTOCONFIGURE)
			.should()
			.dependOnClassesThat(autoConfiguration)
			.because("which beans exist, and when, is decided in the auto-configurations alone: the core knows "
					+ "no Spring, and the runtime pieces in boot are plain classes the auto-configurations declare");
		rule.check(classes);
	}

	@Test
	void corePackagesHaveNoCycles() {
		// A concern is one slice, its API and its internal package together. org.slimta.system and
		// org.slimta.system.internal are no slice: ProcessIdentity and PrivilegeTarget use each other's package.
		ArchRule rule = slices().assignedFrom(CONCERNS)
			.that(DescribedPredicate.describe("are core packages",
					(slice) -> !WIRING.contains(slice.getNamePart(1))))
			.should()
			.beFreeOfCycles()
			.because("each core package is usable and testable with those below it alone");
		rule.check(classes);
	}

	@Test
	void bootDoesNotReachBackIntoAutoConfigure() {
		ArchRule rule = noClasses().that()
			.resideInAPackage(BOOT)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(AUTOCONFIGURE)
			.allowEmptyShould(true)
			.because("the runtime pieces (beans, listeners, filters, health, metrics, hang-up actions) are "
					+ "declared by the wiring, not the other way round, so that either can change alone");
		rule.check(classes);
	}

}
