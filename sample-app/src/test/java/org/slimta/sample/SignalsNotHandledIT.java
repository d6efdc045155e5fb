package org.slimta.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM's behaviour is the floor for every signal it acts on: SIGHUP, SIGINT or SIGTERM left out
 * of {@code signals.handled} ends the relaunched JVM (with {@code -Xrs}) as the JVM's own handler
 * does under {@code signals.backend=jdk}, and one ignored when the process started stays ignored.
 * Each fact is checked on both backends in the same test, from outside: exit status, log, pid file.
 */
class SignalsNotHandledIT {

	private static final Set<Signal> JVM_SHUTDOWN = EnumSet.of(Signal.SIGHUP, Signal.SIGINT, Signal.SIGTERM);

	@TempDir
	Path directory;

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("signals are sent with kill(2)");
	}

	@ParameterizedTest(name = "{0} not handled")
	@EnumSource(names = { "SIGHUP", "SIGINT", "SIGTERM" })
	void aSignalLeftOutOfHandledEndsTheJvmAsItsOwnHandlerWould(Signal signal) throws Exception {
		Set<Signal> handled = EnumSet.copyOf(JVM_SHUTDOWN);
		handled.remove(signal);
		Set<Signal> shutdownOn = EnumSet.copyOf(handled);
		shutdownOn.remove(Signal.SIGHUP);
		for (String backend : List.of("auto", "jdk")) {
			Path pidFile = this.directory.resolve(backend + ".pid");
			try (SampleAppProcess app = SampleAppProcess.start("--slimta.system.signals.backend=" + backend,
					"--slimta.system.signals.handled=" + names(handled),
					"--slimta.system.signals.shutdown-on=" + names(shutdownOn),
					"--slimta.system.daemon.pid-file=" + pidFile)) {
				app.awaitHttp();
				assertThat(pidFile).as(backend).exists();
				if (backend.equals("auto")) {
					assertThat(app.commandLine()).contains("-Xrs");
					assertThat(app.blockedSignalsByThread().values()).as("blocked in every thread")
						.allSatisfy((blocked) -> assertThat(blocked).contains(signal.number()));
					assertThat(app.output()).contains("which the application does not take (slimta.system.signals.handled),"
							+ " end the JVM as its own handlers would");
				}
				app.signal(signal);
				assertThat(app.awaitExit()).as(backend + "\n" + app.output()).isEqualTo(128 + signal.number());
				// The context closed: Tomcat's graceful shutdown ran in Spring Boot's shutdown hook.
				assertThat(app.output()).as(backend).contains("Graceful shutdown complete");
				assertThat(pidFile).as(backend).doesNotExist();
				assertThat(app.portListening()).as(backend).isFalse();
			}
		}
	}

	@Test
	void aHangupIgnoredAtStartUnderNohupStaysIgnoredWhenNotHandled() throws Exception {
		for (String backend : List.of("auto", "jdk")) {
			try (SampleAppProcess app = SampleAppProcess.startThrough(List.of("nohup"),
					"--slimta.system.signals.backend=" + backend, "--slimta.system.signals.handled=SIGINT,SIGTERM")) {
				app.awaitHttp();
				ProcProcess process = ProcProcess.of(app.pid());
				assertThat(process.ignoredSignals()).as(backend).contains(Signal.SIGHUP.number());
				if (backend.equals("auto")) {
					assertThat(app.commandLine()).contains("-Xrs");
					assertThat(app.output()).contains("[SIGHUP] stay ignored, as they were when the process started");
				}
				app.signal(Signal.SIGHUP);
				app.signal(Signal.SIGHUP);
				// An ignored signal is discarded when sent: nothing pending, nothing read, the process serves on.
				assertThat(process.signals("ShdPnd")).as(backend).doesNotContain(Signal.SIGHUP.number());
				assertThat(app.get("/actuator/health").statusCode()).as(backend).isEqualTo(200);
				assertThat(app.get("/signals").body()).as(backend).doesNotContain("SIGHUP");
				assertThat(app.terminate()).as(backend + "\n" + app.output()).isEqualTo(143);
			}
		}
	}

	private static String names(Set<Signal> signals) {
		return signals.stream().map(Signal::name).collect(Collectors.joining(","));
	}

}
