package org.slimta.system.internal.signal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.daemon.JvmCommandLine;
import org.slimta.system.signal.Signal;

/**
 * Whether this JVM can read its signals from a {@code signalfd}, what a JVM prepared for it
 * carries, and the decision to re-execute in place (same pid) to make it so.
 * <p>
 * {@code signalfd} sees only the signals that every thread blocks, and HotSpot unblocks HUP, INT
 * and TERM in all its threads unless it runs with {@code -Xrs}. So a plain JVM blocks the
 * signals in its main thread, marks every descriptor above 2 close-on-exec and executes itself
 * again with {@code -Xrs}: the new JVM's threads all inherit the mask.
 */
public final class SignalfdPreparation {

	/** The system property the re-executed JVM carries, so it never re-executes again. */
	public static final String MARKER_PROPERTY = "org.slimta.system.prepared";

	private static final String MARKER_VALUE = "signalfd";

	// The signals the prepared JVM blocks and reads, and those that end it before the application takes them.
	private static final String READ_PROPERTY = MARKER_PROPERTY + ".read";

	private static final String SHUTDOWN_PROPERTY = MARKER_PROPERTY + ".shutdown-on";

	// The signals the JVM's own handlers end the JVM on, and -Xrs leaves to the kernel's default.
	private static final Set<Signal> JVM_SHUTDOWN = Set.copyOf(EnumSet.of(Signal.SIGHUP, Signal.SIGINT, Signal.SIGTERM));

	// How long the process ran before it was relaunched, in milliseconds: Spring Boot counts only the new JVM.
	static final String RELAUNCHED_AFTER_PROPERTY = MARKER_PROPERTY + ".relaunched-after";

	private SignalfdPreparation() {
	}

	/**
	 * The JVM options of a process prepared for signalfd: a relaunch, or a detached daemon.
	 * @param signals what the process blocks and reads, and what ends it (see {@link PreparedSignals#of})
	 * @return the options
	 */
	public static List<String> jvmOptions(PreparedSignals signals) {
		// Nothing but -Xrs and the starter's own properties: a CDS archive or AOT cache records the JVM's
		// module options, and one made for the application must map in both JVMs. -Xrs starts the attach
		// listener at once (jcmd works), in place of the signal dispatcher.
		return List.of("-Xrs", "-D" + MARKER_PROPERTY + "=" + MARKER_VALUE,
				"-D" + READ_PROPERTY + "=" + names(signals.read()),
				"-D" + SHUTDOWN_PROPERTY + "=" + names(signals.shutdownOn()));
	}

	/**
	 * The signals a prepared process blocks and reads: those the application takes; SIGQUIT, so
	 * that {@code kill -3} still prints a thread dump where the JVM ({@code -Xrs}) no longer answers
	 * it; and every one of SIGHUP, SIGINT and SIGTERM that was not ignored when the process
	 * started, which the JVM's own handlers would act on and {@code -Xrs} leaves to the kernel's
	 * default (an ignored one the JVM leaves ignored, and so does the prepared process).
	 * @param handled the signals the application takes
	 * @param ignoredAtStart the signals ignored ({@code SIG_IGN}) when the process started
	 * @return the signals to block
	 */
	public static Set<Signal> read(Set<Signal> handled, Set<Signal> ignoredAtStart) {
		Set<Signal> read = EnumSet.of(Signal.SIGQUIT);
		read.addAll(handled);
		for (Signal signal : JVM_SHUTDOWN) {
			if (!ignoredAtStart.contains(signal)) {
				read.add(signal);
			}
		}
		return read;
	}

	/**
	 * The signals that end a prepared process while the application does not take them, as the
	 * JVM's own handlers would (shutdown hooks, status 128 + the number): those of
	 * {@code shutdownOn}, and each of SIGHUP, SIGINT and SIGTERM read but not taken.
	 * @param read the signals the process blocks and reads
	 * @param taken the signals the application takes
	 * @param shutdownOn those of them that end it
	 * @return the signals that end the JVM, all of them read
	 */
	public static Set<Signal> endingAsTheJvmWould(Set<Signal> read, Set<Signal> taken, Set<Signal> shutdownOn) {
		Set<Signal> ending = EnumSet.noneOf(Signal.class);
		ending.addAll(shutdownOn);
		for (Signal signal : JVM_SHUTDOWN) {
			if (!taken.contains(signal)) {
				ending.add(signal);
			}
		}
		ending.retainAll(read);
		return ending;
	}

