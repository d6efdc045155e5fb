package org.slimta.system.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.slimta.system.startup.SimpleYaml.UnsupportedYamlException;

/**
 * Properties as Spring Boot will read them, read before it starts and without its configuration
 * machinery, so that a decision taken at the first moment of a JVM (whether to relaunch it for
 * signalfd) can rest on them: the command line ({@code --name=value}), system properties,
 * environment variables, and the configuration files ({@code application.properties},
 * {@code .yml}, {@code .yaml}) in Spring Boot's default locations or in
 * {@code spring.config.location} and {@code spring.config.additional-location}, with the
 * profile-specific files of the profiles named in the first three. Names are relaxed as Spring
 * Boot relaxes them ({@code shutdown-on}, {@code shutdownOn}, {@code SHUTDOWNON}).
 * <p>
 * What this does not see, Spring Boot reads later: {@code spring.config.import}, profiles
 * activated from a file, {@code SPRING_APPLICATION_JSON}, property sources added in code.
 */
public final class StartupProperties {

	private static final List<String> DEFAULT_GROUPS = List.of("optional:classpath:/;optional:classpath:/config/",
			"optional:file:./;optional:file:./config/;optional:file:./config/*/");

	private static final List<String> EXTENSIONS = List.of("properties", "yml", "yaml");

	private final List<Source> sources;

	private final List<String> unreadable;

	private StartupProperties(List<Source> sources, List<String> unreadable) {
		this.sources = sources;
		this.unreadable = unreadable;
	}

	/**
	 * Read the properties of this process.
	 * @param args the application's arguments
	 * @param classLoader where the application's class path resources are
	 * @return the properties
	 */
	public static StartupProperties read(List<String> args, ClassLoader classLoader) {
		Map<String, String> systemProperties = new LinkedHashMap<>();
		for (String name : System.getProperties().stringPropertyNames()) {
			systemProperties.put(name, System.getProperty(name));
		}
		return read(args, systemProperties, System.getenv(), classLoader, Path.of(""));
	}

	/**
	 * Read properties.
	 * @param args the application's arguments
	 * @param systemProperties the system properties
	 * @param environment the environment variables
	 * @param classLoader where the application's class path resources are
	 * @param workingDirectory where {@code file:./} locations are
	 * @return the properties
	 */
	static StartupProperties read(List<String> args, Map<String, String> systemProperties,
			Map<String, String> environment, ClassLoader classLoader, Path workingDirectory) {
		List<Source> sources = new ArrayList<>();
		sources.add(new Source("command line", arguments(args)));
		sources.add(new Source("system properties", canonical(systemProperties)));
		Map<String, String> variables = new LinkedHashMap<>();
		for (Map.Entry<String, String> variable : environment.entrySet()) {
			variables.put(environmentName(variable.getKey()), variable.getValue());
		}
		sources.add(new Source("environment variables", variables));
		StartupProperties outside = new StartupProperties(List.copyOf(sources), List.of());
		List<String> profiles = outside.profiles();
		List<String> names = outside.list("spring.config.name", List.of("application"));
		List<String> groups = new ArrayList<>(outside.list("spring.config.location", DEFAULT_GROUPS));
		groups.addAll(outside.list("spring.config.additional-location", List.of()));
		List<String> unreadable = new ArrayList<>();
		ConfigFiles files = new ConfigFiles(classLoader, workingDirectory, profiles, unreadable);
		// Highest precedence first: the last group, its profile-specific files before the others.
		for (int g = groups.size() - 1; g >= 0; g--) {
			List<Location> locations = files.locations(groups.get(g));
			for (int p = profiles.size() - 1; p >= 0; p--) {
				for (int l = locations.size() - 1; l >= 0; l--) {
					files.add(sources, locations.get(l), names, profiles.get(p));
				}
			}
			for (int l = locations.size() - 1; l >= 0; l--) {
				files.add(sources, locations.get(l), names, null);
			}
		}
		return new StartupProperties(List.copyOf(sources), List.copyOf(unreadable));
	}

	/**
	 * The value of a property, from the source of highest precedence that has it.
	 * @param name the property's name in its canonical form, for example
	 * {@code slimta.system.signals.relaunch}
	 * @return the value, with its origin
	 */
	public Optional<Value> get(String name) {
		String key = canonical(name);
		for (Source source : this.sources) {
			String value = source.properties().get(key);
			if (value != null && !value.isEmpty()) {
				return Optional.of(new Value(resolve(value, 0), source.origin()));
			}
		}
		return Optional.empty();
	}

	/**
	 * The value of a list property, from the source of highest precedence that has it, written
	 * either as a comma-separated value or as indexed elements ({@code name[0]}, YAML sequences).
	 * @param name the property's name in its canonical form
	 * @return the elements, with their origin
	 */
	public Optional<ListValue> getList(String name) {
		String key = canonical(name);
		for (Source source : this.sources) {
			String value = source.properties().get(key);
			if (value != null && !value.isEmpty()) {
				return Optional.of(new ListValue(split(resolve(value, 0)), source.origin()));
			}
			List<String> elements = new ArrayList<>();
			for (int index = 0; source.properties().containsKey(key + "[" + index + "]"); index++) {
				elements.add(resolve(source.properties().get(key + "[" + index + "]"), 0).trim());
			}
			if (!elements.isEmpty()) {
				return Optional.of(new ListValue(elements, source.origin()));
			}
		}
		return Optional.empty();
	}

