package org.slimta.system.startup;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Property names in the form Spring Boot's relaxed binding compares them, so that
 * {@code shutdown-on}, {@code shutdownOn}, {@code SHUTDOWNON} and
 * {@code SLIMTA_SYSTEM_SIGNALS_SHUTDOWN_ON} find the same property.
 */
final class RelaxedNames {

	private RelaxedNames() {
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

	// Of two names with the same canonical form, the first is kept.
	static Map<String, String> canonical(Map<String, String> properties) {
		Map<String, String> canonical = new LinkedHashMap<>();
		for (Map.Entry<String, String> property : properties.entrySet()) {
			canonical.putIfAbsent(canonical(property.getKey()), property.getValue());
		}
		return canonical;
	}

	// SLIMTA_SYSTEM_SIGNALS_HANDLED_0_ is slimta.system.signals.handled[0].
	static String ofEnvironmentVariable(String name) {
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

}
