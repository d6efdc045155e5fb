package org.slimta.system.signal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slimta.system.daemon.JvmCommandLine;
import org.slimta.system.posix.NativeSignals;
import org.slimta.system.posix.PosixException;

/**
 * Whether this JVM can read its signals from a {@code signalfd}, and the re-execution in place
 * (same pid) that makes it so.
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

	// How long the process ran before it was relaunched, in milliseconds: Spring Boot counts only the new JVM.
	private static final String RELAUNCHED_AFTER_PROPERTY = MARKER_PROPERTY + ".relaunched-after";

	// The static entry point users may call from main, before Spring Boot starts.
	private static final String EARLY_ENTRY = "org.slimta.system.autoconfigure.EarlySignalPreparation";

	private static final String BOOT_LAUNCHERS = "org.springframework.boot.loader.";

	private SignalfdPreparation() {
	}

	/**
	 * The JVM options of a process prepared for signalfd: a relaunch, or a detached daemon.
	 * @param handled the signals the application takes
	 * @param shutdownOn those that end it
	 * @return the options
	 */
	public static List<String> jvmOptions(Set<Signal> handled, Set<Signal> shutdownOn) {
		// -Xrs starts the attach listener at once (jcmd works), in place of the signal dispatcher.
		List<String> options = new ArrayList<>(NativeSignals.jvmOptions());
		options.addAll(List.of("-Xrs", "-D" + MARKER_PROPERTY + "=" + MARKER_VALUE,
				"-D" + READ_PROPERTY + "=" + names(read(handled)), "-D" + SHUTDOWN_PROPERTY + "=" + names(shutdownOn)));
		return options;
	}

	/**
	 * The signals a prepared process blocks and reads: those the application takes, and SIGQUIT,
	 * so that {@code kill -3} still prints a thread dump where the JVM ({@code -Xrs}) no longer
	 * answers it.
	 * @param handled the signals the application takes
	 * @return the signals to block
	 */
	public static Set<Signal> read(Set<Signal> handled) {
		Set<Signal> read = EnumSet.of(Signal.SIGQUIT);
		read.addAll(handled);
		return read;
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
		return Optional.of(new PreparedSignals(parse(System.getProperty(READ_PROPERTY, "HUP,INT,QUIT,TERM")),
				parse(System.getProperty(SHUTDOWN_PROPERTY, "INT,TERM"))));
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
			if (facts.blocked().containsAll(numbers(read(handled)))) {
				return new Assessment(Verdict.PREPARED, "", "");
			}
			return Assessment.unavailable("the JVM was re-executed but its main thread does not block "
					+ read(handled), "report this as a bug");
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
		if (!"main".equals(thread.getName())) {
			return "the application is started from thread '" + thread.getName() + "', not from the JVM's main";
		}
		int caller = -1;
		for (int i = 0; i < stack.length; i++) {
			if (isEntry(stack[i].getClassName())) {
				caller = i + 1;
			}
		}
		if (caller <= 0 || caller >= stack.length) {
			return "Spring Boot is not started from a main method";
		}
		StackTraceElement main = stack[caller];
		if (!"main".equals(main.getMethodName())) {
			return "Spring Boot is started from " + main.getClassName() + "." + main.getMethodName()
					+ " (a test or another host), not from a main method";
		}
		for (int i = caller + 1; i < stack.length; i++) {
			if (!isLauncherFrame(stack[i].getClassName())) {
				return "the JVM's main is " + stack[stack.length - 1].getClassName()
						+ " (a test runner or another launcher), not " + main.getClassName();
			}
		}
		return null;
	}

	private static boolean isEntry(String className) {
		return (className.startsWith("org.springframework.boot.") && !className.startsWith(BOOT_LAUNCHERS))
				|| className.equals(EARLY_ENTRY);
	}

	private static boolean isLauncherFrame(String className) {
		return className.startsWith(BOOT_LAUNCHERS) || className.startsWith("java.lang.reflect.")
				|| className.startsWith("jdk.internal.reflect.") || className.startsWith("java.lang.invoke.");
	}

	/**
	 * Re-execute this JVM in place with the signals blocked. Returns only by throwing, with the
	 * signals unblocked again.
	 * @param commandLine this JVM's command line
	 * @param handled the signals the application takes; these and SIGQUIT are blocked
	 * @param shutdownOn those of them that end the application
	 * @param environment the process environment ({@code LISTEN_FDS} descriptors stay open)
	 * @throws PosixException if a call failed
	 * @throws IOException if {@code /proc/self/fd} cannot be listed
	 */
	public static void relaunch(JvmCommandLine commandLine, Set<Signal> handled, Set<Signal> shutdownOn,
			Map<String, String> environment) throws IOException {
		NativeSignals calls = NativeSignals.get();
		int keepUpTo = 2 + inheritedListenFds(environment);
		for (int fd : openDescriptors()) {
			// The directory stream's own descriptor is closed by now.
			if (fd > keepUpTo) {
				calls.closeOnExecIfOpen(fd);
			}
		}
		List<String> options = new ArrayList<>(jvmOptions(handled, shutdownOn));
		long uptime = processUptime();
		if (uptime >= 0) {
			options.add("-D" + RELAUNCHED_AFTER_PROPERTY + "=" + uptime);
		}
		JvmCommandLine prepared = commandLine.withJvmOptions(options);
		Set<Integer> numbers = numbers(read(handled));
		System.out.flush();
		System.err.flush();
		calls.block(numbers);
		try {
			calls.execv(prepared.executable(), prepared.arguments());
		}
		finally {
			calls.unblock(numbers);
		}
	}

	/**
	 * The number of descriptors systemd passed to this very process ({@code LISTEN_PID},
	 * {@code LISTEN_FDS}), which start at 3 and must survive the re-execution.
	 */
	static int inheritedListenFds(Map<String, String> environment) {
		String pid = environment.get("LISTEN_PID");
		String fds = environment.get("LISTEN_FDS");
		if (pid == null || fds == null || !pid.trim().equals(Long.toString(ProcessHandle.current().pid()))) {
			return 0;
		}
		try {
			return Math.max(0, Integer.parseInt(fds.trim()));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	// From the kernel's clock since boot, in its ticks of 10 ms: no JVM clock starts before the JVM.
	private static long processUptime() {
		try {
			String stat = Files.readString(Path.of("/proc/self/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long startTicks = Long.parseLong(fields[19]);
			String uptime = Files.readString(Path.of("/proc/uptime"));
			long nowMillis = Math.round(Double.parseDouble(uptime.substring(0, uptime.indexOf(' '))) * 1000);
			return Math.max(0, nowMillis - startTicks * 10);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static List<Integer> openDescriptors() throws IOException {
		List<Integer> descriptors = new ArrayList<>();
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
			for (Path fd : fds) {
				descriptors.add(Integer.parseInt(fd.getFileName().toString()));
			}
		}
		Collections.sort(descriptors);
		return descriptors;
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
	 * @param notApplicationMain why the application is not this JVM's own main, or {@code null}
	 * @param commandLine this JVM's command line, or {@code null} if unreadable
	 * @param environment the process environment
	 */
	public record ProcessFacts(String osName, @Nullable String marker, Set<Integer> blocked,
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
					BlockedSignals.ofCurrentThread(), notApplicationMain, commandLine, System.getenv());
		}

	}

}
