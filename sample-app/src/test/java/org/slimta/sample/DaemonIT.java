package org.slimta.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slimta.system.internal.posix.NativeProcesses;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;
import org.slimta.system.testsupport.TemporaryDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar sample-app.jar --slimta.system.daemon.enabled=true}: the launcher, a real child
 * JVM, detaches a daemon and exits; the daemon is checked from outside through {@code /proc}, its
 * pid file, its output files and HTTP.
 */
@Isolated("makes this JVM a subreaper, which would adopt the orphans of tests running beside it")
class DaemonIT {

	private Path directory;

	private final List<Long> daemons = new ArrayList<>();

	@BeforeEach
	void onLinux() throws IOException {
		Linux.assumeLinux("daemon mode exists only on Linux");
		// Writable by all, so that a daemon that dropped privileges can still remove its pid file.
		this.directory = Files.createTempDirectory(Path.of("/tmp"), "sample-daemon");
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxrwxrwx"));
	}

	@AfterEach
	void stopDaemons() throws Exception {
		if (this.directory == null) {
			return;
		}
		for (long pid : this.daemons) {
			if (ProcProcess.of(pid).exists()) {
				Posix.get().kill((int) pid, 9);
				ProcProcess.of(pid).awaitGone(Duration.ofSeconds(10));
			}
			// A daemon that was killed leaves its attach socket in /tmp.
			TemporaryDirectories.deleteJvmFiles(pid);
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted((a, b) -> b.compareTo(a)).forEach((file) -> file.toFile().delete());
		}
	}