	/**
	 * The configuration files that could not be read (and why): what they set is unknown here.
	 * @return the files, with the reason
	 */
	public List<String> unreadable() {
		return this.unreadable;
	}

	/**
	 * The active profiles, from the command line, system properties or environment variables; the
	 * default profiles when none is active.
	 * @return the profiles, in the order given
	 */
	public List<String> profiles() {
		List<String> active = list("spring.profiles.active", List.of());
		return active.isEmpty() ? list("spring.profiles.default", List.of("default")) : active;
	}

	// A comma-separated value of the command line, system properties or environment variables.
	private List<String> list(String name, List<String> fallback) {
		Optional<Value> value = get(name);
		return value.isPresent() ? split(value.get().value()) : fallback;
	}

	// ${name} and ${name:default}, as Spring Boot resolves them against the same sources.
	private String resolve(String value, int depth) {
		int start = value.indexOf("${");
		if (start < 0 || depth > 8) {
			return value;
		}
		int end = value.indexOf('}', start);
		if (end < 0) {
			return value;
		}
		String placeholder = value.substring(start + 2, end);
		int colon = placeholder.indexOf(':');
		String name = (colon >= 0) ? placeholder.substring(0, colon) : placeholder;
		Optional<Value> found = get(name);
		String replacement = found.isPresent() ? found.get().value()
				: (colon >= 0) ? placeholder.substring(colon + 1) : value.substring(start, end + 1);
		if (replacement.equals(value.substring(start, end + 1))) {
			throw new IllegalArgumentException("the placeholder " + replacement + " cannot be resolved");
		}
		return resolve(value.substring(0, start) + replacement + value.substring(end + 1), depth + 1);
	}

