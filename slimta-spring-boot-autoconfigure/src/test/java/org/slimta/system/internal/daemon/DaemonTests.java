package org.slimta.system.internal.daemon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slimta.system.internal.NativeImplementations;

import org.slimta.system.internal.posix.Posix;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Daemon} in a program without Spring, run as real processes: the launcher JVM exits with
 * the detached copy's verdict, and the copy is checked through {@code /proc}; the spawning and the
 * readiness pipe with each implementation of the native calls that this JDK runs.
 */
class DaemonTests {

	@TempDir
	Path directory;

	private final List<Long> daemons = new ArrayList<>();

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("daemon mode exists only on Linux");
	}

	@AfterEach
	void stopDaemons() {
		for (long pid : this.daemons) {
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
		}
	}

	static List<String> implementations() {
		return NativeImplementations.names();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("implementations")
	void theLauncherExitsOnceTheDetachedCopyIsReady(String implementation) throws Exception {
		Process launcher = start(implementation, Map.of());
		String said = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(launcher.waitFor()).as(said).isZero();
		long pid = Long.parseLong(Files.readString(this.directory.resolve("app.pid")).trim());
		this.daemons.add(pid);
		assertThat(said).contains("detached as pid " + pid);
		ProcProcess proc = ProcProcess.of(pid);
		assertThat(proc.sessionId()).as("session id").isEqualTo(pid);
		assertThat(Files.readSymbolicLink(proc.directory().resolve("cwd"))).isEqualTo(this.directory);
		assertThat(proc.statusField("Umask")).isEqualTo("0027");
		assertThat(proc.descriptorTarget(0)).isEqualTo("/dev/null");
		assertThat(proc.descriptorTarget(1)).isEqualTo(this.directory.resolve("out.log").toString());
		assertThat(Files.readString(this.directory.resolve("out.log"))).contains("serving as pid " + pid);
		Posix.get().kill((int) pid, 15);
		ProcessHandle.of(pid).ifPresent((handle) -> handle.onExit().join());
		assertThat(this.directory.resolve("app.pid")).doesNotExist();
	}

	@Test
	void theCopyGetsTheWatchdogMeantForTheLauncherWithItsOwnPid() throws Exception {
		List<Long> copy = new ArrayList<>();
		assertThat(environmentOfTheCopy(Map.of("WATCHDOG_USEC", "30000000"), copy::add))
			.containsEntry("WATCHDOG_USEC", "30000000")
			.containsEntry("WATCHDOG_PID", Long.toString(copy.get(0)));
		// Meant for another process: passed on as it is, so the copy sends no pings either.
		assertThat(environmentOfTheCopy(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "1"), copy::add))
			.containsEntry("WATCHDOG_PID", "1");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("implementations")
	void theLauncherPrintsTheReasonTheCopyGaveAndFails(String implementation) throws Exception {
		Process launcher = start(implementation, Map.of(), "fail");
		String said = new String(launcher.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(launcher.waitFor()).isEqualTo(1);
		assertThat(said).contains("the spool directory is not writable: fix its owner");
		assertThat(this.directory.resolve("app.pid")).doesNotExist();
	}

	private Map<String, String> environmentOfTheCopy(Map<String, String> launcherEnvironment, LongConsumer daemonPid)
			throws Exception {
		Process launcher = start(launcherEnvironment);
		String said = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(launcher.waitFor()).as(said).isZero();
		long pid = Long.parseLong(Files.readString(this.directory.resolve("app.pid")).trim());
		this.daemons.add(pid);
		daemonPid.accept(pid);
		Map<String, String> environment = ProcProcess.of(pid).environment();
		Posix.get().kill((int) pid, 15);
		ProcessHandle.of(pid).ifPresent((handle) -> handle.onExit().join());
		return environment;
	}

	private Process start(Map<String, String> environment) throws Exception {
		return start(System.getProperty(NativeImplementations.PROPERTY, ""), environment);
	}

	private Process start(String implementation, Map<String, String> environment, String... more) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-D" + NativeImplementations.PROPERTY + "=" + implementation, "-cp", System.getProperty("java.class.path"),
				PlainDaemonProgram.class.getName(), this.directory.toString()));
		command.addAll(List.of(more));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().remove("WATCHDOG_PID");
		builder.environment().remove("WATCHDOG_USEC");
		builder.environment().putAll(environment);
		return builder.start();
	}

}
