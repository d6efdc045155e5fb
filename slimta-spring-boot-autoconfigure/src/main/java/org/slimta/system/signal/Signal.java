package org.slimta.system.signal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.slimta.system.internal.InvalidValueException;

/**
 * The signals an application can take over, with their Linux numbers.
 *
 * @since 0.1.0
 */
public enum Signal {

	/** Hang-up: by convention, reload the configuration and reopen log files. */
	SIGHUP(1),

	/** Interrupt from the terminal (Ctrl-C). */
	SIGINT(2),

	/** Quit from the terminal (Ctrl-\); the JVM answers it with a thread dump. */
	SIGQUIT(3),

	/** First user-defined signal. */
	SIGUSR1(10),

	/** Second user-defined signal. */
	SIGUSR2(12),

	/** Termination request, as sent by {@code kill}, systemd and container runtimes. */
	SIGTERM(15);

	// SIGUSR2 parses, for events, but no application can take it: HotSpot keeps it.
	private static final String ACCEPTED = Arrays.stream(values())
		.filter((signal) -> signal != SIGUSR2)
		.map(Signal::name)
		.collect(Collectors.joining(", ")) + " (with or without the SIG prefix, in any case)";

	private final int number;

	Signal(int number) {
		this.number = number;
	}

	/**
	 * The signal's number on Linux.
	 * @return the number, for example 15 for {@code SIGTERM}
	 */
	public int number() {
		return this.number;
	}

	/**
	 * The exit status of a process that ends because of this signal: 128 + its number.
	 * @return the exit status, for example 143 for {@code SIGTERM}
	 */
	public int exitStatus() {
		return 128 + this.number;
	}

	/**
	 * Signals an application may take: all but SIGUSR2, which HotSpot keeps for itself.
	 * @param signals the signals, as configured
	 * @return the same signals
	 * @throws InvalidValueException if SIGUSR2 is among them, with the reason
	 */
	public static Set<Signal> takeable(Set<Signal> signals) {
		if (signals.contains(SIGUSR2)) {
			throw new InvalidValueException(SIGUSR2.name(),
					"SIGUSR2 is HotSpot's own signal (it suspends and resumes threads with it): the JVM unblocks it"
							+ " in its threads, so signalfd never sees it, and sun.misc.Signal cannot take it",
					"SIGHUP, SIGINT, SIGQUIT, SIGUSR1 or SIGTERM without SIGUSR2 (for a signal of the"
							+ " application's own, use SIGUSR1)");
		}
		return signals;
	}

	/**
	 * Parse a signal name as users write it: {@code SIGHUP}, {@code HUP}, {@code hup} and
	 * {@code SigHup} all name {@link #SIGHUP}. Names are ASCII: {@code ınt} (dotless i) is no
	 * {@code INT}, although upper-casing would make it one.
	 * @param name the name
	 * @return the signal
	 * @throws InvalidValueException if no signal has that name
	 */
	public static Signal parse(String name) {
		int nonAscii = -1;
		for (int i = 0; i < name.length() && nonAscii == -1; i += Character.charCount(name.codePointAt(i))) {
			if (name.codePointAt(i) > 0x7F) {
				nonAscii = name.codePointAt(i);
			}
		}
		if (nonAscii != -1) {
			throw new InvalidValueException(name, "unknown signal '" + name + "': signal names are ASCII, and '"
					+ Character.toString(nonAscii) + "' (U+" + String.format("%04X", nonAscii) + ") is not", ACCEPTED);
		}
		String normalized = name.trim().toUpperCase(Locale.ROOT);
		String withPrefix = normalized.startsWith("SIG") ? normalized : "SIG" + normalized;
		for (Signal signal : values()) {
			if (signal.name().equals(withPrefix)) {
				return signal;
			}
		}
		throw new InvalidValueException(name, "unknown signal '" + name + "'", ACCEPTED);
	}

	/**
	 * The signal with a Linux number.
	 * @param number the number
	 * @return the signal
	 * @throws IllegalArgumentException if the number is not one of these signals
	 */
	public static Signal ofNumber(int number) {
		for (Signal signal : values()) {
			if (signal.number == number) {
				return signal;
			}
		}
		throw new IllegalArgumentException("no signal with number " + number);
	}

}
