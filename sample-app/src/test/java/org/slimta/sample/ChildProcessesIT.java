package org.slimta.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Children of the packaged sample application, prepared for signalfd: started through the
 * starter's launcher they have a clean signal mask and none of the variables systemd gave the
 * application; started with a plain ProcessBuilder they have neither. Every test kills the child it
 * made the application start: the application itself ends with SIGKILL, which leaves its children
 * running.
 */
class ChildProcessesIT {

	// As configured: the tests that look at its children share it.
	private static final SharedSampleApp APP = new SharedSampleApp(SampleAppProcess::start);

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("signalfd and /proc exist only on Linux");
	}

	@AfterAll
	static void closeApp() throws Exception {
		APP.close();
	}

	@Test
	void aChildStartedThroughTheLauncherHasACleanMaskAndDiesOnTerminate() throws Exception {
		SampleAppProcess app = APP.get();
		ProcessHandle child = startChild(app, "/children");
		try {
			ProcProcess proc = ProcProcess.of(child.pid());
			assertThat(proc.blockedSignals()).isEmpty();
			assertThat(proc.statusField("SigIgn")).isEqualTo("0000000000000000");
			assertThat(child.parent().map(ProcessHandle::pid)).contains(app.pid());
			Posix.get().kill((int) child.pid(), Signal.SIGTERM.number());
			awaitGone(child);
		}
		finally {
			kill(child);
		}
	}

	@Test
	void aPlainProcessBuilderChildInheritsTheBlockedSignals() throws Exception {
		assumeTrue(Runtime.version().feature() < 25,
				"measured: JDK 25's ProcessBuilder starts children with an empty signal mask; JDK 17's passes it on");
		SampleAppProcess app = APP.get();
		ProcessHandle child = startChild(app, "/children?plain=true");
		try {
			ProcProcess proc = ProcProcess.of(child.pid());
			assertThat(proc.blockedSignals()).containsAll(Set.of(1, 2, 15));
			Posix.get().kill((int) child.pid(), Signal.SIGTERM.number());
			// Blocked, so it stays pending instead of ending the child.
			assertThat(proc.signals("ShdPnd")).contains(15);
			assertThat(proc.exists()).isTrue();
		}
		finally {
			kill(child);
		}
	}

	@Test
	void aChildStartedThroughTheLauncherGetsNoneOfTheVariablesSystemdGaveTheApplication() throws Exception {
		Path socket = Path.of("/tmp", "sample-notify-" + UUID.randomUUID() + ".sock");
		try (NotifySocket systemd = NotifySocket.bind(socket)) {
			// Not the application's pid: it would keep descriptors 3.. open for a LISTEN_PID naming it.
			Map<String, String> service = Map.of("NOTIFY_SOCKET", systemd.path(), "WATCHDOG_USEC", "2000000",
					"WATCHDOG_PID", "1", "LISTEN_PID", "1", "LISTEN_FDS", "1", "LISTEN_FDNAMES", "x");
			try (SampleAppProcess app = SampleAppProcess.startWithEnvironment(service)) {
				assertThat(systemd.receive((message) -> message.startsWith("READY=1"))).isNotNull();
				assertThat(ProcProcess.of(app.pid()).environment()).containsAllEntriesOf(service);
				ProcessHandle child = startChild(app, "/children");
				ProcessHandle plain = startChild(app, "/children?plain=true");
				try {
					assertThat(ProcProcess.of(child.pid()).environment()).doesNotContainKeys(service.keySet().toArray(String[]::new))
						.containsKey("PATH");
					assertThat(ProcProcess.of(plain.pid()).environment()).as("a plain ProcessBuilder's child")
						.containsAllEntriesOf(service);
				}
				finally {
					kill(child);
					kill(plain);
				}
			}
		}
	}

	// A handle, not a bare pid: it kills only this very process, even once its pid is reused.
	private static ProcessHandle startChild(SampleAppProcess app, String path) throws Exception {
		int pid = JsonPath.read(app.post(path).body(), "$.pid");
		return ProcessHandle.of(pid).orElseThrow();
	}

	// SIGKILL whatever its mask, then wait for the application to reap it.
	private static void kill(ProcessHandle child) throws Exception {
		if (child.destroyForcibly()) {
			awaitGone(child);
		}
	}

	private static void awaitGone(ProcessHandle child) throws InterruptedException {
		assertThat(ProcProcess.of(child.pid()).awaitGone(Duration.ofSeconds(30))).as("process %d gone", child.pid())
			.isTrue();
	}

}
