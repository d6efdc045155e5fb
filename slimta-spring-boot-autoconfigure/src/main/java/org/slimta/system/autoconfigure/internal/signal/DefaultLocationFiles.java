package org.slimta.system.autoconfigure.internal.signal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.StringUtils;

/**
 * The configuration files of an application that leaves Spring Boot's config data at its
 * defaults, loaded as {@link ConfigDataEnvironmentPostProcessor} loads them but without its
 * machinery, whose classes a JVM about to be relaunched would load for nothing: the files named
 * {@code application} and {@code application-<profile>} with an extension of Spring Boot's
 * {@link PropertySourceLoader}s in its default search locations ({@code classpath:/},
 * {@code classpath:/config/}, {@code file:./}, {@code file:./config/}), read by those loaders and
 * put in config data's order: every profile-specific file over every other one, a later
 * profile's over an earlier one's, a later location's over an earlier one's, and in one location
 * {@code .properties} over {@code .yml}. The profiles are those of {@code spring.profiles.active}
 * in the command line, system properties or environment, else {@code default}.
 * <p>
 * It loads nothing and leaves the work to config data where anything more could count: any
 * other {@code spring.config.*} or {@code spring.profiles.*} property in the environment, any in
 * a file, a file of more than one document, or a directory under {@code ./config/} (which
 * Spring Boot searches too).
 */
final class DefaultLocationFiles {

	// ConfigDataEnvironment's default search locations, in the order in which each overrides the one before.
	private static final List<String> LOCATIONS = List.of("classpath:/", "classpath:/config/", "file:", "file:config/");

	private static final ConfigurationPropertyName SPRING_CONFIG = ConfigurationPropertyName.of("spring.config");

	private static final ConfigurationPropertyName SPRING_PROFILES = ConfigurationPropertyName.of("spring.profiles");

	private static final ConfigurationPropertyName ACTIVE_PROFILES = ConfigurationPropertyName.of("spring.profiles.active");

	// The profile Spring Boot activates where none is (spring.profiles.default, which is never set here).
	private static final String DEFAULT_PROFILE = "default";

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
		List<String> profiles = activeProfiles(environment);
		if (profiles == null || hasConfigSubdirectory(workingDirectory)) {
			return false;
		}
		List<PropertySourceLoader> loaders = SpringFactoriesLoader.loadFactories(PropertySourceLoader.class, classLoader);
		DefaultResourceLoader resources = new DefaultResourceLoader(classLoader);
		// Highest precedence first: every profile-specific file over every other one, a later profile's over an earlier one's.
		List<PropertySource<?>> plain = new ArrayList<>();
		List<PropertySource<?>> specific = new ArrayList<>();
		for (String location : LOCATIONS) {
			if (!load(resources, loaders, base(location, workingDirectory) + "application", plain)) {
				return false;
			}
		}
		for (String profile : profiles.isEmpty() ? List.of(DEFAULT_PROFILE) : profiles) {
			for (String location : LOCATIONS) {
				if (!load(resources, loaders, base(location, workingDirectory) + "application-" + profile, specific)) {
					return false;
				}
			}
		}
		specific.forEach(environment.getPropertySources()::addLast);
		plain.forEach(environment.getPropertySources()::addLast);
		return true;
	}

	private static String base(String location, Path workingDirectory) {
		return location.startsWith("file:") ? "file:" + workingDirectory.resolve(location.substring(5)) + "/" : location;
	}

	// The profiles of spring.profiles.active, or null where anything else of spring.profiles or spring.config is set.
	private static @Nullable List<String> activeProfiles(ConfigurableEnvironment environment) {
		Object active = null;
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.containsDescendantOf(SPRING_CONFIG) != ConfigurationPropertyState.ABSENT) {
				return null;
			}
			if (source.containsDescendantOf(SPRING_PROFILES) == ConfigurationPropertyState.ABSENT) {
				continue;
			}
			if (!(source instanceof IterableConfigurationPropertySource names)
					|| names.stream().anyMatch((name) -> SPRING_PROFILES.isAncestorOf(name) && !name.equals(ACTIVE_PROFILES))) {
				return null;
			}
			ConfigurationProperty property = source.getConfigurationProperty(ACTIVE_PROFILES);
			if (active == null && property != null) {
				active = property.getValue();
			}
		}
		Set<String> profiles = new LinkedHashSet<>();
		for (String profile : StringUtils.commaDelimitedListToStringArray((active != null) ? active.toString() : "")) {
			if (!profile.isBlank()) {
				profiles.add(profile.trim());
			}
		}
		return new ArrayList<>(profiles);
	}

	// The files of one name, in the loaders' order (.properties over .yml), put over those loaded before; false where config data must read them.
	private static boolean load(DefaultResourceLoader resources, List<PropertySourceLoader> loaders, String name,
			List<PropertySource<?>> loaded) {
		List<PropertySource<?>> these = new ArrayList<>();
		for (PropertySourceLoader loader : loaders) {
			for (String extension : loader.getFileExtensions()) {
				Resource resource = resources.getResource(name + "." + extension);
				if (resource.exists()) {
					List<PropertySource<?>> documents = load(loader, resource);
					if (documents.size() > 1 || mentionsConfigData(ConfigurationPropertySources.from(documents))) {
						return false;
					}
					these.addAll(documents);
				}
			}
		}
		loaded.addAll(0, these);
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
