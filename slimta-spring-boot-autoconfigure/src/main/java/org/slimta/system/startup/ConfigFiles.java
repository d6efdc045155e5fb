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
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.slimta.system.startup.SimpleYaml.UnsupportedYamlException;
import org.slimta.system.startup.StartupProperties.Source;

/**
 * The configuration files Spring Boot would read ({@code application.properties}, {@code .yml},
 * {@code .yaml}) in the groups of locations of {@code spring.config.location} and
 * {@code spring.config.additional-location}, with the profile-specific files of the active
 * profiles and the documents that activate on them, in Spring Boot's order of precedence.
 */
final class ConfigFiles {

	/** Spring Boot's default groups of locations, lowest precedence first. */
	static final List<String> DEFAULT_LOCATIONS = List.of("optional:classpath:/;optional:classpath:/config/",
			"optional:file:./;optional:file:./config/;optional:file:./config/*/");

	private static final List<String> EXTENSIONS = List.of("properties", "yml", "yaml");

	private final ClassLoader classLoader;

	private final Path workingDirectory;

	private final List<String> profiles;

	private final List<String> unreadable = new ArrayList<>();

	ConfigFiles(ClassLoader classLoader, Path workingDirectory, List<String> profiles) {
		this.classLoader = classLoader;
		this.workingDirectory = workingDirectory;
		this.profiles = profiles;
	}

	/**
	 * Read the files of groups of locations.
	 * @param groups the groups, each locations separated by {@code ;}, lowest precedence first
	 * @param names the files' names without extension, as in {@code spring.config.name}
	 * @return one source a document, highest precedence first
	 */
	List<Source> read(List<String> groups, List<String> names) {
		List<Source> sources = new ArrayList<>();
		// Highest precedence first: the last group, its profile-specific files before the others.
		for (int g = groups.size() - 1; g >= 0; g--) {
			List<Location> locations = locations(groups.get(g));
			for (int p = this.profiles.size() - 1; p >= 0; p--) {
				for (int l = locations.size() - 1; l >= 0; l--) {
					add(sources, locations.get(l), names, this.profiles.get(p));
				}
			}
			for (int l = locations.size() - 1; l >= 0; l--) {
				add(sources, locations.get(l), names, null);
			}
		}
		return sources;
	}

	/**
	 * The files and directories that could not be read so far, with the reason.
	 * @return the files
	 */
	List<String> unreadable() {
		return this.unreadable;
	}

	private List<Location> locations(String group) {
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
	private void add(List<Source> sources, Location location, List<String> names, @Nullable String profile) {
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
				Map<String, String> document = RelaxedNames.canonical(documents.get(d));
				if (isActive(document)) {
					sources.add(new Source(origin, document));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			this.unreadable.add(origin + " (" + ex.getMessage() + ")");
		}
	}

	private @Nullable String text(boolean classpath, String path) throws IOException {
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

	private record Location(boolean classpath, String path, boolean directory) {
	}

}