	private static Map<String, String> arguments(List<String> args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 2) {
				// Spring Boot joins the values of an option given twice.
				String name = canonical(arg.substring(2, equals));
				String earlier = options.get(name);
				options.put(name, (earlier != null) ? earlier + "," + arg.substring(equals + 1) : arg.substring(equals + 1));
			}
		}
		return options;
	}

	private static Map<String, String> canonical(Map<String, String> properties) {
		Map<String, String> canonical = new LinkedHashMap<>();
		for (Map.Entry<String, String> property : properties.entrySet()) {
			canonical.putIfAbsent(canonical(property.getKey()), property.getValue());
		}
		return canonical;
	}

	/**
	 * A property name as Spring Boot's relaxed binding compares names: lower case, without dashes
	 * or underscores inside its elements.
	 * @param name a name from a properties or YAML file, the command line or a system property
	 * @return the canonical form
	 */
	static String canonical(String name) {
		StringBuilder canonical = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c != '-' && c != '_') {
				canonical.append(Character.toLowerCase(c));
			}
		}
		return canonical.toString();
	}

	// SLIMTA_SYSTEM_SIGNALS_HANDLED_0_ is slimta.system.signals.handled[0].
	private static String environmentName(String name) {
		StringBuilder canonical = new StringBuilder(name.length());
		for (String element : name.toLowerCase(Locale.ROOT).split("_")) {
			if (element.isEmpty()) {
				continue;
			}
			if (isNumber(element) && canonical.length() > 0) {
				canonical.append('[').append(element).append(']');
			}
			else {
				canonical.append((canonical.length() > 0) ? "." : "").append(element);
			}
		}
		return canonical.toString();
	}

	private static boolean isNumber(String element) {
		for (int i = 0; i < element.length(); i++) {
			if (!Character.isDigit(element.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static List<String> split(String value) {
		List<String> elements = new ArrayList<>();
		for (String element : value.split(",")) {
			if (!element.isBlank()) {
				elements.add(element.trim());
			}
		}
		return elements;
	}

	/**
	 * A property's value.
	 *
	 * @param value the value, placeholders resolved
	 * @param origin where it was found, for example {@code class path resource [application.yml]}
	 */
	public record Value(String value, String origin) {
	}

	/**
	 * A list property's value.
	 *
	 * @param elements the elements, placeholders resolved
	 * @param origin where it was found
	 */
	public record ListValue(List<String> elements, String origin) {
	}

	private record Source(String origin, Map<String, String> properties) {
	}

	private record Location(boolean classpath, String path, boolean directory) {
	}

	// The configuration files of the locations, read into sources.
	private static final class ConfigFiles {

		private final ClassLoader classLoader;

		private final Path workingDirectory;

		private final List<String> profiles;

		private final List<String> unreadable;

		ConfigFiles(ClassLoader classLoader, Path workingDirectory, List<String> profiles, List<String> unreadable) {
			this.classLoader = classLoader;
			this.workingDirectory = workingDirectory;
			this.profiles = profiles;
			this.unreadable = unreadable;
		}

		List<Location> locations(String group) {
			List<Location> locations = new ArrayList<>();
			for (String entry : group.split(";")) {
				String location = entry.trim();
				if (location.startsWith("optional:")) {
					location = location.substring("optional:".length());
				}
				if (location.isEmpty()) {
					continue;
				}
				boolean classpath = location.startsWith("classpath:");
				String path = classpath ? location.substring("classpath:".length())
						: location.startsWith("file:") ? location.substring("file:".length()) : location;
				boolean directory = path.endsWith("/");
				if (!classpath && path.endsWith("/*/")) {
					locations.addAll(subdirectories(path.substring(0, path.length() - 2)));
				}
				else {
					locations.add(new Location(classpath, path, directory));
				}
			}
			return locations;
		}

		private List<Location> subdirectories(String parent) {
			List<Location> locations = new ArrayList<>();
			Path directory = this.workingDirectory.resolve(parent);
			if (!Files.isDirectory(directory)) {
				return locations;
			}
			try (DirectoryStream<Path> children = Files.newDirectoryStream(directory,
					Files::isDirectory)) {
				List<String> names = new ArrayList<>();
				children.forEach((child) -> names.add(child.getFileName().toString()));
				Collections.sort(names);
				for (String name : names) {
					String path = parent + name + "/";
					locations.add(new Location(false, path, true));
				}
			}
			catch (IOException ex) {
				this.unreadable.add(directory + " (" + ex.getMessage() + ")");
			}
			return locations;
		}

		// The files of one location for one profile (or none), highest precedence first.
		void add(List<Source> sources, Location location, List<String> names, String profile) {
			if (!location.directory()) {
				String path = location.path();
				if (profile != null) {
					int dot = path.lastIndexOf('.');
					if (dot <= path.lastIndexOf('/')) {
						return;
					}
					path = path.substring(0, dot) + "-" + profile + path.substring(dot);
				}
				read(sources, location, path);
				return;
			}
			for (int n = names.size() - 1; n >= 0; n--) {
				for (String extension : EXTENSIONS) {
					String name = names.get(n) + ((profile != null) ? "-" + profile : "") + "." + extension;
					read(sources, location, location.path() + name);
				}
			}
		}

		private void read(List<Source> sources, Location location, String path) {
			String text;
			String origin = location.classpath() ? "class path resource [" + path.replaceFirst("^/+", "") + "]"
					: "file [" + path + "]";
			try {
				text = text(location.classpath(), path);
			}
			catch (IOException ex) {
				this.unreadable.add(origin + " (" + ex.getMessage() + ")");
				return;
			}
			if (text == null) {
				return;
			}
			try {
				List<Map<String, String>> documents = path.endsWith(".properties") ? properties(text) : yaml(text);
				// A later document overrides an earlier one of the same file.
				for (int d = documents.size() - 1; d >= 0; d--) {
					Map<String, String> document = canonical(documents.get(d));
					if (isActive(document)) {
						sources.add(new Source(origin, document));
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				this.unreadable.add(origin + " (" + ex.getMessage() + ")");
			}
		}

		private String text(boolean classpath, String path) throws IOException {
			if (classpath) {
				URL resource = this.classLoader.getResource(path.startsWith("/") ? path.substring(1) : path);
				if (resource == null) {
					return null;
				}
				try (InputStream in = resource.openStream()) {
					return new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
			Path file = this.workingDirectory.resolve(path);
			if (!Files.isRegularFile(file)) {
				return null;
			}
			return Files.readString(file, StandardCharsets.UTF_8);
		}

		private boolean isActive(Map<String, String> document) {
			if (document.containsKey("spring.config.activate.oncloudplatform")) {
				return false;
			}
			String onProfile = document.get("spring.config.activate.onprofile");
			if (onProfile == null) {
				String first = document.get("spring.config.activate.onprofile[0]");
				if (first == null) {
					return true;
				}
				List<String> expressions = new ArrayList<>();
				for (int i = 0; document.containsKey("spring.config.activate.onprofile[" + i + "]"); i++) {
					expressions.add(document.get("spring.config.activate.onprofile[" + i + "]"));
				}
				onProfile = String.join(",", expressions);
			}
			for (String expression : onProfile.split(",")) {
				if (new ProfileExpression(expression, this.profiles).matches()) {
					return true;
				}
			}
			return false;
		}

		private static List<Map<String, String>> properties(String text) throws IOException {
			List<Map<String, String>> documents = new ArrayList<>();
			for (String document : text.split("(?m)^[#!]---\\s*$")) {
				Properties properties = new Properties();
				properties.load(new StringReader(document));
				Map<String, String> map = new LinkedHashMap<>();
				for (String name : properties.stringPropertyNames()) {
					map.put(name, properties.getProperty(name));
				}
				documents.add(map);
			}
			return documents;
		}

		private static List<Map<String, String>> yaml(String text) {
			try {
				return SimpleYaml.read(text);
			}
			catch (UnsupportedYamlException ex) {
				return FullYaml.read(text);
			}
		}

	}

}