	/**
	 * The signals this process ignores ({@code SIG_IGN}) now: in a JVM, those it ignored when it
	 * started ({@code nohup}, a parent's {@code SIG_IGN}), since HotSpot leaves them so and an
	 * ignored signal stays ignored across {@code execv}.
	 * @return the signals; empty where {@code /proc} is unavailable
	 */
	public static Set<Signal> ignoredNow() {
		Set<Integer> numbers;
		try {
			numbers = BlockedSignals.ignored(Path.of("/proc/self/status"));
		}
		catch (IOException ex) {
			return Set.of();
		}
		return signals(numbers);
	}

	private static Set<Signal> signals(Set<Integer> numbers) {
		Set<Signal> signals = EnumSet.noneOf(Signal.class);
		for (Signal signal : Signal.values()) {
			if (numbers.contains(signal.number())) {
				signals.add(signal);
			}
		}
		return signals;
	}

	/**
	 * The signals this JVM was prepared for, as its relaunch (or the launcher of a daemon) recorded
	 * them in its system properties.
	 * @return the signals, if this JVM was prepared for signalfd
	 */
	public static Optional<PreparedSignals> prepared() {
		if (!MARKER_VALUE.equals(System.getProperty(MARKER_PROPERTY))) {
			return Optional.empty();
		}
		// Both are always set with the marker; without them, what the JVM's own handlers would act on.
		String read = System.getProperty(READ_PROPERTY);
		String shutdownOn = System.getProperty(SHUTDOWN_PROPERTY);
		return Optional.of(new PreparedSignals((read != null) ? parse(read) : read(Set.of(), Set.of()),
				(shutdownOn != null) ? parse(shutdownOn) : JVM_SHUTDOWN));
	}

