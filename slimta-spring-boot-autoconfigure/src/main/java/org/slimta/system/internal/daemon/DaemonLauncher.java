package org.slimta.system.internal.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

import org.slimta.system.internal.posix.NativeProcesses;
import org.slimta.system.internal.posix.NativeProcesses.Pipe;
import org.slimta.system.internal.posix.Redirection;
import org.slimta.system.internal.posix.SpawnRequest;

/**
 * Detaches this JVM: starts a copy of it with {@code posix_spawn} (never {@code fork()} in a JVM)
 * in a new session, with its working directory, standard streams on {@code /dev/null} or files
 * (appended), a signal mask, and no descriptor of this process but the write end of a pipe; then
 * waits on that pipe until the copy says it is ready, or failed, or the time is up.
 * <p>
 * systemd's watchdog, when it was meant for this process, is handed over to the copy, which
 * becomes the service's main process: the copy starts through {@code /bin/sh}, which puts its own
 * pid (the copy's, as {@code exec} keeps it) in {@code WATCHDOG_PID}, as {@code sd_notify(3)}
 * wants, so that the children of the copy still see a watchdog that is not theirs.
 */
final class DaemonLauncher {

	private static final Path DEV_NULL = Path.of("/dev/null");

	private static final Path SHELL = Path.of("/bin/sh");

	// $0 is the java program, "$@" its arguments; exec keeps the pid that $$ names.
	static final String WATCHDOG_HANDOVER = "WATCHDOG_PID=$$; export WATCHDOG_PID; exec \"$0\" \"$@\"";

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
	 * @param handOverWatchdog whether systemd's watchdog, if it is meant for this process, goes to
	 * the copy
	 * @return what happened
	 * @throws org.slimta.system.internal.posix.PosixException if the copy could not be started (a missing
	 * working directory or output directory)
	 */
	static Outcome launch(JvmCommandLine commandLine, List<String> jvmOptions, Set<Integer> signalMask,
			Path workingDirectory, Path stdout, Path stderr, Duration readyTimeout, boolean handOverWatchdog) {
		NativeProcesses calls = NativeProcesses.get();
		Pipe pipe = calls.pipe();
		List<String> options = new ArrayList<>(jvmOptions);
		options.add("-D" + ReadinessPipe.PROPERTY + "=" + pipe.writeEnd());
		JvmCommandLine daemon = commandLine.withJvmOptions(options);
		boolean watchdog = handOverWatchdog && watchdogIsMine(System.getenv(), ProcessHandle.current().pid());
		boolean throughShell = watchdog && Files.isExecutable(SHELL);
		List<String> command = throughShell ? throughShell(daemon) : daemon.arguments();
		SpawnRequest request = new SpawnRequest(throughShell ? SHELL.toString() : daemon.executable(), command,
				environment(System.getenv(), watchdog), workingDirectory, signalMask, true, true,
				Redirection.file(DEV_NULL, StandardOpenOption.READ), output(stdout), output(stderr),
				Set.of(pipe.writeEnd()));
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

	/**
	 * The copy's environment: this process's without the descriptors systemd passed (they belong to
	 * this pid) and, when the watchdog is handed over, without {@code WATCHDOG_PID}, which then
	 * names the copy (set by the shell, or left unset, meaning the process that reads it).
	 * @param launcher this process's environment
	 * @param handOverWatchdog whether the watchdog goes to the copy
	 * @return the environment
	 */
	static Map<String, String> environment(Map<String, String> launcher, boolean handOverWatchdog) {
		Map<String, String> environment = new HashMap<>(launcher);
		environment.remove("LISTEN_PID");
		environment.remove("LISTEN_FDS");
		environment.remove("LISTEN_FDNAMES");
		if (handOverWatchdog) {
			environment.remove(SystemdWatchdog.WATCHDOG_PID);
		}
		return environment;
	}

	/**
	 * Whether systemd's watchdog is meant for this process.
	 * @param environment this process's environment
	 * @param pid this process's pid
	 * @return whether it is; {@code false} for malformed values, as {@code sd_watchdog_enabled(3)}
	 * has it
	 */
	static boolean watchdogIsMine(Map<String, String> environment, long pid) {
		try {
			return SystemdWatchdog.interval(environment, pid).isPresent();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The copy's command line run through {@code sh -c}, which sets {@code WATCHDOG_PID} to its own
	 * pid and then executes the copy in its place.
	 * @param copy the copy's command line
	 * @return the shell's argument vector
	 */
	static List<String> throughShell(JvmCommandLine copy) {
		List<String> command = new ArrayList<>(List.of("sh", "-c", WATCHDOG_HANDOVER, copy.executable()));
		command.addAll(copy.arguments().subList(1, copy.arguments().size()));
		return command;
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
