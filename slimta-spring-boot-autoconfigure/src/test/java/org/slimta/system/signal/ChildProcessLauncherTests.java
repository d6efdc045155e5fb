package org.slimta.system.signal;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slimta.system.internal.posix.NativeProcesses;
import org.slimta.system.internal.posix.NativeSignals;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ChildProcessLauncherTests {

	// What a process prepared for signalfd blocks in every thread.
	private static final Set<Integer> BLOCKED = Set.of(Signal.SIGHUP.number(), Signal.SIGTERM.number());

	// What systemd gives a service: this process's, not its children's.
	private static final Map<String, String> SERVICE = Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC",
			"2000000", "LISTEN_PID", "4711", "LISTEN_FDS", "1", "LISTEN_FDNAMES", "http");

	// Each implementation of the native calls this JVM runs (jnr; the foreign function API on JDK 22+).
	private static final String IMPLEMENTATIONS = "org.slimta.system.internal.posix.Implementations#processes";

	@TempDir
	Path directory;

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("children are spawned natively only on Linux");
	}

	@Test
	void plainProcessBuilderChildInheritsTheBlockedSignals() throws Exception {
		assumeTrue(Runtime.version().feature() < 25,
				"measured: JDK 25's ProcessBuilder starts children with an empty signal mask; JDK 17's passes it on");
		Process child = withBlockedSignals(() -> new ProcessBuilder("sleep", "60").start());
		try {
			assertThat(ProcProcess.of(child).blockedSignals()).containsAll(BLOCKED);
		}
		finally {
			child.destroyForcibly().waitFor();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void launchedChildHasACleanSignalStateAndEndsOnSigterm(NativeProcesses processes) throws Exception {
		ChildProcessLauncher launcher = new ChildProcessLauncher(System.getenv(), processes);
		Process child = withBlockedSignals(() -> launcher.start(new ProcessBuilder("sleep", "60")));
		ProcProcess proc = ProcProcess.of(child);
		try {
			assertThat(proc.blockedSignals()).isEmpty();
			assertThat(proc.ignoredSignals()).isEmpty();
			assertThat(child.isAlive()).isTrue();
		}
		finally {
			child.destroy();
		}
		assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(child.exitValue()).isEqualTo(143);
		assertThat(child.isAlive()).isFalse();
		assertThat(proc.exists()).as("reaped, no zombie left").isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void destroyForciblyKills(NativeProcesses processes) throws Exception {
		ChildProcessLauncher launcher = new ChildProcessLauncher(System.getenv(), processes);
		Process child = launcher.start(new ProcessBuilder("sleep", "60"));
		assertThat(child.destroyForcibly().waitFor()).isEqualTo(137);
		assertThat(child.onExit().get(60, TimeUnit.SECONDS)).isSameAs(child);
		assertThat(ProcProcess.of(child).exists()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void roundTripsThroughPipes(NativeProcesses processes) throws Exception {
		ChildProcessLauncher launcher = new ChildProcessLauncher(System.getenv(), processes);
		Process child = launcher.start(new ProcessBuilder("cat"));
		child.getOutputStream().write("hello through cat\n".getBytes(StandardCharsets.UTF_8));
		child.getOutputStream().close();
		assertThat(read(child.getInputStream())).isEqualTo("hello through cat\n");
		assertThat(child.waitFor()).isZero();
		assertThat(ProcProcess.of(child).exists()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void keepsStandardErrorSeparateUnlessMerged(NativeProcesses processes) throws Exception {
		ChildProcessLauncher launcher = new ChildProcessLauncher(System.getenv(), processes);
		String script = "echo out; echo err >&2; exit 7";
		Process separate = launcher.start(new ProcessBuilder("sh", "-c", script));
		assertThat(read(separate.getInputStream())).isEqualTo("out\n");
		assertThat(read(separate.getErrorStream())).isEqualTo("err\n");
		assertThat(separate.waitFor()).isEqualTo(7);
		Process merged = launcher.start(new ProcessBuilder("sh", "-c", script).redirectErrorStream(true));
		assertThat(read(merged.getInputStream())).isEqualTo("out\nerr\n");
		assertThat(read(merged.getErrorStream())).isEmpty();
		assertThat(merged.waitFor()).isEqualTo(7);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void redirectsToAndFromFiles(NativeProcesses processes) throws Exception {
		ChildProcessLauncher launcher = new ChildProcessLauncher(System.getenv(), processes);
		Path input = Files.writeString(this.directory.resolve("in.txt"), "line\n");
		Path output = Files.writeString(this.directory.resolve("out.txt"), "old content\n");
		Path errors = Files.writeString(this.directory.resolve("err.txt"), "kept\n");
		ProcessBuilder builder = new ProcessBuilder("sh", "-c", "cat; echo warning >&2")
			.redirectInput(Redirect.from(input.toFile()))
			.redirectOutput(Redirect.to(output.toFile()))
			.redirectError(Redirect.appendTo(errors.toFile()));
		Process child = launcher.start(builder);
		assertThat(child.waitFor()).isZero();
		assertThat(Files.readString(output)).isEqualTo("line\n");
		assertThat(Files.readString(errors)).isEqualTo("kept\nwarning\n");
		assertThat(read(child.getInputStream())).isEmpty();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> child.getOutputStream().write(1));
		Process discarding = launcher.start(new ProcessBuilder("echo", "gone").redirectOutput(Redirect.DISCARD));
		assertThat(discarding.waitFor()).isZero();
		assertThat(read(discarding.getInputStream())).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void appliesWorkingDirectoryAndEnvironment(NativeProcesses processes) throws Exception {
		ChildProcessLauncher launcher = new ChildProcessLauncher(System.getenv(), processes);
		ProcessBuilder builder = new ProcessBuilder("sh", "-c", "pwd; echo \"$GREETING\"; echo \"${HOME:-unset}\"")
			.directory(this.directory.toFile());
		builder.environment().put("GREETING", "hello");
		builder.environment().remove("HOME");
		Process child = launcher.start(builder);
		assertThat(read(child.getInputStream())).isEqualTo(this.directory.toRealPath() + "\nhello\nunset\n");
		assertThat(child.waitFor()).isZero();
	}

	@Test
	void leavesOutTheServiceVariablesAChildWouldOnlyInherit() throws Exception {
		ChildProcessLauncher underSystemd = new ChildProcessLauncher(SERVICE);
		ProcessBuilder builder = builderInheriting(SERVICE);
		Process child = underSystemd.start(builder);
		try {
			assertThat(environmentOf(child)).doesNotContainKeys("NOTIFY_SOCKET", "WATCHDOG_USEC", "LISTEN_PID", "LISTEN_FDS")
				.containsEntry("LISTEN_FDNAMES", "child-own")
				.containsEntry("WATCHDOG_PID", "4242")
				.containsEntry("KEPT", "yes");
			assertThat(builder.environment()).as("the caller's builder").containsEntry("NOTIFY_SOCKET", "/run/systemd/notify");
		}
		finally {
			child.destroyForcibly().waitFor();
		}
	}

	@Test
	void appliesTheSameEnvironmentToACopyOfTheBuilderWhenFallingBack() throws Exception {
		ChildProcessLauncher underSystemd = new ChildProcessLauncher(SERVICE);
		ProcessBuilder builder = builderInheriting(SERVICE).directory(this.directory.toFile())
			.redirectOutput(Redirect.DISCARD)
			.redirectErrorStream(true);
		ProcessBuilder copy = underSystemd.copyForChild(builder);
		assertThat(copy).isNotSameAs(builder);
		assertThat(copy.command()).isEqualTo(builder.command()).isNotSameAs(builder.command());
		assertThat(copy.directory()).isEqualTo(builder.directory());
		assertThat(copy.redirectInput()).isEqualTo(builder.redirectInput());
		assertThat(copy.redirectOutput()).isEqualTo(Redirect.DISCARD);
		assertThat(copy.redirectErrorStream()).isTrue();
		assertThat(builder.environment()).as("the caller's builder").containsAllEntriesOf(Map.of("NOTIFY_SOCKET",
				"/run/systemd/notify", "LISTEN_PID", "4711", "LISTEN_FDNAMES", "child-own"));
		Process child = copy.start();
		try {
			assertThat(environmentOf(child)).doesNotContainKeys("NOTIFY_SOCKET", "WATCHDOG_USEC", "LISTEN_PID", "LISTEN_FDS")
				.containsEntry("LISTEN_FDNAMES", "child-own")
				.containsEntry("WATCHDOG_PID", "4242")
				.containsEntry("KEPT", "yes");
		}
		finally {
			child.destroyForcibly().waitFor();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void passesOnAServiceVariableTheBuilderSetsToItsOwnValue(NativeProcesses processes) throws Exception {
		ChildProcessLauncher launcher = new ChildProcessLauncher(System.getenv(), processes);
		ProcessBuilder builder = new ProcessBuilder("sleep", "60");
		builder.environment().put("NOTIFY_SOCKET", this.directory.resolve("child-notify.sock").toString());
		Process child = launcher.start(builder);
		try {
			assertThat(environmentOf(child)).containsEntry("NOTIFY_SOCKET",
					this.directory.resolve("child-notify.sock").toString());
		}
		finally {
			child.destroyForcibly().waitFor();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void passesOnNoDescriptorBeyondTheStandardStreams(NativeProcesses processes) throws Exception {
		ChildProcessLauncher launcher = new ChildProcessLauncher(System.getenv(), processes);
		Process child = launcher.start(new ProcessBuilder("sleep", "60"));
		try {
			ProcProcess proc = ProcProcess.of(child);
			assertThat(proc.descriptorsOnceSettled(Set.of(0, 1, 2))).containsExactly(0, 1, 2);
			for (int fd = 0; fd <= 2; fd++) {
				assertThat(proc.descriptorTarget(fd)).startsWith("pipe:");
			}
		}
		finally {
			child.destroyForcibly().waitFor();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void reportsAProgramThatCannotRunAsProcessBuilderDoes(NativeProcesses processes) {
		ChildProcessLauncher launcher = new ChildProcessLauncher(System.getenv(), processes);
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> launcher.start(new ProcessBuilder("no-such-program-on-the-path")))
			.withMessageStartingWith("Cannot run program \"no-such-program-on-the-path\": posix_spawnp");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> launcher
				.start(new ProcessBuilder("cat").redirectInput(this.directory.resolve("missing").toFile())))
			.withMessageContaining("missing");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void exposesTheChildAsAProcessHandle(NativeProcesses processes) throws Exception {
		ChildProcessLauncher launcher = new ChildProcessLauncher(System.getenv(), processes);
		Process child = launcher.start(new ProcessBuilder("sleep", "60"));
		try {
			assertThat(child.toHandle().pid()).isEqualTo(child.pid());
			assertThat(child.toHandle().parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
			assertThatExceptionOfType(IllegalThreadStateException.class).isThrownBy(child::exitValue);
		}
		finally {
			child.destroy();
			child.waitFor();
		}
	}

	private static String read(java.io.InputStream stream) throws IOException {
		return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
	}

	// A sleep whose environment holds the service's variables as if inherited, one changed and one added.
	private static ProcessBuilder builderInheriting(Map<String, String> service) {
		ProcessBuilder builder = new ProcessBuilder("sleep", "60");
		builder.environment().putAll(service);
		builder.environment().put("LISTEN_FDNAMES", "child-own");
		builder.environment().put("WATCHDOG_PID", "4242");
		builder.environment().put("KEPT", "yes");
		return builder;
	}

	// posix_spawn returns once the old memory is released, a moment before the kernel fills in the new environment.
	private static Map<String, String> environmentOf(Process child) throws IOException, InterruptedException {
		ProcProcess proc = ProcProcess.of(child);
		Map<String, String> environment = proc.environment();
		for (int attempt = 0; attempt < 200 && environment.isEmpty(); attempt++) {
			Thread.sleep(50);
			environment = proc.environment();
		}
		return environment;
	}

	// On a new thread, so that this JVM's own threads keep their masks.
	private static <T> T withBlockedSignals(Callable<T> body) throws Exception {
		AtomicReference<T> result = new AtomicReference<>();
		AtomicReference<Exception> failure = new AtomicReference<>();
		Thread thread = new Thread(() -> {
			NativeSignals.get().block(BLOCKED);
			try {
				result.set(body.call());
			}
			catch (Exception ex) {
				failure.set(ex);
			}
			finally {
				NativeSignals.get().unblock(BLOCKED);
			}
		});
		thread.start();
		thread.join();
		if (failure.get() != null) {
			throw failure.get();
		}
		return result.get();
	}

}
