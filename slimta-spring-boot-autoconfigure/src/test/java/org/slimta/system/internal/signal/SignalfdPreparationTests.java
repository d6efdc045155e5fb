package org.slimta.system.internal.signal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.slimta.system.internal.daemon.JvmCommandLine;
import org.slimta.system.internal.signal.SignalfdPreparation.Assessment;
import org.slimta.system.internal.signal.SignalfdPreparation.PreparedSignals;
import org.slimta.system.internal.signal.SignalfdPreparation.ProcessFacts;
import org.slimta.system.internal.signal.SignalfdPreparation.Verdict;
import org.slimta.system.signal.Signal;

import static org.assertj.core.api.Assertions.assertThat;

class SignalfdPreparationTests {

	private static final Set<Signal> HANDLED = Set.of(Signal.SIGHUP, Signal.SIGINT, Signal.SIGTERM);

	private static final JvmCommandLine JAR = new JvmCommandLine("/usr/lib/jvm/bin/java",
			List.of("java", "-jar", "app.jar"));

	@Test
	void relaunchesAPlainApplicationOnLinux() {
		assertThat(SignalfdPreparation.assess(HANDLED, true, facts(null, Set.of(), null, JAR, Map.of())).verdict())
			.isEqualTo(Verdict.RELAUNCH);
	}

	@Test
	void isPreparedWhenRelaunchedAndTheSignalsAreBlocked() {
		Assessment assessment = SignalfdPreparation.assess(HANDLED, true,
				facts("signalfd", Set.of(1, 2, 3, 15), null, JAR, Map.of()));
		assertThat(assessment.verdict()).isEqualTo(Verdict.PREPARED);
	}

	@Test
	void blocksEverySignalTheJvmActsOnWhetherOrNotTheApplicationHandlesIt() {
		PreparedSignals signals = PreparedSignals.of(Set.of(Signal.SIGHUP), Set.of(), Set.of());
		assertThat(signals.read()).containsExactlyInAnyOrder(Signal.SIGHUP, Signal.SIGINT, Signal.SIGQUIT, Signal.SIGTERM);
		assertThat(signals.shutdownOn()).containsExactlyInAnyOrder(Signal.SIGINT, Signal.SIGTERM);
	}

	@Test
	void endsOnAHangupTheApplicationDoesNotHandleAsTheJvmWould() {
		PreparedSignals signals = PreparedSignals.of(Set.of(Signal.SIGINT, Signal.SIGTERM, Signal.SIGUSR1),
				Set.of(Signal.SIGTERM), Set.of());
		assertThat(signals.read()).containsExactlyInAnyOrder(Signal.SIGHUP, Signal.SIGINT, Signal.SIGQUIT, Signal.SIGTERM,
				Signal.SIGUSR1);
		assertThat(signals.shutdownOn()).containsExactlyInAnyOrder(Signal.SIGHUP, Signal.SIGTERM);
	}

	@Test
	void leavesASignalIgnoredAtStartIgnoredUnlessHandled() {
		PreparedSignals nohup = PreparedSignals.of(Set.of(Signal.SIGTERM), Set.of(Signal.SIGTERM), Set.of(Signal.SIGHUP));
		assertThat(nohup.read()).containsExactlyInAnyOrder(Signal.SIGINT, Signal.SIGQUIT, Signal.SIGTERM);
		assertThat(nohup.shutdownOn()).containsExactlyInAnyOrder(Signal.SIGINT, Signal.SIGTERM);
		// A handled signal is read whatever its disposition, as before.
		PreparedSignals handled = PreparedSignals.of(Set.of(Signal.SIGHUP), Set.of(), Set.of(Signal.SIGHUP, Signal.SIGINT));
		assertThat(handled.read()).containsExactlyInAnyOrder(Signal.SIGHUP, Signal.SIGQUIT, Signal.SIGTERM);
		assertThat(handled.shutdownOn()).containsExactly(Signal.SIGTERM);
	}

	@Test
	void theDefaultsBlockWhatTheyAlwaysDid() {
		PreparedSignals signals = PreparedSignals.of(HANDLED, Set.of(Signal.SIGINT, Signal.SIGTERM), Set.of());
		assertThat(signals.read()).containsExactlyInAnyOrder(Signal.SIGHUP, Signal.SIGINT, Signal.SIGQUIT, Signal.SIGTERM);
		assertThat(signals.shutdownOn()).containsExactlyInAnyOrder(Signal.SIGINT, Signal.SIGTERM);
		assertThat(SignalfdPreparation.jvmOptions(signals)).contains("-Xrs",
				"-Dorg.slimta.system.prepared.read=SIGHUP,SIGINT,SIGQUIT,SIGTERM",
				"-Dorg.slimta.system.prepared.shutdown-on=SIGINT,SIGTERM");
	}