	// One daemon for what each of them would have started alike: detached, then a second instance, SIGQUIT, SIGHUP, SIGTERM.
	@Test
	void detachesOnceTheDaemonServesWhichHoldsItsPidFileAndLivesThroughQuitAndHangup() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		Path stdout = this.directory.resolve("out.log");
		Path stderr = this.directory.resolve("err.log");
		try (Subreaper subreaper = Subreaper.become();
				SampleAppProcess launcher = SampleAppProcess.start(daemon(pidFile, "--slimta.system.daemon.umask=027",
				"--slimta.system.daemon.working-directory=" + this.directory, "--slimta.system.daemon.stdout=" + stdout,
				"--slimta.system.daemon.stderr=" + stderr))) {
			assertThat(launcher.awaitExit()).as(launcher.output()).isZero();
			long pid = daemonPid(pidFile);
			assertThat(pid).isNotEqualTo(launcher.pid());
			assertThat(launcher.output()).contains("detached as pid " + pid);
			// Ready means serving: no waiting for HTTP.
			String health = launcher.get("/actuator/health").body();
			assertThat(JsonPath.<Boolean>read(health, "$.components.slimta.details.daemon")).isTrue();
			assertThat(JsonPath.<Number>read(health, "$.components.slimta.details.pid").longValue()).isEqualTo(pid);
			assertThat(JsonPath.<String>read(health, "$.components.slimta.details.signals")).isEqualTo("signalfd");
			ProcProcess proc = ProcProcess.of(pid);
			assertThat(proc.sessionId()).as("session id").isEqualTo(pid);
			assertThat(Files.readSymbolicLink(proc.directory().resolve("cwd"))).isEqualTo(this.directory);
			assertThat(proc.statusField("Umask")).isEqualTo("0027");
			assertThat(proc.blockedSignals()).containsAll(Set.of(1, 2, 15));
			assertThat(proc.descriptorTarget(0)).isEqualTo("/dev/null");
			assertThat(proc.descriptorTarget(1)).isEqualTo(stdout.toString());
			assertThat(proc.descriptorTarget(2)).isEqualTo(stderr.toString());
			assertThat(proc.descriptorTargets().values()).as("descriptors of the daemon").noneMatch((file) -> file.contains("sample-app")
					&& file.endsWith(".log") || file.startsWith("pipe:"));
			// A second instance on the same pid file is refused; the first keeps it.
			try (SampleAppProcess second = SampleAppProcess.start(daemon(pidFile))) {
				assertThat(second.awaitExit()).isNotZero();
				assertThat(second.output()).contains("is locked by process " + pid);
			}
			assertThat(daemonPid(pidFile)).isEqualTo(pid);
			// SIGQUIT prints a thread dump to the daemon's output, and the daemon lives on.
			assertThat(proc.blockedSignals()).contains(3);
			Posix.get().kill((int) pid, Signal.SIGQUIT.number());
			awaitContent(stdout, "Full thread dump");
			assertThat(launcher.get("/actuator/health").statusCode()).isEqualTo(200);
			// SIGHUP reopens the output file after it was moved.
			Path rotated = this.directory.resolve("out.log.1");
			Files.move(stdout, rotated);
			Posix.get().kill((int) pid, Signal.SIGHUP.number());
			awaitContent(stdout, "stdout " + stdout);
			assertThat(Files.readString(stdout)).contains("Reloaded after SIGHUP from pid " + ProcessHandle.current().pid());
			assertThat(Files.readString(rotated)).contains("received SIGHUP").doesNotContain("Reloaded after SIGHUP");
			assertThat(proc.descriptorTarget(1)).isEqualTo(stdout.toString());
			Posix.get().kill((int) pid, Signal.SIGTERM.number());
			// 143 is also what death by SIGTERM's default action gives; the pid file shows the close ran.
			assertThat(NativeProcesses.get().reap((int) pid)).isEqualTo(143);
			assertThat(pidFile).doesNotExist();
			assertThat(Files.readString(stdout)).contains("Received SIGTERM: closing the application");
		}
	}

	@Test
	void aTerminateTheDaemonDoesNotHandleEndsItAsTheJvmsOwnHandlerWould() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		Path stdout = this.directory.resolve("out.log");
		try (Subreaper subreaper = Subreaper.become();
				SampleAppProcess launcher = SampleAppProcess.start(daemon(pidFile, "--slimta.system.daemon.stdout=" + stdout,
						"--slimta.system.signals.handled=SIGHUP", "--slimta.system.signals.shutdown-on="))) {
			assertThat(launcher.awaitExit()).as(launcher.output()).isZero();
			long pid = daemonPid(pidFile);
			// Spawned with the mask of the in-place relaunch: the JVM's signals, though only SIGHUP is handled.
			assertThat(ProcProcess.of(pid).blockedSignals()).containsAll(Set.of(1, 2, 3, 15));
			Posix.get().kill((int) pid, Signal.SIGTERM.number());
			assertThat(NativeProcesses.get().reap((int) pid)).isEqualTo(143);
			// The close ran: death by SIGTERM's default action would give 143 too, and leave the pid file.
			assertThat(pidFile).doesNotExist();
			assertThat(Files.readString(stdout)).contains("Graceful shutdown complete");
		}
	}

	@Test
	void underSystemdTheLauncherHandsTheMainPidOverAndTheDaemonReportsItsStates() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		Path socket = this.directory.resolve("notify.sock");
		try (NotifySocket systemd = NotifySocket.bind(socket);
				SampleAppProcess launcher = SampleAppProcess.startWithEnvironment(Map.of("NOTIFY_SOCKET", systemd.path()),
						daemon(pidFile))) {
			assertThat(launcher.awaitExit()).as(launcher.output()).isZero();
			long pid = daemonPid(pidFile);
			// From the launcher, the process systemd started: the daemon says no READY=1 of its own, only its status.
			List<String> beforeHandOver = new ArrayList<>();
			String message = systemd.receive();
			while (!message.startsWith("MAINPID=")) {
				beforeHandOver.add(message);
				message = systemd.receive();
			}
			assertThat(message).isEqualTo("MAINPID=" + pid + "\nREADY=1");
			assertThat(launcher.output()).contains("told systemd MAINPID=" + pid + " and READY=1");
			String serving = "STATUS=serving on port " + launcher.port() + " as ";
			if (beforeHandOver.size() < 2) {
				// The daemon's status and the launcher's hand-over race each other.
				beforeHandOver.add(systemd.receive());
			}
			assertThat(beforeHandOver).hasSize(2).first().isEqualTo("STATUS=starting");
			assertThat(beforeHandOver.get(1)).startsWith(serving);
			Posix.get().kill((int) pid, Signal.SIGHUP.number());
			String sender = " from pid " + ProcessHandle.current().pid();
			assertThat(systemd.receive())
				.matches("RELOADING=1\nMONOTONIC_USEC=[0-9]+\nSTATUS=reloading on SIGHUP" + sender);
			assertThat(systemd.receive()).startsWith("READY=1\n" + serving).contains("; reloaded at ");
			Posix.get().kill((int) pid, Signal.SIGTERM.number());
			assertThat(systemd.receive()).isEqualTo("STOPPING=1\nSTATUS=stopping on SIGTERM" + sender);
			awaitGone(pid);
			assertThat(pidFile).doesNotExist();
		}
	}

	@Test
	void theDaemonSaysNoReadyAfterStoppingWhenTerminateArrivesDuringASlowReload() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		Path stdout = this.directory.resolve("out.log");
		Path socket = this.directory.resolve("notify.sock");
		try (NotifySocket systemd = NotifySocket.bind(socket);
				SampleAppProcess launcher = SampleAppProcess.startWithEnvironment(Map.of("NOTIFY_SOCKET", systemd.path()),
						daemon(pidFile, "--sample.reload-delay=1s", "--slimta.system.signals.shutdown-delay=60s",
								"--slimta.system.daemon.stdout=" + stdout))) {
			assertThat(launcher.awaitExit()).as(launcher.output()).isZero();
			long pid = daemonPid(pidFile);
			systemd.receive((message) -> message.startsWith("MAINPID="));
			Posix.get().kill((int) pid, Signal.SIGHUP.number());
			assertThat(systemd.receive((message) -> message.startsWith("RELOADING=1\n"))).isNotNull();
			Posix.get().kill((int) pid, Signal.SIGTERM.number());
			assertThat(systemd.receive((message) -> !message.startsWith("STATUS=serving")))
				.startsWith("STOPPING=1\nSTATUS=stopping on SIGTERM");
			// The reload ends while the daemon still serves out its shutdown delay; a second SIGTERM ends the delay.
			awaitContent(stdout, "Reloaded after SIGHUP");
			Posix.get().kill((int) pid, Signal.SIGTERM.number());
			awaitGone(pid);
			assertThat(pidFile).doesNotExist();
			SystemdNotifyIT.assertAllReceivedSaysNothingReady(systemd);
		}
	}

	@Test
	void theDaemonTakesOverSystemdsWatchdogWithItsOwnPid() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		Path socket = this.directory.resolve("notify.sock");
		// WATCHDOG_PID unset: the watchdog is the launcher's, the process systemd started.
		try (NotifySocket systemd = NotifySocket.bind(socket);
				SampleAppProcess launcher = SampleAppProcess.startWithEnvironment(
						Map.of("NOTIFY_SOCKET", systemd.path(), "WATCHDOG_USEC", "1000000"), daemon(pidFile))) {
			assertThat(launcher.awaitExit()).as(launcher.output()).isZero();
			long pid = daemonPid(pidFile);
			systemd.receive((message) -> message.startsWith("MAINPID="));
			// The launcher has exited: only the daemon can send these.
			assertThat(systemd.receive((message) -> message.equals("WATCHDOG=1"))).isNotNull();
			assertThat(systemd.receive()).isEqualTo("WATCHDOG=1");
			assertThat(ProcProcess.of(pid).environment()).containsEntry("WATCHDOG_PID", Long.toString(pid))
				.containsEntry("WATCHDOG_USEC", "1000000");
			// Prepared through the shell as without it: the signals blocked for signalfd, the JVM's name.
			ProcProcess proc = ProcProcess.of(pid);
			assertThat(proc.blockedSignals()).containsAll(Set.of(1, 2, 15));
			assertThat(proc.name()).isEqualTo("java");
			assertThat(JsonPath.<String>read(launcher.get("/actuator/health").body(),
					"$.components.slimta.details.signals")).isEqualTo("signalfd");
			Posix.get().kill((int) pid, Signal.SIGTERM.number());
			awaitGone(pid);
		}
	}

	@Test
	void theDaemonSendsNoPingsWithNotifyNever() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		Path socket = this.directory.resolve("notify.sock");
		try (NotifySocket systemd = NotifySocket.bind(socket);
				SampleAppProcess launcher = SampleAppProcess.startWithEnvironment(
						Map.of("NOTIFY_SOCKET", systemd.path(), "WATCHDOG_USEC", "500000"),
						daemon(pidFile, "--slimta.system.daemon.notify=never"))) {
			assertThat(launcher.awaitExit()).as(launcher.output()).isZero();
			long pid = daemonPid(pidFile);
			assertThat(systemd.within(Duration.ofSeconds(1))).isEmpty();
			assertThat(ProcProcess.of(pid).threadNames()).doesNotContain("slimta-watchdog");
			Posix.get().kill((int) pid, Signal.SIGTERM.number());
			awaitGone(pid);
		}
	}

	@Test
	void theLauncherFailsWithTheDaemonsReasonWhenThePortIsTaken() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			try (SampleAppProcess launcher = SampleAppProcess.startOnPort(taken.getLocalPort(), daemon(pidFile))) {
				assertThat(launcher.awaitExit()).isNotZero();
				assertThat(launcher.output()).contains("APPLICATION FAILED TO START")
					.contains("Port " + taken.getLocalPort() + " was already in use");
			}
		}
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void theLauncherFailsWithTheDaemonsReasonForAPropertyOnlyTheDaemonChecks() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		try (SampleAppProcess launcher = SampleAppProcess.start(daemon(pidFile,
				"--slimta.system.privileges.user=no-such-user-here"))) {
			assertThat(launcher.awaitExit()).isEqualTo(1);
			// On the launcher's standard error, nothing on its standard output.
			assertThat(launcher.standardError()).contains("APPLICATION FAILED TO START")
				.contains("slimta.system.privileges.user")
				.contains("no user 'no-such-user-here' in the user database");
			assertThat(launcher.standardOutput()).isEmpty();
			assertThat(launcher.portListening()).isFalse();
		}
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void theLauncherReportsAnInvalidPropertyAsItReportsTheDaemonsFailures() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		try (SampleAppProcess launcher = SampleAppProcess.start(daemon(pidFile, "--slimta.system.daemon.umask=abc"))) {
			assertThat(launcher.awaitExit()).isEqualTo(1);
			assertThat(launcher.standardError()).contains("APPLICATION FAILED TO START")
				.contains("Invalid value for property 'slimta.system.daemon.umask': \"abc\"")
				.contains("Action:")
				.contains("Set 'slimta.system.daemon.umask' to an octal number");
			assertThat(launcher.standardOutput()).isEmpty();
			assertThat(launcher.portListening()).isFalse();
		}
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void theLauncherFailsWithTheDaemonsReasonForAPidFileItCannotWrite() throws Exception {
		Path missing = this.directory.resolve("missing");
		try (SampleAppProcess launcher = SampleAppProcess.start(daemon(missing.resolve("app.pid")))) {
			assertThat(launcher.awaitExit()).isEqualTo(1);
			assertThat(launcher.standardError()).contains("APPLICATION FAILED TO START")
				.contains("The pid file '" + missing.resolve("app.pid")
						+ "' (property 'slimta.system.daemon.pid-file') cannot be written: the directory '" + missing
						+ "' does not exist.")
				.contains("Create the directory '" + missing + "'")
				.doesNotContain("\tat ");
			assertThat(launcher.standardOutput()).isEmpty();
			assertThat(launcher.portListening()).isFalse();
		}
		assertThat(missing).doesNotExist();
	}

	@Test
	void aMissingWorkingDirectoryIsNamedAndNothingIsLeftBehind() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		Path missing = this.directory.resolve("missing");
		try (SampleAppProcess launcher = SampleAppProcess.start(daemon(pidFile,
				"--slimta.system.daemon.working-directory=" + missing))) {
			assertThat(launcher.awaitExit()).isEqualTo(1);
			assertThat(launcher.standardError()).contains("APPLICATION FAILED TO START\n\nDescription:\n\n"
					+ "Cannot detach: 'slimta.system.daemon.working-directory' is '" + missing + "', which does not exist."
					+ "\n\nAction:\n\nCreate it, or set 'slimta.system.daemon.working-directory' to an existing directory.\n")
				.doesNotContain("daemon.stdout", "daemon.stderr", "posix_spawn");
			assertThat(launcher.standardOutput()).isEmpty();
			assertThat(launcher.portListening()).isFalse();
		}
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void anOutputFileInAMissingDirectoryIsNamedAloneAndNothingIsLeftBehind() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		Path missing = this.directory.resolve("missing");
		try (SampleAppProcess launcher = SampleAppProcess.start(daemon(pidFile,
				"--slimta.system.daemon.stderr=" + missing.resolve("err.log")))) {
			assertThat(launcher.awaitExit()).isEqualTo(1);
			assertThat(launcher.standardError()).contains("Cannot detach: 'slimta.system.daemon.stderr' is '"
					+ missing.resolve("err.log") + "', in a directory that does not exist ('" + missing + "').")
				.doesNotContain("working-directory", "daemon.stdout", "posix_spawn");
			assertThat(launcher.portListening()).isFalse();
		}
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void thePidFileIsRemovedAfterPrivilegesWereDropped() throws Exception {
		Linux.assumeRoot("drops privileges");
		Path pidFile = this.directory.resolve("app.pid");
		try (SampleAppProcess launcher = SampleAppProcess.start(daemon(pidFile, "--slimta.system.privileges.user=nobody"))) {
			assertThat(launcher.awaitExit()).as(launcher.output()).isZero();
			long pid = daemonPid(pidFile);
			assertThat(JsonPath.<String>read(launcher.get("/actuator/health").body(),
					"$.components.slimta.details.privileges")).isEqualTo("dropped");
			Posix.get().kill((int) pid, Signal.SIGTERM.number());
			awaitGone(pid);
			assertThat(pidFile).doesNotExist();
		}
	}

	@Test
	void theLauncherGivesUpAfterTheReadyTimeoutAndStopsTheDaemon() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		try (SampleAppProcess launcher = SampleAppProcess.start(daemon(pidFile, "--slimta.system.daemon.ready-timeout=100ms"))) {
			assertThat(launcher.awaitExit()).isNotZero();
			String output = launcher.output();
			assertThat(output).contains("was not ready within PT0.1S (slimta.system.daemon.ready-timeout)");
			long pid = Long.parseLong(output.replaceFirst("(?s).*\\(pid (\\d+)\\) was not ready.*", "$1"));
			this.daemons.add(pid);
			awaitGone(pid);
		}
	}

	private static String[] daemon(Path pidFile, String... more) {
		List<String> args = new ArrayList<>(List.of("--slimta.system.daemon.enabled=true",
				"--slimta.system.daemon.pid-file=" + pidFile));
		args.addAll(List.of(more));
		return args.toArray(new String[0]);
	}

	private long daemonPid(Path pidFile) throws IOException {
		long pid = Long.parseLong(Files.readString(pidFile).trim());
		if (!this.daemons.contains(pid)) {
			this.daemons.add(pid);
		}
		return pid;
	}

	private static void awaitContent(Path file, String text) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.exists(file) && Files.readString(file).contains(text)) {
				return;
			}
			Thread.sleep(20);
		}
		assertThat(Files.exists(file) ? Files.readString(file) : "(missing)").contains(text);
	}

	private static void awaitGone(long pid) throws InterruptedException {
		assertThat(ProcProcess.of(pid).awaitGone(Duration.ofSeconds(30))).as("process %d gone", pid).isTrue();
	}

}
