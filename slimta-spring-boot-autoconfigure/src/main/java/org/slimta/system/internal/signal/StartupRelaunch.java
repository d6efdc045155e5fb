package org.slimta.system.internal.signal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.ProcessWideState;
import org.slimta.system.internal.ProcessWideState.RelaunchAtStart;
import org.slimta.system.internal.daemon.JvmCommandLine;
import org.slimta.system.internal.posix.Availability;
import org.slimta.system.internal.posix.NativeSignals;
import org.slimta.system.internal.signal.SignalfdPreparation.Assessment;
import org.slimta.system.internal.signal.SignalfdPreparation.ProcessFacts;
import org.slimta.system.internal.signal.SignalfdPreparation.Verdict;
import org.slimta.system.signal.Signal;

/**
 * The relaunch for signalfd at the first moment a JVM runs code of this starter (the
 * {@code SpringApplication} constructor, or {@code main} itself), long before Spring Boot reads
 * its configuration: settings that the Spring wiring reads for it, as Spring Boot will, decide.
 * In a JVM already prepared it only starts the {@link SignalfdReader}. Once per JVM.
 * <p>
 * Spring Boot's final configuration may disagree later ({@code SPRING_APPLICATION_JSON}, a
 * property source added in code): the process then relaunches late, or, already relaunched,
 * keeps reading the signals it blocked and acts on them as that configuration asks.
 */
public final class StartupRelaunch {

	// Process-wide: a second SpringApplication in this JVM must not decide again.
	private static final RelaunchAtStart state = ProcessWideState.RELAUNCH_AT_START;

	private StartupRelaunch() {
	}

	/**
	 * Start reading signals in a prepared JVM, or relaunch this JVM in place when the settings
	 * ask for signalfd and it can; return otherwise, leaving the reason to the final configuration.
	 * @param applicationArgs the application's arguments, or {@code null} to take those of the
	 * JVM's command line
	 * @param settings reads the settings from the application's arguments, as Spring Boot will
	 * read them; throws where Spring Boot will fail on them
	 * @param notApplicationMain why the running code is not the application's own {@code main},
	 * or {@code null}
	 */
	public static synchronized void atStart(@Nullable List<String> applicationArgs,
			Function<List<String>, RelaunchSettings> settings, @Nullable String notApplicationMain) {
		if (state.ran) {
			return;
		}
		state.ran = true;
		state.reader = settings;
		// The reader's class sets up logging: a JVM about to be relaunched has no use for it.
		if (SignalfdPreparation.prepared().isPresent()) {
			SignalfdReader.startIfPrepared();
			state.args = (applicationArgs != null) ? applicationArgs : commandLineArguments();
			return;
		}
		if (notApplicationMain != null || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
			return;
		}
		state.args = (applicationArgs != null) ? applicationArgs : commandLineArguments();
		RelaunchSettings decided;
		try {
			decided = settingsAtStart();
		}
		catch (RuntimeException ex) {
			// Spring Boot reads the same values and explains what is wrong with them.
			return;
		}
		if (decided.wantsSignalfd()) {
			relaunch(decided.handled(), decided.shutdownOn(), true, decided.socketActivation(), null);
		}
	}

	/**
	 * The settings as the first moment of this JVM reads them, read again.
	 * @return the settings
	 * @throws RuntimeException where Spring Boot will fail on them, or where the first moment did
	 * not read them
	 */
	public static synchronized RelaunchSettings settingsAtStart() {
		Function<List<String>, RelaunchSettings> settings = state.reader;
		if (settings == null) {
			throw new IllegalStateException("the first moment of this JVM read no settings");
		}
		return settings.apply(state.args);
	}

	/**
	 * Re-execute this JVM in place with the signals blocked, where it can; the one implementation
	 * behind the relaunch at the first moment and the late one. Returns only if the JVM was not
	 * replaced.
	 * @param handled the signals the application takes
	 * @param shutdownOn those of them that end it
	 * @param relaunchAllowed {@code slimta.system.signals.relaunch}
	 * @param socketActivation {@code slimta.system.sockets.activation}: hand the sockets systemd
	 * passed over to the new JVM
	 * @param notApplicationMain why the running code is not the application's own main, or
	 * {@code null}
	 * @return the decision: {@link Verdict#PREPARED}, or why signalfd is unavailable
	 */
	public static synchronized Assessment relaunch(Set<Signal> handled, Set<Signal> shutdownOn, boolean relaunchAllowed,
			boolean socketActivation, @Nullable String notApplicationMain) {
		if (state.failure != null) {
			return state.failure;
		}
		ProcessFacts facts = ProcessFacts.current(notApplicationMain);
		Assessment assessment = SignalfdPreparation.assess(handled, relaunchAllowed, facts);
		if (assessment.verdict() != Verdict.RELAUNCH) {
			return assessment;
		}
		Availability calls = NativeSignals.availability();
		if (!calls.available()) {
			state.failure = Assessment.unavailable("native system calls are unavailable: " + calls.reason(),
					calls.remedy().isEmpty() ? "run on Linux x86_64 or aarch64 with glibc" : calls.remedy());
			return state.failure;
		}
		try {
			// A relaunch verdict is given only for a command line that was read.
			InPlaceRelaunch.execute(Objects.requireNonNull(facts.commandLine()), handled, shutdownOn, socketActivation,
					facts.environment());
			throw new IllegalStateException("execv returned");
		}
		catch (Exception | LinkageError ex) {
			// Remembered, so that a second attempt from Spring Boot's start-up does not cost the same again.
			state.failure = Assessment.unavailable("re-executing the JVM in place failed (" + ex.getMessage() + ")",
					"set slimta.system.signals.relaunch=false to skip the attempt");
			return state.failure;
		}
	}

	/**
	 * Forget that this JVM decided, for tests that start several applications in one JVM.
	 */
	public static synchronized void forget() {
		state.ran = false;
		state.args = List.of();
		state.reader = null;
	}

	// Spring Boot reads every --name=value argument as an option; JVM options never start with --slimta or --spring.
	private static List<String> commandLineArguments() {
		try {
			List<String> arguments = JvmCommandLine.current().arguments();
			return arguments.subList(1, arguments.size());
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

}
