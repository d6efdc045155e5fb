package org.slimta.system.autoconfigure.internal.signal;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.autoconfigure.internal.SlimtaSystemPropertiesBinder;
import org.slimta.system.internal.signal.RelaunchSettings;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalBackend;

import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of Spring Boot's default locations, read without config data, against what config
 * data itself reads from the same class path ({@code classpath:/} and {@code classpath:/config/} of
 * a test's own directory); the {@code file:} locations against the order Spring Boot documents,
 * since config data reads those from the JVM's working directory.
 */
class DefaultLocationFilesTests {

	@TempDir
	Path classPath;

	@TempDir
	Path workingDirectory;

	private URLClassLoader classLoader;

	@BeforeEach
	void classLoader() throws Exception {
		this.classLoader = new URLClassLoader(new URL[] { this.classPath.toUri().toURL() }, getClass().getClassLoader());
	}

	@AfterEach
	void close() throws Exception {
		this.classLoader.close();
	}

	@Test
	void withoutFilesTheDefaultsHold() {
		assertThat(readAsConfigDataAndWithout()).isEqualTo(StartupSettings.of(new SlimtaSystemProperties()));
	}

	@Test
	void readsPropertiesAndYamlAsConfigDataDoes() throws Exception {
		write("application.yml", """
				slimta:
				  system:
				    signals:
				      handled: [hup, SIGTERM, Usr1, int]
				      shutdown-on:
				""");
		RelaunchSettings settings = readAsConfigDataAndWithout();
		assertThat(settings.handled()).containsExactly(Signal.SIGHUP, Signal.SIGTERM, Signal.SIGUSR1, Signal.SIGINT);
		assertThat(settings.shutdownOn()).isEmpty();
	}

	@Test
	void ordersTheFilesAsConfigDataDoes() throws Exception {
		write("application.yml", "slimta.system.signals: {backend: jdk, relaunch: false, enabled: false}\n");
		write("application.properties", "slimta.system.signals.backend=signalfd\n");
		write("config/application.yaml", "slimta.system.signals.relaunch: true\n");
		RelaunchSettings settings = readAsConfigDataAndWithout();
		assertThat(settings.backend()).isEqualTo(SignalBackend.SIGNALFD);
		assertThat(settings.relaunch()).isTrue();
		assertThat(settings.signalsEnabled()).isFalse();
	}

	@Test
	void theCommandLineWinsAndPlaceholdersResolve() throws Exception {
		write("application.properties", "slimta.system.signals.relaunch=${RELAUNCH:true}\nslimta.system.enabled=true\n");
		assertThat(readAsConfigDataAndWithout().relaunch()).isTrue();
		assertThat(readAsConfigDataAndWithout("--RELAUNCH=false").relaunch()).isFalse();
		assertThat(readAsConfigDataAndWithout("--slimta.system.enabled=false").enabled()).isFalse();
	}

	@Test
	void theWorkingDirectorysFilesOverrideTheClassPathsAndItsConfigDirectoryThemAll() throws Exception {
		write("application.properties", "slimta.system.signals.backend=jdk\nslimta.system.signals.relaunch=false\n");
		Files.writeString(this.workingDirectory.resolve("application.yml"), "slimta.system.signals.backend: signalfd\n");
		Files.createDirectories(this.workingDirectory.resolve("config"));
		Files.writeString(this.workingDirectory.resolve("config/application.properties"), "slimta.system.signals.relaunch=true\n");
		RelaunchSettings settings = readWithout();
		assertThat(settings.backend()).isEqualTo(SignalBackend.SIGNALFD);
		assertThat(settings.relaunch()).isTrue();
	}

	@Test
	void readsTheFilesOfTheActiveProfilesAsConfigDataDoes() throws Exception {
		write("application.properties", "slimta.system.signals.backend=jdk\nslimta.system.signals.relaunch=true\n");
		write("config/application.properties", "slimta.system.signals.enabled=false\n");
		write("application-a.yml", "slimta.system.signals: {backend: signalfd, enabled: true}\n");
		write("application-b.yml", "slimta.system.signals.relaunch: false\n");
		write("config/application-a.properties", "slimta.system.signals.relaunch=true\n");
		write("application-default.yml", "slimta.system.signals: {handled: [HUP, TERM], shutdown-on: TERM}\n");
		assertThat(readAsConfigDataAndWithout().handled()).containsExactly(Signal.SIGHUP, Signal.SIGTERM);
		RelaunchSettings a = readAsConfigDataAndWithout("--spring.profiles.active=a");
		assertThat(a.backend()).isEqualTo(SignalBackend.SIGNALFD);
		assertThat(a.signalsEnabled()).isTrue();
		assertThat(a.handled()).hasSize(3);
		assertThat(readAsConfigDataAndWithout("--spring.profiles.active=a,b").relaunch()).isFalse();
		assertThat(readAsConfigDataAndWithout("--spring.profiles.active=b , a").relaunch()).isTrue();
		assertThat(readAsConfigDataAndWithout("--spring.profiles.active=b").relaunch()).isFalse();
		StandardEnvironment environment = environment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("SPRING_PROFILES_ACTIVE", "b")));
		assertThat(DefaultLocationFiles.addTo(environment, this.classLoader, this.workingDirectory)).isTrue();
		assertThat(StartupSettings.of(SlimtaSystemPropertiesBinder.bind(environment)).relaunch()).isFalse();
	}

	@Test
	void leavesToConfigDataWhatCouldCountBeyondTheDefaultLocations() throws Exception {
		assertThat(added("--spring.profiles.active=prod")).isTrue();
		assertThat(added("--spring.profiles.include=prod")).isFalse();
		assertThat(added("--spring.profiles.active[0]=prod")).isFalse();
		assertThat(added("--spring.config.additional-location=optional:file:/nowhere/")).isFalse();
		write("application.properties", "slimta.system.signals.relaunch=false\n");
		assertThat(added()).isTrue();
		write("application-prod.yml", "spring.config.import: optional:file:./more.yml\n");
		assertThat(added()).isTrue();
		assertThat(added("--spring.profiles.active=prod")).isFalse();
		write("application.yml", "spring.config.import: optional:file:./more.yml\n");
		assertThat(added()).isFalse();
		write("application.yml", "spring:\n  profiles:\n    group:\n      prod: eu\n");
		assertThat(added()).isFalse();
		write("application.yml", "slimta.system.signals.relaunch: true\n---\nslimta.system.signals.relaunch: false\n");
		assertThat(added()).isFalse();
		write("application.yml", "slimta.system.signals.relaunch: true\n");
		assertThat(added()).isTrue();
		Files.createDirectories(this.workingDirectory.resolve("config/extra"));
		assertThat(added()).isFalse();
	}

	// Both ways must agree; config data sees the JVM's working directory, which has no such files.
	private RelaunchSettings readAsConfigDataAndWithout(String... args) {
		StandardEnvironment configData = environment(args);
		ConfigDataEnvironmentPostProcessor.applyTo(configData, new DefaultResourceLoader(this.classLoader),
				new DefaultBootstrapContext(), List.of());
		RelaunchSettings expected = StartupSettings.of(SlimtaSystemPropertiesBinder.bind(configData));
		assertThat(readWithout(args)).isEqualTo(expected);
		return expected;
	}

	private RelaunchSettings readWithout(String... args) {
		StandardEnvironment environment = environment(args);
		assertThat(DefaultLocationFiles.addTo(environment, this.classLoader, this.workingDirectory)).isTrue();
		return StartupSettings.of(SlimtaSystemPropertiesBinder.bind(environment));
	}

	private boolean added(String... args) {
		StandardEnvironment environment = environment(args);
		int before = environment.getPropertySources().size();
		boolean added = DefaultLocationFiles.addTo(environment, this.classLoader, this.workingDirectory);
		if (!added) {
			assertThat(environment.getPropertySources().size()).isEqualTo(before);
		}
		return added;
	}

	private static StandardEnvironment environment(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		if (args.length > 0) {
			environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		}
		return environment;
	}

	private void write(String name, String content) throws Exception {
		Path file = this.classPath.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
