package org.slimta.system.autoconfigure.internal.signal;

import java.nio.file.Path;
import java.util.List;

import org.slimta.system.autoconfigure.SignalsProperties;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.autoconfigure.internal.SlimtaSystemPropertiesBinder;
import org.slimta.system.internal.signal.RelaunchSettings;

import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The settings that decide the relaunch for signalfd, read at the first moment of a JVM, before
 * Spring Boot prepares its environment, by Spring Boot's own means: the command line, system
 * properties and environment variables, then the configuration files, bound as the context binds
 * {@code slimta.system.*} ({@link SlimtaSystemPropertiesBinder}), so with the same defaults, names
 * and errors.
 * <p>
 * The files are read by Spring Boot's config data ({@link ConfigDataEnvironmentPostProcessor}:
 * the files of {@code spring.config.location}, their profile-specific variants and documents,
 * {@code spring.config.import}, profiles activated from a file) unless the application leaves it
 * at its defaults but for the active profiles: then {@link DefaultLocationFiles} reads the same
 * files with Spring Boot's loaders alone, and where no property of {@code slimta.system} is set the defaults need no
 * binder. Config data's classes, its binder's and SnakeYAML's are most of what a first JVM
 * loads in order to be thrown away by the relaunch.
 * <p>
 * What it does not see, Spring Boot adds later: the property sources of other environment
 * post-processors ({@code SPRING_APPLICATION_JSON}, Spring Cloud's), and those, profiles and
 * default properties set in code.
 */
final class StartupSettings {

	private StartupSettings() {
	}

	/**
	 * Read the settings as the first moment of a JVM reads them.
	 * @param args the application's arguments
	 * @param classLoader where the application's class path resources are
	 * @return the settings
	 * @throws RuntimeException as Spring Boot would fail on the same configuration (an invalid
	 * value, an unknown property, a missing file that is not optional)
	 */
	static RelaunchSettings read(List<String> args, ClassLoader classLoader) {
		StandardEnvironment environment = new StandardEnvironment();
		if (!args.isEmpty()) {
			environment.getPropertySources()
				.addFirst(new SimpleCommandLinePropertySource(args.toArray(String[]::new)));
		}
		if (!DefaultLocationFiles.addTo(environment, classLoader, Path.of("."))) {
			ConfigDataEnvironmentPostProcessor.applyTo(environment, new DefaultResourceLoader(classLoader),
					new DefaultBootstrapContext(), List.of());
		}
		return of(SlimtaSystemPropertiesBinder.bind(environment));
	}

	/**
	 * The settings of bound properties.
	 * @param properties {@code slimta.system.*}
	 * @return the settings that decide the relaunch
	 */
	static RelaunchSettings of(SlimtaSystemProperties properties) {
		SignalsProperties signals = properties.getSignals();
		return new RelaunchSettings(properties.isEnabled(), signals.isEnabled(), signals.getBackend(),
				signals.isRelaunch(), signals.getHandled(), signals.getShutdownOn(), properties.getDaemon().isEnabled(),
				properties.getSockets().isActivation());
	}

}
