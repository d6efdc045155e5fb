package org.slimta.system.internal.signal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalBackend;

/**
 * The settings that decide whether a JVM is relaunched for signalfd, as Spring Boot binds them:
 * at the first moment of the JVM, or from its final configuration. A plain value: where they are
 * read, and their defaults, are the Spring wiring's.
 *
 * @param enabled {@code slimta.system.enabled}
 * @param signalsEnabled {@code slimta.system.signals.enabled}
 * @param backend {@code slimta.system.signals.backend}
 * @param relaunch {@code slimta.system.signals.relaunch}
 * @param handled {@code slimta.system.signals.handled}
 * @param shutdownOn {@code slimta.system.signals.shutdown-on}
 * @param daemon {@code slimta.system.daemon.enabled}: a daemon's launcher is never relaunched
 * @param socketActivation {@code slimta.system.sockets.activation}: the relaunch hands the sockets
 * systemd passed over to the new JVM, or leaves {@code LISTEN_*} as they are
 */
public record RelaunchSettings(boolean enabled, boolean signalsEnabled, SignalBackend backend, boolean relaunch,
		Set<Signal> handled, Set<Signal> shutdownOn, boolean daemon, boolean socketActivation) {

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
		compare(differences, "slimta.system.sockets.activation", other, RelaunchSettings::socketActivation);
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

}
