package org.slimta.system.boot.internal.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;

/**
 * A configuration file that no longer parses as YAML, said in one line with the file, the line
 * and the column, where SnakeYAML's own message names only {@code 'reader'} and spans several
 * lines. SnakeYAML is Spring Boot's optional dependency for YAML: {@link #explain} touches it
 * only when the failure is one of its exceptions.
 */
final class YamlParseError {

	private static final String MARKED_YAML_EXCEPTION = "org.yaml.snakeyaml.error.MarkedYAMLException";

	private YamlParseError() {
	}

	/**
	 * Explain a failed refresh if a YAML file did not parse.
	 * @param failure why the refresh failed
	 * @param environment the application's environment, which still holds the files it read last
	 * @return for example {@code /etc/app/application.yml, line 2, column 13: while parsing a flow
	 * sequence, expected ',' or ']', but got <stream end> (line 3, column 1)}
	 */
	static Optional<String> explain(Throwable failure, @Nullable ConfigurableEnvironment environment) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (isMarkedYamlException(cause.getClass())) {
				return Optional.of(Snake.explain(cause, environment));
			}
		}
		return Optional.empty();
	}

	private static boolean isMarkedYamlException(@Nullable Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (candidate.getName().equals(MARKED_YAML_EXCEPTION)) {
				return true;
			}
		}
		return false;
	}

	// Loaded only when SnakeYAML is there: the failure is one of its exceptions.
	private static final class Snake {

		static String explain(Throwable failure, @Nullable ConfigurableEnvironment environment) {
			MarkedYAMLException yaml = (MarkedYAMLException) failure;
			Mark where = (yaml.getContextMark() != null) ? yaml.getContextMark() : yaml.getProblemMark();
			StringBuilder line = new StringBuilder();
			file(yaml, environment).ifPresent((file) -> line.append(file).append(", "));
			line.append(position(where)).append(": ");
			if (yaml.getContext() != null) {
				line.append(yaml.getContext()).append(", ");
			}
			line.append(yaml.getProblem());
			if (where != yaml.getProblemMark() && yaml.getProblemMark() != null) {
				line.append(" (").append(position(yaml.getProblemMark())).append(')');
			}
			return line.toString();
		}

		private static String position(@Nullable Mark mark) {
			return (mark != null) ? "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) : "";
		}

		// Of the YAML files the environment was read from, the one that now fails as the refresh did.
		private static Optional<Path> file(MarkedYAMLException failure, @Nullable ConfigurableEnvironment environment) {
			if (environment == null) {
				return Optional.empty();
			}
			for (Path file : yamlFiles(environment)) {
				try {
					for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
						// Every document parsed: not this file.
					}
				}
				catch (MarkedYAMLException ex) {
					if (same(ex.getProblemMark(), failure.getProblemMark()) && String.valueOf(ex.getProblem())
						.equals(String.valueOf(failure.getProblem()))) {
						return Optional.of(file);
					}
				}
				catch (IOException | RuntimeException ex) {
					// Unreadable now: not the file the refresh read.
				}
			}
			return Optional.empty();
		}

		private static boolean same(@Nullable Mark one, @Nullable Mark other) {
			return (one == null) ? other == null
					: other != null && one.getLine() == other.getLine() && one.getColumn() == other.getColumn();
		}

		private static Set<Path> yamlFiles(ConfigurableEnvironment environment) {
			Set<Path> files = new LinkedHashSet<>();
			for (PropertySource<?> source : environment.getPropertySources()) {
				if (source instanceof OriginTrackedMapPropertySource tracked) {
					for (String name : tracked.getPropertyNames()) {
						yamlFile(tracked.getOrigin(name)).ifPresent(files::add);
						break;
					}
				}
			}
			return files;
		}

		private static Optional<Path> yamlFile(@Nullable Origin origin) {
			for (Origin candidate = origin; candidate != null; candidate = candidate.getParent()) {
				if (candidate instanceof TextResourceOrigin text && text.getResource() != null) {
					Resource resource = text.getResource();
					String name = String.valueOf(resource.getFilename());
					if (resource.isFile() && (name.endsWith(".yml") || name.endsWith(".yaml"))) {
						try {
							return Optional.of(resource.getFile().toPath().toAbsolutePath());
						}
						catch (IOException ex) {
							return Optional.empty();
						}
					}
				}
			}
			return Optional.empty();
		}

	}

}
