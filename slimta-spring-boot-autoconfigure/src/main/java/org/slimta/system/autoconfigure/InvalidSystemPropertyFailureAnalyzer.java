package org.slimta.system.autoconfigure;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

import org.slimta.system.InvalidValueException;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionFailedException;

/**
 * Explains a startup failure caused by an invalid {@code slimta.system.*} property: which
 * property, the rejected value and where it was set, and the values that are accepted. Ordered
 * before Spring Boot's generic binding analyzer, which would only say "failed to convert".
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidSystemPropertyFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final String PREFIX = "slimta.system.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String name = cause.getName().toString();
		if (!name.startsWith(PREFIX)) {
			return null;
		}
		ConfigurationProperty property = cause.getProperty();
		String propertyName = (property != null) ? property.getName().toString() : name;
		InvalidValueException invalid = findCause(cause, InvalidValueException.class);
		StringBuilder description = new StringBuilder("Invalid value for property '" + propertyName + "'");
		if (property != null) {
			description.append(": \"").append(property.getValue()).append("\"");
			if (property.getOrigin() != null) {
				description.append(" (from ").append(property.getOrigin()).append(")");
			}
		}
		Object[] constants = enumConstants(cause);
		description.append(String.format("%n%n    ")).append(problem(cause, invalid, constants));
		String accepted = accepted(invalid, constants);
		if (Collection.class.isAssignableFrom(cause.getTarget().getType().toClass())) {
			accepted = "a comma-separated list of " + accepted;
		}
		String action = "Set '" + propertyName + "' to " + accepted + ", or remove it to use the default.";
		return new FailureAnalysis(description.toString(), action, cause);
	}

	private String problem(BindException cause, InvalidValueException invalid, Object[] constants) {
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

	private Object[] enumConstants(BindException cause) {
		ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
		return (conversion != null) ? conversion.getTargetType().getType().getEnumConstants() : null;
	}

	private String accepted(InvalidValueException invalid, Object[] constants) {
		if (invalid != null) {
			return invalid.getAccepted();
		}
		if (constants != null) {
			return "one of " + Arrays.stream(constants)
				.map((constant) -> "'" + ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-') + "'")
				.collect(Collectors.joining(", "));
		}
		return "a valid value (see the description of the property in README.md)";
	}

}