	/**
	 * How long this process ran before its JVM was relaunched in place for signalfd.
	 * @return the milliseconds, if this JVM is such a relaunch
	 */
	public static Optional<Long> relaunchedAfter() {
		String millis = System.getProperty(RELAUNCHED_AFTER_PROPERTY);
		try {
			return (millis != null) ? Optional.of(Long.valueOf(millis)) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static String names(Set<Signal> signals) {
		StringBuilder names = new StringBuilder();
		for (Signal signal : signals) {
			names.append(names.isEmpty() ? "" : ",").append(signal.name());
		}
		return names.toString();
	}

	private static Set<Signal> parse(String names) {
		Set<Signal> signals = EnumSet.noneOf(Signal.class);
		for (String name : names.split(",")) {
			if (!name.isBlank()) {
				signals.add(Signal.parse(name));
			}
		}
		return signals;
	}

	/**
	 * Decide what to do for a set of signals.
	 * @param handled the signals to read
	 * @param relaunchAllowed whether the process may re-execute itself
	 * @param facts what is known of this process
	 * @return the decision, with the reason and the remedy when signalfd is unavailable
	 */
	public static Assessment assess(Set<Signal> handled, boolean relaunchAllowed, ProcessFacts facts) {
		if (!facts.osName().toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
			return Assessment.unavailable("the operating system is " + facts.osName() + ", and signalfd exists only on Linux",
					"none: use the jdk backend");
		}
		if (MARKER_VALUE.equals(facts.marker())) {
			Set<Signal> read = read(handled, signals(facts.ignored()));
			if (facts.blocked().containsAll(numbers(read))) {
				return new Assessment(Verdict.PREPARED, "", "");
			}
			return Assessment.unavailable("the JVM was re-executed but its main thread does not block " + read,
					"report this as a bug");
		}
		if (!relaunchAllowed) {
			return Assessment.unavailable("slimta.system.signals.relaunch is false",
					"set slimta.system.signals.relaunch=true");
		}
		if (facts.notApplicationMain() != null) {
			return Assessment.unavailable(facts.notApplicationMain(),
					"start the application itself, with java -jar or its own main class");
		}
		if (facts.commandLine() == null) {
			return Assessment.unavailable("/proc/self/cmdline cannot be read", "run on a Linux system with /proc mounted");
		}
		if (facts.commandLine().hasDebugger(facts.environment())) {
			return Assessment.unavailable("the JVM runs under a debugger (jdwp)", "start it without the debugger agent");
		}
		if (facts.commandLine().hasIdeLauncher()) {
			return Assessment.unavailable("the JVM runs under an IDE's launcher", "start it with java -jar");
		}
		if (!facts.commandLine().missingArgumentFiles().isEmpty()) {
			return Assessment.unavailable("its argument files " + facts.commandLine().missingArgumentFiles()
					+ " are gone, so the same command cannot start again", "start it without @argfiles that are deleted");
		}
		return new Assessment(Verdict.RELAUNCH, "", "");
	}

	/**
	 * Why the running code is not the application's own {@code main}: a test runner, an IDE's
	 * launcher or another program hosting the application. The stack decides: the code that
	 * called Spring Boot (or this starter's early preparation) must be a {@code main} method, and
	 * nothing but reflection or Spring Boot's launchers may lie below it.
	 * @param thread the thread starting the application
	 * @param stack that thread's stack, innermost frame first
	 * @return the reason, or {@code null} if the application is this JVM's own main
	 */
	public static @Nullable String whyNotApplicationMain(Thread thread, StackTraceElement[] stack) {
		return ApplicationMain.whyNot(thread, stack);
	}

	/**
	 * The numbers of signals.
	 * @param signals the signals
	 * @return their numbers
	 */
	public static Set<Integer> numbers(Set<Signal> signals) {
		Set<Integer> numbers = new HashSet<>();
		for (Signal signal : signals) {
			numbers.add(signal.number());
		}
		return numbers;
	}

	/**
	 * The signals a prepared JVM reads.
	 *
	 * @param read the signals blocked in every thread, read from the signalfd
	 * @param shutdownOn those that end the JVM while the application does not take them
	 */
	public record PreparedSignals(Set<Signal> read, Set<Signal> shutdownOn) {

		/**
		 * What a process prepared for an application blocks, reads and ends on: the one decision
		 * behind the in-place relaunch and the detached daemon alike.
		 * @param handled the signals the application takes
		 * @param shutdownOn those of them that end it
		 * @param ignoredAtStart the signals ignored when the prepared JVM starts
		 * @return the signals
		 * @see SignalfdPreparation#read(Set, Set)
		 * @see SignalfdPreparation#endingAsTheJvmWould(Set, Set, Set)
		 */
		public static PreparedSignals of(Set<Signal> handled, Set<Signal> shutdownOn, Set<Signal> ignoredAtStart) {
			Set<Signal> read = SignalfdPreparation.read(handled, ignoredAtStart);
			return new PreparedSignals(read, endingAsTheJvmWould(read, handled, shutdownOn));
		}

	}

	/** What to do. */
	public enum Verdict {

		/** The signals are blocked in every thread: read them from a signalfd. */
		PREPARED,

		/** Re-execute in place first. */
		RELAUNCH,

		/** signalfd cannot work here; use the JVM's handlers. */
		UNAVAILABLE

	}

	/**
	 * A decision.
	 *
	 * @param verdict what to do
	 * @param reason why signalfd is unavailable; empty otherwise
	 * @param remedy how a user gets signalfd; empty when available
	 */
	public record Assessment(Verdict verdict, String reason, String remedy) {

		static Assessment unavailable(String reason, String remedy) {
			return new Assessment(Verdict.UNAVAILABLE, reason, remedy);
		}

	}

	/**
	 * What the decision rests on.
	 *
	 * @param osName {@code os.name}
	 * @param marker the value of {@link #MARKER_PROPERTY}, or {@code null}
	 * @param blocked the signals the calling thread blocks
	 * @param ignored the signals the process ignores ({@code SIG_IGN})
	 * @param notApplicationMain why the application is not this JVM's own main, or {@code null}
	 * @param commandLine this JVM's command line, or {@code null} if unreadable
	 * @param environment the process environment
	 */
	public record ProcessFacts(String osName, @Nullable String marker, Set<Integer> blocked, Set<Integer> ignored,
			@Nullable String notApplicationMain, @Nullable JvmCommandLine commandLine, Map<String, String> environment) {

		/**
		 * The facts of the running process.
		 * @param notApplicationMain why the application is not this JVM's own main, or {@code null}
		 * @return the facts
		 */
		public static ProcessFacts current(@Nullable String notApplicationMain) {
			JvmCommandLine commandLine;
			try {
				commandLine = JvmCommandLine.current();
			}
			catch (IOException | UnsupportedOperationException ex) {
				commandLine = null;
			}
			return new ProcessFacts(System.getProperty("os.name", "unknown"), System.getProperty(MARKER_PROPERTY),
					BlockedSignals.ofCurrentThread(), numbers(ignoredNow()), notApplicationMain, commandLine,
					System.getenv());
		}

	}

}
