package org.slimta.system.startup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
		sources.add(new Source("system properties", RelaxedNames.canonical(systemProperties)));
		Map<String, String> variables = new LinkedHashMap<>();
		for (Map.Entry<String, String> variable : environment.entrySet()) {
			variables.put(RelaxedNames.ofEnvironmentVariable(variable.getKey()), variable.getValue());
		}
		sources.add(new Source("environment variables", variables));
		// Where the files are and which profiles are active is read from outside the files only.
		StartupProperties outside = new StartupProperties(List.copyOf(sources), List.of());
		List<String> names = outside.list("spring.config.name", List.of("application"));
		List<String> groups = new ArrayList<>(outside.list("spring.config.location", ConfigFiles.DEFAULT_LOCATIONS));
		groups.addAll(outside.list("spring.config.additional-location", List.of()));
		ConfigFiles files = new ConfigFiles(classLoader, workingDirectory, outside.profiles());
		sources.addAll(files.read(groups, names));
		return new StartupProperties(List.copyOf(sources), List.copyOf(files.unreadable()));
	}

	/**
	 * The value of a property, from the source of highest precedence that has it.
	 * @param name the property's name in its canonical form, for example
	 * {@code slimta.system.signals.relaunch}
	 * @return the value, with its origin
	 */
	public Optional<Value> get(String name) {
		String key = RelaxedNames.canonical(name);
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
		String key = RelaxedNames.canonical(name);
		for (Source source : this.sources) {
			String value = source.properties().get(key);
			if (value != null && !value.isEmpty()) {
				return Optional.of(new ListValue(split(resolve(value, 0)), source.origin()));
			}
			List<String> elements = new ArrayList<>();
			for (int index = 0; source.properties().containsKey(key + "[" + index + "]"); index++) {
				elements.add(resolve(Objects.requireNonNull(source.properties().get(key + "[" + index + "]")), 0).trim());
			}
			// An empty value is an empty list, as Spring Boot binds it, and hides the sources below.
			if (!elements.isEmpty() || value != null) {
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
				String name = RelaxedNames.canonical(arg.substring(2, equals));
				String earlier = options.get(name);
				options.put(name, (earlier != null) ? earlier + "," + arg.substring(equals + 1) : arg.substring(equals + 1));
			}
		}
		return options;
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

	// The properties of one source, by canonical name, with the origin their values report.
	record Source(String origin, Map<String, String> properties) {
	}

}
