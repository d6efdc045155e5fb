package org.slimta.system.signal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.slimta.system.startup.StartupProperties;
import org.slimta.system.startup.StartupProperties.ListValue;
import org.slimta.system.startup.StartupProperties.Value;

/**
 * The settings that decide whether a JVM is relaunched for signalfd, whether read at its first
 * moment ({@link StartupProperties}) or bound by Spring Boot from its final configuration.
 *
 * @param enabled {@code slimta.system.enabled}
 * @param signalsEnabled {@code slimta.system.signals.enabled}
 * @param backend {@code slimta.system.signals.backend}
 * @param relaunch {@code slimta.system.signals.relaunch}
 * @param handled {@code slimta.system.signals.handled}
 * @param shutdownOn {@code slimta.system.signals.shutdown-on}
 * @param daemon {@code slimta.system.daemon.enabled}: a daemon's launcher is never relaunched
 */
public record RelaunchSettings(boolean enabled, boolean signalsEnabled, SignalBackend backend, boolean relaunch,
		Set<Signal> handled, Set<Signal> shutdownOn, boolean daemon) {

	private static final Set<Signal> DEFAULT_HANDLED = EnumSet.of(Signal.SIGHUP, Signal.SIGINT, Signal.SIGTERM);

	private static final Set<Signal> DEFAULT_SHUTDOWN_ON = EnumSet.of(Signal.SIGINT, Signal.SIGTERM);

	/**
	 * Read the settings.
	 * @param properties the properties read at the first moment
	 * @return the settings
	 * @throws IllegalArgumentException if a value is invalid (Spring Boot explains it later)
	 */
	public static RelaunchSettings read(StartupProperties properties) {
		RelaunchSettings settings = new RelaunchSettings(flag(properties, "slimta.system.enabled", true),
				flag(properties, "slimta.system.signals.enabled", true), backend(properties),
				flag(properties, "slimta.system.signals.relaunch", true),
				signals(properties, "slimta.system.signals.handled", DEFAULT_HANDLED),
				signals(properties, "slimta.system.signals.shutdown-on", DEFAULT_SHUTDOWN_ON),
				flag(properties, "slimta.system.daemon.enabled", false));
		// What Spring Boot's binding will refuse, refused here too: no relaunch for a start-up that fails.
		Signal.takeable(settings.handled());
		Signal.takeable(settings.shutdownOn());
		if (!settings.handled().containsAll(settings.shutdownOn())) {
			throw new IllegalArgumentException("slimta.system.signals.shutdown-on " + settings.shutdownOn()
					+ " is not part of slimta.system.signals.handled " + settings.handled());
		}
		return settings;
	}

	/**
	 * Whether these settings ask for a relaunch: signals taken, not through the JVM's handlers,
	 * in a process that is not a daemon's launcher.
	 * @return whether signalfd is wanted here
	 */
	public boolean wantsSignalfd() {
		return this.enabled && this.signalsEnabled && this.backend != SignalBackend.JDK && this.relaunch && !this.daemon;
	}

	/**
	 * Whether the application takes signals at all.
	 * @return whether signals are enabled
	 */
	public boolean takesSignals() {
		return this.enabled && this.signalsEnabled;
	}

	/**
	 * The properties whose values differ between two settings, as {@code name=value} of the
	 * other settings.
	 * @param other the other settings
	 * @return the names and values, in a stable order
	 */
	public Map<String, String> differences(RelaunchSettings other) {
		Map<String, String> differences = new LinkedHashMap<>();
		compare(differences, "slimta.system.enabled", other, RelaunchSettings::enabled);
		compare(differences, "slimta.system.signals.enabled", other, RelaunchSettings::signalsEnabled);
		compare(differences, "slimta.system.signals.backend", other, (settings) -> settings.backend().name().toLowerCase(Locale.ROOT));
		compare(differences, "slimta.system.signals.relaunch", other, RelaunchSettings::relaunch);
		compare(differences, "slimta.system.signals.handled", other, (settings) -> names(settings.handled()));
		compare(differences, "slimta.system.signals.shutdown-on", other, (settings) -> names(settings.shutdownOn()));
		compare(differences, "slimta.system.daemon.enabled", other, RelaunchSettings::daemon);
		return differences;
	}

	private void compare(Map<String, String> differences, String name, RelaunchSettings other,
			Function<RelaunchSettings, Object> value) {
		if (!Objects.equals(value.apply(this), value.apply(other))) {
			differences.put(name, String.valueOf(value.apply(other)));
		}
	}

	private static String names(Set<Signal> signals) {
		List<String> names = new ArrayList<>();
		Set<Signal> sorted = EnumSet.noneOf(Signal.class);
		sorted.addAll(signals);
		sorted.forEach((signal) -> names.add(signal.name().substring(3)));
		return String.join(",", names);
	}

	private static boolean flag(StartupProperties properties, String name, boolean fallback) {
		Optional<Value> value = properties.get(name);
		if (value.isEmpty()) {
			return fallback;
		}
		String text = value.get().value().trim().toLowerCase(Locale.ROOT);
		return switch (text) {
			case "true", "on", "yes", "1" -> true;
			case "false", "off", "no", "0" -> false;
			default -> throw new IllegalArgumentException(name + "=" + value.get().value() + " is not a boolean");
		};
	}

	private static SignalBackend backend(StartupProperties properties) {
		Optional<Value> value = properties.get("slimta.system.signals.backend");
		if (value.isEmpty()) {
			return SignalBackend.AUTO;
		}
		String text = value.get().value().trim().replace("-", "").replace("_", "");
		for (SignalBackend backend : SignalBackend.values()) {
			if (backend.name().equalsIgnoreCase(text)) {
				return backend;
			}
		}
		throw new IllegalArgumentException("slimta.system.signals.backend=" + value.get().value() + " is no backend");
	}

	private static Set<Signal> signals(StartupProperties properties, String name, Set<Signal> fallback) {
		Optional<ListValue> list = properties.getList(name);
		if (list.isEmpty()) {
			return fallback;
		}
		Set<Signal> signals = new LinkedHashSet<>();
		for (String element : list.get().elements()) {
			signals.add(Signal.parse(element));
		}
		return signals;
	}

}