	@Test
	void isPreparedWithoutTheSignalsIgnoredAtStart() {
		ProcessFacts nohup = new ProcessFacts("Linux", "signalfd", Set.of(2, 3, 15), Set.of(1), null, JAR, Map.of());
		assertThat(SignalfdPreparation.assess(Set.of(Signal.SIGTERM), true, nohup).verdict()).isEqualTo(Verdict.PREPARED);
		ProcessFacts plain = new ProcessFacts("Linux", "signalfd", Set.of(2, 3, 15), Set.of(), null, JAR, Map.of());
		assertThat(SignalfdPreparation.assess(Set.of(Signal.SIGTERM), true, plain).verdict())
			.isEqualTo(Verdict.UNAVAILABLE);
	}

	@Test
	void neverRelaunchesTwiceEvenWhenTheMaskIsWrong() {
		Assessment assessment = SignalfdPreparation.assess(HANDLED, true, facts("signalfd", Set.of(1), null, JAR, Map.of()));
		assertThat(assessment.verdict()).isEqualTo(Verdict.UNAVAILABLE);
		assertThat(assessment.reason()).contains("does not block");
	}

	@Test
	void doesNotRelaunchWhenTheUserSaysSo() {
		Assessment assessment = SignalfdPreparation.assess(HANDLED, false, facts(null, Set.of(), null, JAR, Map.of()));
		assertThat(assessment.verdict()).isEqualTo(Verdict.UNAVAILABLE);
		assertThat(assessment.reason()).isEqualTo("slimta.system.signals.relaunch is false");
		assertThat(assessment.remedy()).contains("slimta.system.signals.relaunch=true");
	}

	@Test
	void doesNotRelaunchWhenHostedByAnotherMain() {
		Assessment assessment = SignalfdPreparation.assess(HANDLED, true,
				facts(null, Set.of(), "the JVM's main is a test runner", JAR, Map.of()));
		assertThat(assessment.verdict()).isEqualTo(Verdict.UNAVAILABLE);
		assertThat(assessment.reason()).contains("test runner");
	}

	@Test
	void doesNotRelaunchUnderADebugger() {
		JvmCommandLine debugged = JAR.withJvmOptions(List.of("-agentlib:jdwp=transport=dt_socket,server=y"));
		Assessment assessment = SignalfdPreparation.assess(HANDLED, true, facts(null, Set.of(), null, debugged, Map.of()));
		assertThat(assessment.verdict()).isEqualTo(Verdict.UNAVAILABLE);
		assertThat(assessment.reason()).contains("debugger");
	}

	@Test
	void doesNotRelaunchUnderAnIdeLauncherOrWithDeletedArgumentFiles() {
		JvmCommandLine idea = JAR.withJvmOptions(List.of("-javaagent:/opt/idea/lib/idea_rt.jar=35111:/opt/idea/bin"));
		assertThat(SignalfdPreparation.assess(HANDLED, true, facts(null, Set.of(), null, idea, Map.of())).reason())
			.contains("IDE");
		JvmCommandLine argfile = JAR.withJvmOptions(List.of("@/nonexistent/cp.argfile"));
		assertThat(SignalfdPreparation.assess(HANDLED, true, facts(null, Set.of(), null, argfile, Map.of())).reason())
			.contains("/nonexistent/cp.argfile");
	}

	@Test
	void isUnavailableOffLinuxAndWithoutACommandLine() {
		ProcessFacts mac = new ProcessFacts("Mac OS X", null, Set.of(), Set.of(), null, JAR, Map.of());
		assertThat(SignalfdPreparation.assess(HANDLED, true, mac).reason()).contains("Mac OS X");
		assertThat(SignalfdPreparation.assess(HANDLED, true, facts(null, Set.of(), null, null, Map.of())).reason())
			.contains("cmdline");
	}

	private static ProcessFacts facts(String marker, Set<Integer> blocked, String notMain, JvmCommandLine commandLine,
			Map<String, String> environment) {
		return new ProcessFacts("Linux", marker, blocked, Set.of(), notMain, commandLine, environment);
	}

}
