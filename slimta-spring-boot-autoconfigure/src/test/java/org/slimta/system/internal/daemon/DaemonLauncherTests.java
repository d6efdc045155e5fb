package org.slimta.system.internal.daemon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DaemonLauncherTests {

	@Test
	void theCopyGetsNoneOfTheDescriptorsSystemdPassedToTheLauncher() {
		Map<String, String> launcher = Map.of("LISTEN_PID", "7", "LISTEN_FDS", "1", "LISTEN_FDNAMES", "smtp", "HOME",
				"/root", "NOTIFY_SOCKET", "/run/systemd/notify");
		assertThat(DaemonLauncher.environment(launcher, false)).containsOnlyKeys("HOME", "NOTIFY_SOCKET");
	}

	@Test
	void theCopyTakesOverTheWatchdogMeantForTheLauncher() {
		Map<String, String> launcher = Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7");
		assertThat(DaemonLauncher.watchdogIsMine(launcher, 7)).isTrue();
		assertThat(DaemonLauncher.watchdogIsMine(Map.of("WATCHDOG_USEC", "30000000"), 7)).isTrue();
		assertThat(DaemonLauncher.environment(launcher, true)).containsExactly(Map.entry("WATCHDOG_USEC", "30000000"));
	}

	@Test
	void aWatchdogMeantForAnotherProcessIsNotTheLaunchersToHandOver() {
		assertThat(DaemonLauncher.watchdogIsMine(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "1"), 7)).isFalse();
		assertThat(DaemonLauncher.watchdogIsMine(Map.of("WATCHDOG_USEC", "soon"), 7)).isFalse();
		assertThat(DaemonLauncher.watchdogIsMine(Map.of(), 7)).isFalse();
	}

	@Test
	void theShellPutsThePidThatItsExecKeepsInWatchdogPid() throws Exception {
		assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
		// The copy stands in for java: a second shell that prints what it sees.
		JvmCommandLine copy = new JvmCommandLine("/bin/sh",
				List.of("java", "-c", "echo \"$WATCHDOG_PID $$ $WATCHDOG_USEC [$1]\"", "copy", "a b"));
		List<String> command = DaemonLauncher.throughShell(copy);
		assertThat(command).startsWith("sh", "-c", DaemonLauncher.WATCHDOG_HANDOVER, "/bin/sh", "-c");
		ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
		builder.command().set(0, "/bin/sh");
		builder.environment().put("WATCHDOG_USEC", "30000000");
		builder.environment().remove("WATCHDOG_PID");
		Process process = builder.start();
		String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor()).isZero();
		assertThat(said).isEqualTo(process.pid() + " " + process.pid() + " 30000000 [a b]");
	}

	@Test
	void theReasonOfAFailureIsTheFirstLineOfItsDescription() {
		assertThat(Daemon.reason("APPLICATION FAILED TO START\n\nDescription:\n\nPort 8080 was already in use.\n\n"
				+ "Action:\n\nIdentify and stop the process")).isEqualTo("Port 8080 was already in use.");
		assertThat(Daemon.reason("the detached process (pid 7) ended with status 1 before it was ready"))
			.isEqualTo("the detached process (pid 7) ended with status 1 before it was ready");
		assertThat(Daemon.reason("")).isEqualTo("no reason given");
	}

}
