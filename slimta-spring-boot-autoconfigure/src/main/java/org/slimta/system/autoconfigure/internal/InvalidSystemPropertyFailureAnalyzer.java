package org.slimta.system.autoconfigure.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.InvalidValueException;
import org.slimta.system.internal.ShortenedValue;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionFailedException;

/**
 * Explains a startup failure caused by a {@code slimta.system.*} property: an invalid value
 * (which property, the rejected value and where it was set, and the values that are accepted), or
 * a property that does not exist (where it was set, and the known property it most likely meant).
 * Ordered before Spring Boot's generic binding analyzers, which would only say "failed to convert"
 * or list the unknown names.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class InvalidSystemPropertyFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	// A backstop for messages that quote a value in a form of their own.
	private static final int PROBLEM_LENGTH = 500;

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		ConfigurationPropertyName name = cause.getName();
		if (!SlimtaSystemPropertyNames.PREFIX.equals(name) && !SlimtaSystemPropertyNames.PREFIX.isAncestorOf(name)) {
			return null;
		}
		UnboundConfigurationPropertiesException unknown = findCause(cause,
				UnboundConfigurationPropertiesException.class);
		return (unknown != null) ? analyzeUnknown(cause, unknown) : analyzeInvalid(cause);
	}

	private FailureAnalysis analyzeUnknown(BindException cause, UnboundConfigurationPropertiesException unknown) {
		List<ConfigurationProperty> properties = List.copyOf(unknown.getUnboundProperties());
		StringBuilder description = new StringBuilder(
				(properties.size() == 1) ? "Unknown property" : "Unknown properties");
		description.append(" under 'slimta.system', which would be ignored:%n".formatted());
		StringBuilder action = new StringBuilder();
		for (ConfigurationProperty property : properties) {
			description.append("%n    '%s': %s".formatted(property.getName(), valueAndOrigin(property)));
			ConfigurationPropertyName closest = SlimtaSystemPropertyNames.closest(property.getName());
			action.append((action.length() > 0) ? "%n".formatted() : "");
			if (closest != null) {
				action.append("Rename '%s' to '%s', or remove it.".formatted(property.getName(), closest));
			}
			else {
				action.append("Remove '%s'.".formatted(property.getName()));
			}
		}
		if (properties.stream().anyMatch((property) -> SlimtaSystemPropertyNames.closest(property.getName()) == null)) {
			action.append("%n%nThe properties under 'slimta.system' are: %s.".formatted(SlimtaSystemPropertyNames.known()
				.stream()
				.map((known) -> known.subName(SlimtaSystemPropertyNames.PREFIX.getNumberOfElements()).toString())
				.collect(Collectors.joining(", "))));
		}
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

	private FailureAnalysis analyzeInvalid(BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		String propertyName = (property != null) ? property.getName().toString() : cause.getName().toString();
		InvalidValueException invalid = findCause(cause, InvalidValueException.class);
		StringBuilder description = new StringBuilder("Invalid value for property '" + propertyName + "'");
		if (property != null) {
			description.append(": ").append(valueAndOrigin(property));
		}
		Object[] constants = enumConstants(cause);
		String kind = (findCause(cause, ConversionFailedException.class) != null)
				? kind(cause.getTarget().getType().toClass()) : null;
		String problem = (invalid == null && constants == null && kind != null && property != null)
				? "'" + property.getValue() + "' is not " + kind : problem(cause, invalid, constants);
		if (property != null) {
			problem = withShortenedValue(problem, String.valueOf(property.getValue()));
		}
		if (invalid != null) {
			problem = withShortenedValue(problem, invalid.getValue());
		}
		description.append(String.format("%n%n    ")).append(ShortenedValue.of(problem, PROBLEM_LENGTH));
		String accepted = (invalid == null && constants == null && kind != null) ? kind : accepted(invalid, constants);
		// A setter that refuses a list fails the binding of the object that holds it, not of the list.
		if (Collection.class.isAssignableFrom(cause.getTarget().getType().toClass())
				|| (property != null && SlimtaSystemPropertyNames.isList(property.getName()))) {
			accepted = "a comma-separated list of " + accepted;
		}
		String action = "Set '" + propertyName + "' to " + accepted + ", or remove it to use the default.";
		return new FailureAnalysis(description.toString(), action, cause);
	}

	private static String valueAndOrigin(ConfigurationProperty property) {
		String value = "\"" + ShortenedValue.of(String.valueOf(property.getValue())) + "\"";
		return (property.getOrigin() != null) ? value + " (from " + property.getOrigin() + ")" : value;
	}

	private static String withShortenedValue(String text, String value) {
		return (value != null && value.length() > ShortenedValue.LENGTH) ? text.replace(value, ShortenedValue.of(value))
				: text;
	}

	private String problem(BindException cause, @Nullable InvalidValueException invalid,
			Object @Nullable [] constants) {
		if (invalid != null) {
			return invalid.getProblem();
		}
		if (constants != null) {
			return "not one of the accepted values";
		}
		Throwable root = cause;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getName();
	}

	// The values Spring Boot's converters accept, for a value that did not even convert.
	private static @Nullable String kind(Class<?> type) {
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "a whole number";
		}
		if (type == Duration.class) {
			return "a duration such as 500ms, 30s or 2m";
		}
		return null;
	}

	private Object @Nullable [] enumConstants(BindException cause) {
		ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
		return (conversion != null) ? conversion.getTargetType().getType().getEnumConstants() : null;
	}

	private String accepted(@Nullable InvalidValueException invalid, Object @Nullable [] constants) {
		if (invalid != null) {
			return invalid.getAccepted();
		}
		if (constants != null) {
			return "one of " + Arrays.stream(constants)
				.map((constant) -> "'" + ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-') + "'")
				.collect(Collectors.joining(", "));
		}
		return "a valid value (see the description of the property in docs/properties.md)";
	}

}
