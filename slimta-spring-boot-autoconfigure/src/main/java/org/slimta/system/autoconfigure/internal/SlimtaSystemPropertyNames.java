package org.slimta.system.autoconfigure.internal;

import java.beans.PropertyDescriptor;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;

/**
 * The names of every {@code slimta.system.*} property, read from {@link SlimtaSystemProperties}
 * itself so that they cannot drift from what binds; and the known name closest to a misspelt one.
 */
final class SlimtaSystemPropertyNames {

	static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("slimta.system");

	// A hash map: ConfigurationPropertyName's equals and hashCode match relaxed names.
	private static final Map<ConfigurationPropertyName, Class<?>> TYPES = collect(PREFIX, SlimtaSystemProperties.class,
			new HashMap<>());

	private static final List<ConfigurationPropertyName> KNOWN = TYPES.keySet()
		.stream()
		.sorted(Comparator.comparing(ConfigurationPropertyName::toString))
		.toList();

	private SlimtaSystemPropertyNames() {
	}

	/**
	 * Every property, in dashed form ({@code slimta.system.signals.shutdown-on}).
	 * @return the names, sorted
	 */
	static List<ConfigurationPropertyName> known() {
		return KNOWN;
	}

	/**
	 * Whether a property takes a comma-separated list.
	 * @param name the property, in any form that binds to it
	 * @return whether it is a list; {@code false} for an unknown name
	 */
	static boolean isList(ConfigurationPropertyName name) {
		Class<?> type = TYPES.get(name);
		return type != null && Collection.class.isAssignableFrom(type);
	}

	/**
	 * Whether a name is one of the properties once its separators are ignored, as an environment
	 * variable's name is ({@code SLIMTA_SYSTEM_SIGNALS_SHUTDOWN_ON}).
	 * @param name the name
	 * @return whether it spells a known property
	 */
	static boolean isKnownIgnoringSeparators(ConfigurationPropertyName name) {
		String letters = letters(name).replace(".", "");
		return KNOWN.stream().anyMatch((known) -> letters(known).replace(".", "").equals(letters));
	}

	/**
	 * The known property closest to an unknown name, if one is close enough to be a misspelling of
	 * it: one edit (a character inserted, deleted, replaced, or two swapped) per five characters
	 * below {@code slimta.system}, at least one and at most three.
	 * @param unknown the unknown name
	 * @return the closest known name, or {@code null}
	 */
	static @Nullable ConfigurationPropertyName closest(ConfigurationPropertyName unknown) {
		String wanted = letters(unknown);
		int limit = Math.min(3, Math.max(1, (wanted.length() - letters(PREFIX).length() - 1) / 5));
		ConfigurationPropertyName closest = null;
		int best = Integer.MAX_VALUE;
		for (ConfigurationPropertyName known : KNOWN) {
			int distance = distance(wanted, letters(known));
			if (distance < best) {
				best = distance;
				closest = known;
			}
		}
		return (best <= limit) ? closest : null;
	}

	private static Map<ConfigurationPropertyName, Class<?>> collect(ConfigurationPropertyName prefix, Class<?> type,
			Map<ConfigurationPropertyName, Class<?>> types) {
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
			ConfigurationPropertyName name = prefix.append(DataObjectPropertyName.toDashedForm(property.getName()));
			if (property.getWriteMethod() != null) {
				types.put(name, property.getPropertyType());
			}
			else if (property.getPropertyType().getPackage() == SlimtaSystemProperties.class.getPackage()) {
				collect(name, property.getPropertyType(), types);
			}
		}
		return types;
	}

	// Lower case, without dashes, elements joined by dots: how relaxed binding compares names.
	private static String letters(ConfigurationPropertyName name) {
		StringBuilder letters = new StringBuilder();
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			letters.append((i > 0) ? "." : "").append(name.getElement(i, Form.UNIFORM).toLowerCase(Locale.ROOT));
		}
		return letters.toString();
	}

	// Edits from one name to the other: a character inserted, deleted, replaced, or two swapped.
	private static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			for (int j = 0; j <= b.length(); j++) {
				if (i == 0 || j == 0) {
					d[i][j] = i + j;
					continue;
				}
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
