package org.slimta.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
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
 * without Spring, the Spring wiring kept apart from the runtime pieces it declares, and a small
 * API: every public type outside the {@code internal} packages says since when ({@code @since}
 * in its javadoc) and shows no internal type in its signatures.
 */
class ArchitectureTests {

	// ".." on both sides: the same rules hold whether a concern's implementation is in its package or in internal.
	private static final String POSIX = "org.slimta.system..posix..";

	private static final String AUTOCONFIGURE = "org.slimta.system.autoconfigure..";

	private static final String BOOT = "org.slimta.system.boot..";

	private static final Set<String> WIRING = Set.of("autoconfigure", "boot");

	private static final String INTERNAL = "..internal..";

	// On the test class path, never deployed: no API.
	private static final String TEST_SUPPORT = "org.slimta.system.testsupport..";

	// Relative to the module: Maven runs the tests there.
	private static final List<String> SOURCE_ROOTS = List.of("src/main/java", "src/main/java22");

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

	@Test
	void everyPublicTypeOutsideInternalSaysSinceWhen() {
		ArchRule rule = classes().that()
			.arePublic()
			.and()
			.areTopLevelClasses()
			.and()
			.resideOutsideOfPackages(INTERNAL, TEST_SUPPORT)
			.should(haveSinceInTheirJavadoc())
			.because("a public type outside an internal package is API: an application may name it, so its "
					+ "javadoc says since which release (@since); every other type is package-private or internal");
		rule.check(classes);
	}

	@Test
	void publicApiExposesNoInternalType() {
		ArchRule rule = classes().that()
			.arePublic()
			.and()
			.resideOutsideOfPackages(INTERNAL, TEST_SUPPORT)
			.should(exposeNoInternalType())
			.because("an application can only use what the API's signatures show; an internal type in them "
					+ "would make that type API, and it may change in any release");
		rule.check(classes);
	}

	private static ArchCondition<JavaClass> haveSinceInTheirJavadoc() {
		return new ArchCondition<>("have @since in their javadoc") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				String source = source(type);
				Pattern javadoc = Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/(?:(?!/\\*\\*).)*?\\bpublic\\b[^;{]*?"
						+ "\\b(?:class|interface|enum|record|@interface)\\s+" + Pattern.quote(type.getSimpleName())
						+ "\\b", Pattern.DOTALL);
				Matcher matcher = javadoc.matcher(source);
				boolean since = matcher.find() && matcher.group(1).contains("@since ");
				events.add(new SimpleConditionEvent(type, since, type.getName() + (since ? " has" : " has no")
						+ " @since in the javadoc of its declaration in "
						+ type.getSourceCodeLocation().getSourceFileName()));
			}

		};
	}

	// ArchUnit reads class files, which keep no javadoc: the check reads the source the class was compiled from.
	private static String source(JavaClass type) {
		String file = type.getPackageName().replace('.', '/') + "/"
				+ type.getSourceCodeLocation().getSourceFileName();
		for (String root : SOURCE_ROOTS) {
			Path path = Path.of(root, file);
			if (Files.isRegularFile(path)) {
				try {
					return Files.readString(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		throw new IllegalStateException("No source of " + type.getName() + " in " + SOURCE_ROOTS);
	}

	private static ArchCondition<JavaClass> exposeNoInternalType() {
		return new ArchCondition<>("expose no type of an internal package in their signatures") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				Map<String, JavaType> exposed = new LinkedHashMap<>();
				type.getSuperclass().ifPresent((superclass) -> exposed.put("its superclass", superclass));
				type.getInterfaces().forEach((implemented) -> exposed.put("its interface " + implemented.getName(), implemented));
				for (JavaField field : type.getFields()) {
					if (isApi(field.getModifiers())) {
						exposed.put("field " + field.getName(), field.getType());
					}
				}
				for (JavaCodeUnit member : type.getCodeUnits()) {
					if (!isApi(member.getModifiers())) {
						continue;
					}
					exposed.put(member.getFullName() + " returns", member.getReturnType());
					List<JavaType> parameters = member.getParameterTypes();
					for (int i = 0; i < parameters.size(); i++) {
						exposed.put(member.getFullName() + " parameter " + i, parameters.get(i));
					}
					member.getExceptionTypes().forEach((thrown) -> exposed.put(member.getFullName() + " throws", thrown));
				}
				exposed.forEach((where, exposedType) -> exposedType.getAllInvolvedRawTypes()
					.stream()
					.filter((involved) -> involved.getPackageName().matches(".*\\.internal(\\..*)?"))
					.forEach((internal) -> events.add(SimpleConditionEvent.violated(type,
							type.getName() + " exposes internal " + internal.getName() + " in " + where))));
			}

		};
	}

	private static boolean isApi(Set<JavaModifier> modifiers) {
		return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
	}

}
