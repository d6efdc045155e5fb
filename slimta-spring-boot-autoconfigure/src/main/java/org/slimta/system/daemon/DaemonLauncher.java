package org.slimta.system.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slimta.system.posix.NativeProcesses;
import org.slimta.system.posix.NativeProcesses.Pipe;
import org.slimta.system.posix.Redirection;
import org.slimta.system.posix.SpawnRequest;

/**
 * Detaches this JVM: starts a copy of it with {@code posix_spawn} (never {@code fork()} in a JVM)
 * in a new session, with its working directory, standard streams on {@code /dev/null} or files
 * (appended), a signal mask, and no descriptor of this process but the write end of a pipe; then
 * waits on that pipe until the copy says it is ready, or failed, or the time is up.
 */
final class DaemonLauncher {

	private static final Path DEV_NULL = Path.of("/dev/null");

	private DaemonLauncher() {
	}

	/**
	 * Start the detached copy and wait for its verdict.
	 * @param commandLine this JVM's command line
	 * @param jvmOptions options for the copy's JVM (besides the readiness pipe's)
	 * @param signalMask the signals the copy starts with blocked
	 * @param workingDirectory the copy's working directory
	 * @param stdout where the copy's standard output goes, appended
	 * @param stderr where the copy's standard error goes, appended
	 * @param readyTimeout how long to wait
	 * @return what happened
	 * @throws org.slimta.system.posix.PosixException if the copy could not be started (a missing
	 * working directory or output directory)
	 */
	static Outcome launch(JvmCommandLine commandLine, List<String> jvmOptions, Set<Integer> signalMask,
			Path workingDirectory, Path stdout, Path stderr, Duration readyTimeout) {
		NativeProcesses calls = NativeProcesses.get();
		Pipe pipe = calls.pipe();
		List<String> options = new ArrayList<>(jvmOptions);
		options.add("-D" + ReadinessPipe.PROPERTY + "=" + pipe.writeEnd());
		JvmCommandLine daemon = commandLine.withJvmOptions(options);
		Map<String, String> environment = new HashMap<>(System.getenv());
		// Descriptors systemd passed belong to this pid, not to the copy.
		environment.remove("LISTEN_PID");
		environment.remove("LISTEN_FDS");
		environment.remove("LISTEN_FDNAMES");
		SpawnRequest request = new SpawnRequest(daemon.executable(), daemon.arguments(), environment,
				workingDirectory, signalMask, true, true, Redirection.file(DEV_NULL, StandardOpenOption.READ),
				output(stdout), output(stderr), Set.of(pipe.writeEnd()));
		int pid;
		try {
			pid = calls.spawn(request);
		}
		catch (RuntimeException ex) {
			calls.close(pipe.readEnd());
			throw ex;
		}
		finally {
			calls.close(pipe.writeEnd());
		}
		InputStream verdict = calls.inputStream(pipe.readEnd());
		CompletableFuture<String> message = CompletableFuture.supplyAsync(() -> {
			try (verdict) {
				return new String(verdict.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return "";
			}
		});
		try {
			String said = message.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
			if (said.startsWith(ReadinessPipe.READY)) {
				return new Outcome(pid, 0, "detached as pid " + pid);
			}
			if (said.startsWith(ReadinessPipe.FAILED)) {
				calls.reap(pid);
				return new Outcome(pid, 1, said.substring(ReadinessPipe.FAILED.length()).strip());
			}
			int status = calls.reap(pid);
			return new Outcome(pid, 1, "the detached process (pid " + pid + ") ended with status " + status
					+ " before it was ready; its standard error went to " + stderr);
		}
		catch (TimeoutException ex) {
			calls.kill(pid, 15);
			return new Outcome(pid, 1, "the detached process (pid " + pid + ") was not ready within " + readyTimeout
					+ " (slimta.system.daemon.ready-timeout); it was sent SIGTERM");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome(pid, 1, "interrupted while waiting for the detached process (pid " + pid + ")");
		}
		catch (ExecutionException ex) {
			return new Outcome(pid, 1, "waiting for the detached process failed: " + ex.getCause());
		}
	}

	private static Redirection output(Path path) {
		return Redirection.file(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND, StandardOpenOption.CREATE);
	}

	/**
	 * What became of a detached copy.
	 *
	 * @param pid its pid
	 * @param exitStatus what the launcher exits with: 0 once the copy is ready
	 * @param message what the launcher says: the reason of a failure, as the copy reported it
	 */
	record Outcome(int pid, int exitStatus, String message) {

	}

}
