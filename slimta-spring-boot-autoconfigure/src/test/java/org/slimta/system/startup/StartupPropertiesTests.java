package org.slimta.system.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StartupPropertiesTests {

	private static final String RELAUNCH = "slimta.system.signals.relaunch";

	@TempDir
	Path directory;

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void commandLineWinsOverSystemPropertiesOverEnvironmentOverFiles() throws Exception {
		write("application.properties", RELAUNCH + "=files");
		assertThat(value(List.of(), Map.of(), Map.of())).isEqualTo("files");
		assertThat(value(List.of(), Map.of(), Map.of("SLIMTA_SYSTEM_SIGNALS_RELAUNCH", "env"))).isEqualTo("env");
		assertThat(value(List.of(), Map.of(RELAUNCH, "system"), Map.of("SLIMTA_SYSTEM_SIGNALS_RELAUNCH", "env")))
			.isEqualTo("system");
		assertThat(value(List.of("--" + RELAUNCH + "=args"), Map.of(RELAUNCH, "system"), Map.of())).isEqualTo("args");
	}

	@Test
	void profileFilesWinOverTheirLocationsPlainFilesAndPropertiesOverYaml() throws Exception {
		write("config/application.yml", "slimta.system.signals.relaunch: yaml");
		assertThat(value(List.of(), Map.of(), Map.of())).isEqualTo("yaml");
		write("config/application.properties", RELAUNCH + "=properties");
		assertThat(value(List.of(), Map.of(), Map.of())).isEqualTo("properties");
		write("config/application-quiet.yml", "slimta:\n  system:\n    signals:\n      relaunch: quiet\n");
		assertThat(value(List.of("--spring.profiles.active=quiet"), Map.of(), Map.of())).isEqualTo("quiet");
		assertThat(value(List.of(), Map.of(), Map.of("SPRING_PROFILES_ACTIVE", "quiet"))).isEqualTo("quiet");
		assertThat(value(List.of("--spring.profiles.active=loud"), Map.of(), Map.of())).isEqualTo("properties");
	}

	@Test
	void theWorkingDirectoryWinsOverTheClassPathAndConfigOverTheDirectoryItself() throws Exception {
		write("application.yml", "slimta.system.signals.relaunch: here");
		assertThat(value(List.of(), Map.of(), Map.of())).isEqualTo("here");
		write("config/application.yml", "slimta.system.signals.relaunch: config");
		assertThat(value(List.of(), Map.of(), Map.of())).isEqualTo("config");
		write("config/extra/application.yml", "slimta.system.signals.relaunch: extra");
		assertThat(value(List.of(), Map.of(), Map.of())).isEqualTo("extra");
	}

	@Test
	void theDefaultProfileCountsOnlyWhileNoneIsActive() throws Exception {
		write("application-default.yml", "slimta.system.signals.relaunch: default");
		assertThat(value(List.of(), Map.of(), Map.of())).isEqualTo("default");
		assertThat(read(List.of("--spring.profiles.active=prod"), Map.of(), Map.of()).get(RELAUNCH)).isEmpty();
	}

	@Test
	void documentsCountForTheirProfilesAndLaterOnesWin() throws Exception {
		write("application.yml", """
				slimta.system.signals.relaunch: first
				---
				slimta.system.signals.relaunch: second
				---
				spring.config.activate.on-profile: "prod & !eu"
				slimta.system.signals.relaunch: prod
				---
				spring.config.activate.on-cloud-platform: kubernetes
				slimta.system.signals.relaunch: cloud
				""");
		assertThat(value(List.of(), Map.of(), Map.of())).isEqualTo("second");
		assertThat(value(List.of("--spring.profiles.active=prod"), Map.of(), Map.of())).isEqualTo("prod");
		assertThat(value(List.of("--spring.profiles.active=prod,eu"), Map.of(), Map.of())).isEqualTo("second");
	}

	@Test
	void namesAreRelaxedAsSpringBootRelaxesThem() {
		StartupProperties properties = read(List.of("--slimta.system.signals.shutdownOn=TERM"), Map.of(),
				Map.of("SLIMTA_SYSTEM_SIGNALS_HANDLED_0_", "HUP", "SLIMTA_SYSTEM_SIGNALS_HANDLED_1_", "TERM"));
		assertThat(properties.getList("slimta.system.signals.shutdown-on")).get()
			.satisfies((list) -> assertThat(list.elements()).containsExactly("TERM"));
		assertThat(properties.getList("slimta.system.signals.handled")).get()
			.satisfies((list) -> assertThat(list.elements()).containsExactly("HUP", "TERM"));
	}

	@Test
	void listsComeWholeFromOneSourceInEitherForm() throws Exception {
		write("application.yml", "slimta.system.signals.handled:\n  - HUP\n  - INT\n  - USR1\n");
		assertThat(read(List.of(), Map.of(), Map.of()).getList("slimta.system.signals.handled")).get()
			.satisfies((list) -> assertThat(list.elements()).containsExactly("HUP", "INT", "USR1"));
		assertThat(read(List.of("--slimta.system.signals.handled=TERM, INT"), Map.of(), Map.of())
			.getList("slimta.system.signals.handled")).get()
			.satisfies((list) -> assertThat(list.elements()).containsExactly("TERM", "INT"));
	}

	@Test
	void anEmptyListIsEmptyAndHidesTheSourcesBelow() throws Exception {
		write("application.yml", "slimta.system.signals:\n  handled: SIGHUP\n  shutdown-on:\n  backend: signalfd\n");
		assertThat(read(List.of(), Map.of(), Map.of()).getList("slimta.system.signals.shutdown-on")).get()
			.satisfies((list) -> assertThat(list.elements()).isEmpty());
		assertThat(read(List.of("--slimta.system.signals.handled="), Map.of(), Map.of()).getList("slimta.system.signals.handled"))
			.get()
			.satisfies((list) -> assertThat(list.elements()).isEmpty());
	}

	@Test
	void resolvesPlaceholdersAgainstTheSameSources() throws Exception {
		write("application.properties", RELAUNCH + "=${RELAUNCH:true}");
		assertThat(value(List.of(), Map.of(), Map.of())).isEqualTo("true");
		assertThat(value(List.of(), Map.of(), Map.of("RELAUNCH", "false"))).isEqualTo("false");
	}

	@Test
	void readsTheLocationsNamedByTheCommandLine() throws Exception {
		write("elsewhere/application.yml", "slimta.system.signals.relaunch: additional");
		write("application.yml", "slimta.system.signals.relaunch: default");
		assertThat(value(List.of("--spring.config.additional-location=file:" + this.directory.resolve("elsewhere") + "/"),
				Map.of(), Map.of())).isEqualTo("additional");
		write("only/app.properties", RELAUNCH + "=only");
		assertThat(value(List.of("--spring.config.location=optional:file:" + this.directory.resolve("only/app.properties")),
				Map.of(), Map.of())).isEqualTo("only");
	}

	@Test
	void namesTheOriginOfAValueAndWhatItCouldNotRead() throws Exception {
		write("config/application.yml", "slimta.system.signals.relaunch: false");
		write("application.properties", "broken=\\u12");
		StartupProperties properties = read(List.of(), Map.of(), Map.of());
		assertThat(properties.get(RELAUNCH)).get()
			.satisfies((value) -> assertThat(value.origin()).isEqualTo("file [./config/application.yml]"));
		assertThat(properties.unreadable()).singleElement().asString().startsWith("file [./application.properties]");
	}

	private String value(List<String> args, Map<String, String> systemProperties, Map<String, String> environment) {
		return read(args, systemProperties, environment).get(RELAUNCH).orElseThrow().value();
	}

	private StartupProperties read(List<String> args, Map<String, String> systemProperties,
			Map<String, String> environment) {
		return StartupProperties.read(args, systemProperties, environment, this.classLoader, this.directory);
	}

	private void write(String name, String content) throws Exception {
		Path file = this.directory.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
