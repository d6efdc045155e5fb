package org.slimta.system.internal.posix;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.types.intptr_t;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The contract of {@link NativeProcesses}, for each implementation this JVM can run.
 */
class NativeProcessesTests {

	private static final String IMPLEMENTATIONS = "org.slimta.system.internal.posix.Implementations#processes";

	private static final int SIGHUP = 1;

	private static final int SIGUSR1 = 10;

	private static final int SIGKILL = 9;

	private static final int SIGTERM = 15;

	// SIGWINCH: ignoring it in this JVM changes nothing, its default action is to ignore it.
	private static final int SIGWINCH = 28;

	@TempDir
	Path directory;

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("posix_spawn is only used on Linux");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void startsTheChildWithTheRequestedSignalMask(NativeProcesses processes) throws Exception {
		int pid = processes.spawn(SpawnRequest.of("sleep", "60").withSignalMask(Set.of(SIGHUP, SIGUSR1)));
		try {
			assertThat(ProcProcess.of(pid).blockedSignals()).containsExactly(SIGHUP, SIGUSR1);
		}
		finally {
			processes.kill(pid, SIGKILL);
			assertThat(processes.reap(pid)).isEqualTo(128 + SIGKILL);
		}
		assertThat(ProcProcess.of(pid).exists()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void restoresDefaultActionsOfSignalsTheParentIgnores(NativeProcesses processes) throws Exception {
		long previous = Signals.LIBRARY.signal(SIGWINCH, Signals.SIG_IGN);
		try {
			int clean = processes.spawn(SpawnRequest.of("sleep", "60"));
			int inheriting = processes.spawn(SpawnRequest.of("sleep", "60").withDefaultSignalActions(false));
			try {
				assertThat(ProcProcess.of(clean).ignoredSignals()).isEmpty();
				assertThat(ProcProcess.of(inheriting).ignoredSignals()).contains(SIGWINCH);
			}
			finally {
				processes.kill(clean, SIGKILL);
				processes.kill(inheriting, SIGKILL);
				processes.reap(clean);
				processes.reap(inheriting);
			}
		}
		finally {
			Signals.LIBRARY.signal(SIGWINCH, previous);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void startsANewSessionWhenAsked(NativeProcesses processes) throws Exception {
		int leader = processes.spawn(SpawnRequest.of("sleep", "60").withNewSession(true));
		int member = processes.spawn(SpawnRequest.of("sleep", "60"));
		try {
			assertThat(ProcProcess.of(leader).sessionId()).isEqualTo(leader);
			assertThat(ProcProcess.of(member).sessionId()).isEqualTo(ProcProcess.of(ProcessHandle.current().pid()).sessionId());
		}
		finally {
			processes.kill(leader, SIGTERM);
			processes.kill(member, SIGTERM);
			assertThat(processes.reap(leader)).isEqualTo(128 + SIGTERM);
			assertThat(processes.reap(member)).isEqualTo(128 + SIGTERM);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void passesOnOnlyTheStandardStreamsAndTheDescriptorsToKeep(NativeProcesses processes) throws Exception {
		NativeProcesses.Pipe pipe = processes.pipe();
		try {
			for (NativeProcesses calls : new NativeProcesses[] { processes, processes.withoutNonPortableFileActions() }) {
				assertThat(descriptorsOf(calls, SpawnRequest.of("sleep", "60"), Set.of(0, 1, 2))).containsExactly(0, 1, 2);
				assertThat(descriptorsOf(calls, SpawnRequest.of("sleep", "60").withKeepOpen(Set.of(pipe.writeEnd())),
						Set.of(0, 1, 2, pipe.writeEnd())))
					.containsExactly(0, 1, 2, pipe.writeEnd());
			}
		}
		finally {
			processes.close(pipe.readEnd());
			processes.close(pipe.writeEnd());
		}
	}

	private Set<Integer> descriptorsOf(NativeProcesses calls, SpawnRequest request, Set<Integer> expected)
			throws Exception {
		int pid = calls.spawn(request);
		try {
			return ProcProcess.of(pid).descriptorsOnceSettled(expected);
		}
		finally {
			calls.kill(pid, SIGKILL);
			calls.reap(pid);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void makesPipesWhoseEndsAreCloseOnExec(NativeProcesses processes) throws Exception {
		NativeProcesses.Pipe pipe = processes.pipe();
		try {
			for (int fd : new int[] { pipe.readEnd(), pipe.writeEnd() }) {
				assertThat(Files.readString(Path.of("/proc/self/fdinfo/" + fd))).containsPattern("flags:\\s+0[0-7]*2[0-7]{6}\\b");
			}
		}
		finally {
			processes.close(pipe.readEnd());
			processes.close(pipe.writeEnd());
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void appliesWorkingDirectoryEnvironmentAndRedirects(NativeProcesses processes) throws Exception {
		Path input = Files.writeString(this.directory.resolve("in.txt"), "from a file\n");
		Path work = Files.createDirectory(this.directory.resolve("work"));
		int variant = 0;
		for (NativeProcesses calls : new NativeProcesses[] { processes, processes.withoutNonPortableFileActions() }) {
			Path output = this.directory.resolve("out" + (variant++) + ".txt");
			SpawnRequest request = SpawnRequest.of("sh", "-c", "pwd; echo \"$GREETING\"; cat; echo oops >&2")
				.withEnvironment(Map.of("GREETING", "hello", "PATH", System.getenv("PATH")))
				.withWorkingDirectory(work)
				.withStandardStreams(Redirection.file(input, StandardOpenOption.READ),
						Redirection.file(output, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW),
						Redirection.descriptor(1));
			assertThat(calls.reap(calls.spawn(request))).isZero();
			assertThat(Files.readString(output)).isEqualTo(work.toRealPath() + "\nhello\nfrom a file\noops\n");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void readsAndWritesPipesThroughStreams(NativeProcesses processes) throws Exception {
		NativeProcesses.Pipe input = processes.pipe();
		NativeProcesses.Pipe output = processes.pipe();
		int pid = processes.spawn(SpawnRequest.of("cat")
			.withStandardStreams(Redirection.descriptor(input.readEnd()), Redirection.descriptor(output.writeEnd()),
					Redirection.inherit()));
		processes.close(input.readEnd());
		processes.close(output.writeEnd());
		try (var in = processes.outputStream(input.writeEnd()); var out = processes.inputStream(output.readEnd())) {
			in.write("round trip".getBytes(StandardCharsets.UTF_8), 0, 5);
			in.write("round trip".getBytes(StandardCharsets.UTF_8), 5, 5);
			in.close();
			byte[] read = new byte[32];
			int length = 0;
			for (int count; (count = out.read(read, length, read.length - length)) != -1;) {
				length += count;
			}
			assertThat(new String(read, 0, length, StandardCharsets.UTF_8)).isEqualTo("round trip");
		}
		assertThat(processes.reap(pid)).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void reportsTheExitStatusOrTheEndingSignal(NativeProcesses processes) {
		assertThat(processes.reap(processes.spawn(SpawnRequest.of("sh", "-c", "exit 3")))).isEqualTo(3);
		assertThat(processes.reap(processes.spawn(SpawnRequest.of("sh", "-c", "kill -TERM $$")))).isEqualTo(143);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void reportsAMissingProgramWithItsErrno(NativeProcesses processes) {
		assertThatExceptionOfType(PosixException.class)
			.isThrownBy(() -> processes.spawn(SpawnRequest.of("/nonexistent/program")))
			.satisfies((ex) -> assertThat(ex.getErrnoName()).isEqualTo("ENOENT"))
			.withMessageStartingWith("posix_spawn(/nonexistent/program): ENOENT");
		assertThatExceptionOfType(PosixException.class)
			.isThrownBy(() -> processes.spawn(SpawnRequest.of("no-such-program-on-the-path")))
			.withMessageStartingWith("posix_spawnp(no-such-program-on-the-path): ENOENT");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void awaitsTheExitOfAChildWithoutReapingIt(NativeProcesses processes) throws Exception {
		int pid = processes.spawn(SpawnRequest.of("sh", "-c", "exit 7"));
		processes.awaitExit(pid);
		// ended but not reaped: the pid stays taken, a zombie, until reap
		assertThat(ProcProcess.of(pid).state()).isEqualTo('Z');
		processes.kill(pid, 0);
		assertThat(processes.reap(pid)).isEqualTo(7);
		assertThat(ProcProcess.of(pid).exists()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void reportsAFailedKillOrWaitWithItsErrno(NativeProcesses processes) {
		assertThatExceptionOfType(PosixException.class).isThrownBy(() -> processes.kill(Integer.MAX_VALUE, 0))
			.withMessage("kill(2147483647, 0): ESRCH (No such process)");
		assertThatExceptionOfType(PosixException.class).isThrownBy(() -> processes.reap(Integer.MAX_VALUE))
			.satisfies((ex) -> assertThat(ex.getErrnoName()).isEqualTo("ECHILD"))
			.withMessageStartingWith("waitpid(2147483647): ECHILD");
		assertThatExceptionOfType(PosixException.class).isThrownBy(() -> processes.awaitExit(Integer.MAX_VALUE))
			.withMessageStartingWith("waitid(P_PID, 2147483647, WEXITED | WNOWAIT): ECHILD");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void closesAStreamsDescriptorOnceAndReportsUseAfterClose(NativeProcesses processes) throws Exception {
		NativeProcesses.Pipe pipe = processes.pipe();
		var in = processes.inputStream(pipe.readEnd());
		var out = processes.outputStream(pipe.writeEnd());
		out.write(new byte[] { 42 });
		assertThat(in.read()).isEqualTo(42);
		in.close();
		in.close();
		out.close();
		assertThat(Path.of("/proc/self/fd/" + pipe.readEnd())).doesNotExist();
		assertThatExceptionOfType(java.io.IOException.class).isThrownBy(in::read).withMessage("Stream closed");
		assertThatExceptionOfType(java.io.IOException.class).isThrownBy(() -> out.write(1))
			.withMessage("Stream closed");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void reportsAFailedReadOrWriteWithItsErrno(NativeProcesses processes) throws Exception {
		NativeProcesses.Pipe pipe = processes.pipe();
		// each end used the wrong way round: EBADF
		try (var wrongIn = processes.inputStream(pipe.writeEnd());
				var wrongOut = processes.outputStream(pipe.readEnd())) {
			assertThatExceptionOfType(java.io.IOException.class).isThrownBy(wrongIn::read)
				.withMessageStartingWith("read(" + pipe.writeEnd() + "): EBADF");
			assertThatExceptionOfType(java.io.IOException.class).isThrownBy(() -> wrongOut.write(1))
				.withMessageStartingWith("write(" + pipe.readEnd() + "): EBADF");
		}
	}

	@Test
	void theForeignImplementationIsUnavailableBeforeJdk22WithTheReason() {
		assumeFalse(Implementations.foreignAvailable(), "JDK 22 and later run the foreign implementation");
		LibcBinding<NativeProcesses> binding = NativeProcesses.bind(true);
		assertThat(binding.availability().available()).isFalse();
		assertThat(binding.availability().reason()).contains("the JDK's foreign function API failed to bind libc");
	}

	/** {@code signal(2)}, to make this JVM ignore a harmless signal. */
	public interface Signals {

		long SIG_IGN = 1;

		Signals LIBRARY = LibraryLoader.create(Signals.class).load(Platform.getNativePlatform().getStandardCLibraryName());

		@intptr_t
		long signal(int signal, @intptr_t long handler);

	}

}
