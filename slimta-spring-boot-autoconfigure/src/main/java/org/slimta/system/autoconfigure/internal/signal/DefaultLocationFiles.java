package org.slimta.system.autoconfigure.internal.signal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The configuration files of an application that leaves Spring Boot's config data at its
 * defaults, loaded as {@link ConfigDataEnvironmentPostProcessor} loads them but without its
 * machinery, whose classes a JVM about to be relaunched would load for nothing: the files named
 * {@code application} with an extension of Spring Boot's {@link PropertySourceLoader}s in its
 * default search locations ({@code classpath:/}, {@code classpath:/config/}, {@code file:./},
 * {@code file:./config/}), read by those loaders, each location over the one before and, in one
 * location, {@code .properties} over {@code .yml}, as Spring Boot orders them.
 * <p>
 * It loads nothing and leaves the work to config data where anything more could count: a
 * {@code spring.config.*} or {@code spring.profiles.*} property in the environment or in a file,
 * a file of more than one document, an {@code application-default} file (of the profile active
 * when none is), or a directory under {@code ./config/} (which Spring Boot searches too).
 */
final class DefaultLocationFiles {

	// ConfigDataEnvironment's default search locations, in the order in which each overrides the one before.
	private static final List<String> LOCATIONS = List.of("classpath:/", "classpath:/config/", "file:", "file:config/");

	private static final ConfigurationPropertyName SPRING_CONFIG = ConfigurationPropertyName.of("spring.config");

	private static final ConfigurationPropertyName SPRING_PROFILES = ConfigurationPropertyName.of("spring.profiles");

	private DefaultLocationFiles() {
	}

	/**
	 * Add the files to the environment, below its property sources, as config data would, unless
	 * more than this could count.
	 * @param environment the environment of the command line, system properties and environment
	 * variables
	 * @param classLoader where the application's class path resources are
	 * @param workingDirectory the directory of {@code file:./}: {@code .} but in tests
	 * @return whether the files were added; {@code false} leaves the environment as it was
	 */
	static boolean addTo(ConfigurableEnvironment environment, ClassLoader classLoader, Path workingDirectory) {
		if (mentionsConfigData(ConfigurationPropertySources.get(environment)) || hasConfigSubdirectory(workingDirectory)) {
			return false;
		}
		List<PropertySourceLoader> loaders = SpringFactoriesLoader.loadFactories(PropertySourceLoader.class, classLoader);
		DefaultResourceLoader resources = new DefaultResourceLoader(classLoader);
		List<PropertySource<?>> found = new ArrayList<>();
		for (String location : LOCATIONS) {
			String base = location.startsWith("file:")
					? "file:" + workingDirectory.resolve(location.substring(5)) + "/" : location;
			List<PropertySource<?>> here = new ArrayList<>();
			for (PropertySourceLoader loader : loaders) {
				for (String extension : loader.getFileExtensions()) {
					if (resources.getResource(base + "application-default." + extension).exists()) {
						return false;
					}
					Resource resource = resources.getResource(base + "application." + extension);
					if (resource.exists()) {
						List<PropertySource<?>> documents = load(loader, resource);
						if (documents.size() > 1 || mentionsConfigData(ConfigurationPropertySources.from(documents))) {
							return false;
						}
						here.addAll(documents);
					}
				}
			}
			found.addAll(0, here);
		}
		found.forEach(environment.getPropertySources()::addLast);
		return true;
	}

	private static boolean mentionsConfigData(Iterable<ConfigurationPropertySource> sources) {
		for (ConfigurationPropertySource source : sources) {
			if (source.containsDescendantOf(SPRING_CONFIG) != ConfigurationPropertyState.ABSENT
					|| source.containsDescendantOf(SPRING_PROFILES) != ConfigurationPropertyState.ABSENT) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasConfigSubdirectory(Path workingDirectory) {
		File[] entries = workingDirectory.resolve("config").toFile().listFiles(File::isDirectory);
		return entries != null && entries.length > 0;
	}

	private static List<PropertySource<?>> load(PropertySourceLoader loader, Resource resource) {
		try {
			return loader.load("Config resource '" + resource + "'", resource);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to load property source from '" + resource + "'", ex);
		}
	}

}
