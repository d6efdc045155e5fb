package org.slimta.system.internal.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slimta.system.daemon.Umask;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.internal.posix.PosixException;

/**
 * Daemon mode for a program without Spring, from the top of {@code main}: the first run of the
 * program (the launcher) starts a detached copy of itself and exits with the copy's verdict; in
 * the copy, {@link #detach} returns, and the program says {@link #ready()} once it serves.
 * <pre class="code">
 * public static void main(String[] args) throws Exception {
 *     Daemon daemon = Daemon.detach(Daemon.Settings.DEFAULTS.withOutput(Path.of("/var/log/relay/relay.log")));
 *     PidFile pidFile = PidFile.create(Path.of("/run/relay/relay.pid"));
 *     Runtime.getRuntime().addShutdownHook(new Thread(() -&gt; close(pidFile)));
 *     startServing();
 *     daemon.ready();    // the launcher exits 0
 * }
 * </pre>
 * If the copy ends before it is ready, or calls {@link #failed(String)}, the launcher prints why
 * and exits 1. The Spring Boot starter does all this itself with
 * {@code slimta.system.daemon.enabled=true}.
 */
public final class Daemon {

	private final ReadinessPipe pipe;

	private Daemon(ReadinessPipe pipe) {
		this.pipe = pipe;
	}

	/**
	 * In the launcher, start the detached copy, wait for its verdict and exit with it (never
	 * returns); in the copy, apply the umask and return.
	 * @param settings how to detach
	 * @return the detached process's daemon, to report readiness with
	 */
	public static Daemon detach(Settings settings) {
		if (!ReadinessPipe.isDaemon()) {
			int status;
			try {
				status = launch(settings, List.of(), Set.of());
			}
			catch (PosixException ex) {
				System.err.println("Cannot detach: " + ex.getMessage() + ". Check that the working directory ("
						+ settings.workingDirectory() + ") exists and that the directories of the output files ("
						+ settings.stdout() + ", " + settings.stderr() + ") do.");
				status = 1;
			}
			System.exit(status);
		}
		settle(settings.umask());
		// A daemon: started with the pipe's descriptor, so the pipe is there.
		return new Daemon(Objects.requireNonNull(ReadinessPipe.current()));
	}

	/**
	 * Start a detached copy of this JVM, wait for its verdict and print it: on standard output
	 * once the copy is ready, having told systemd the copy's pid if {@code NOTIFY_SOCKET} is set
	 * and {@link Settings#notifySystemd()}; on standard error otherwise, having told systemd the
	 * reason as {@code STATUS=}. The copy gets systemd's watchdog if it was meant for this process.
	 * @param settings how to detach
	 * @param jvmOptions more options for the copy's JVM
	 * @param signalMask the signals the copy starts with blocked
	 * @return the status for the launcher to exit with: 0 once the copy is ready
	 * @throws PosixException if the copy could not be started (a missing working directory or
	 * output directory)
	 */
	public static int launch(Settings settings, List<String> jvmOptions, Set<Integer> signalMask) {
		JvmCommandLine commandLine;
		try {
			commandLine = JvmCommandLine.current().withAbsolutePaths(Path.of("").toAbsolutePath());
		}
		catch (IOException ex) {
			return failed("Cannot detach: this JVM's command line cannot be read: " + ex.getMessage(),
					settings.notifySystemd());
		}
		DaemonLauncher.Outcome outcome = DaemonLauncher.launch(commandLine, jvmOptions, signalMask,
				settings.workingDirectory(), settings.stdout(), settings.stderr(), settings.readyTimeout(),
				settings.notifySystemd());
		PrintStream out = (outcome.exitStatus() == 0) ? System.out : System.err;
		out.println(outcome.message());
		if (outcome.exitStatus() == 0 && settings.notifySystemd()) {
			handOverToSystemd(outcome.pid());
		}
		else if (settings.notifySystemd()) {
			tellSystemdWhy(outcome.message());
		}
		System.out.flush();
		System.err.flush();
		return outcome.exitStatus();
	}

	/**
	 * In the launcher, say why no detached copy runs: the message on standard error and, when
	 * asked and {@code NOTIFY_SOCKET} is set, the reason to systemd as {@code STATUS=}.
	 * @param message what went wrong and how to fix it
	 * @param notifySystemd whether systemd may be told
	 * @return the status for the launcher to exit with
	 */
	public static int failed(String message, boolean notifySystemd) {
		System.err.println(message);
		if (notifySystemd) {
			tellSystemdWhy(message);
		}
		System.err.flush();
		return 1;
	}

	/**
	 * In the detached copy, take on the settings the launcher could not give it: the umask.
	 * @param umask the file mode creation mask
	 */
	public static void settle(Umask umask) {
		Posix.get().umask(umask.bits());
	}

	// The launcher is the process systemd started, the only one NotifyAccess=main listens to.
	private static void handOverToSystemd(int pid) {
		try {
			Optional<SystemdNotifier> systemd = SystemdNotifier.fromEnvironment();
			if (systemd.isPresent()) {
				systemd.get().ready(pid);
				System.out.println("told systemd MAINPID=" + pid + " and READY=1 through " + systemd.get().socket());
			}
		}
		catch (IOException | RuntimeException ex) {
			// The daemon serves: stopping it would not help systemd, which says what it misses.
			System.err.println("Could not tell systemd MAINPID=" + pid + " and READY=1: " + ex);
		}
	}

	// The detached process's own STATUS= would come from a pid that systemd does not listen to.
	private static void tellSystemdWhy(String message) {
		try {
			Optional<SystemdNotifier> systemd = SystemdNotifier.fromEnvironment();
			if (systemd.isPresent()) {
				systemd.get().status("failed to start: " + reason(message));
			}
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("Could not tell systemd why: " + ex);
		}
	}

	/**
	 * The line of a launcher's failure message that says what went wrong: the first line of a
	 * failure analysis's description, or the message's first line.
	 * @param message the message, as the launcher prints it
	 * @return the line
	 */
	static String reason(String message) {
		return message.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.equals("APPLICATION FAILED TO START")
					&& !line.equals("Description:"))
			.findFirst()
			.orElse("no reason given");
	}

	/** Tell the launcher this process serves: it exits 0. Later calls do nothing. */
	public void ready() {
		this.pipe.ready();
	}

	/**
	 * Tell the launcher this process cannot start: it prints the reason and exits 1.
	 * @param reason what went wrong and how to fix it
	 */
	public void failed(String reason) {
		this.pipe.failed(reason);
	}

	/**
	 * How to detach.
	 *
	 * @param workingDirectory the detached process's working directory
	 * @param umask its file mode creation mask
	 * @param stdout where its standard output goes, appended ({@code /dev/null} for nowhere)
	 * @param stderr where its standard error goes, appended
	 * @param readyTimeout how long the launcher waits for it to be ready
	 * @param notifySystemd whether the launcher tells systemd the detached pid when
	 * {@code NOTIFY_SOCKET} is set (or why the detached process failed), and hands systemd's
	 * watchdog over to it
	 */
	public record Settings(Path workingDirectory, Umask umask, Path stdout, Path stderr, Duration readyTimeout,
			boolean notifySystemd) {

		/** The root directory, umask 0, output to {@code /dev/null}, 60 seconds, systemd told. */
		public static final Settings DEFAULTS = new Settings(Path.of("/"), new Umask(0), Path.of("/dev/null"),
				Path.of("/dev/null"), Duration.ofSeconds(60), true);

		/**
		 * The same settings with standard output and error both appended to a file.
		 * @param file the file
		 * @return the settings
		 */
		public Settings withOutput(Path file) {
			return new Settings(this.workingDirectory, this.umask, file, file, this.readyTimeout, this.notifySystemd);
		}

		/**
		 * The same settings with another working directory and umask.
		 * @param directory the working directory
		 * @param mask the umask
		 * @return the settings
		 */
		public Settings in(Path directory, Umask mask) {
			return new Settings(directory, mask, this.stdout, this.stderr, this.readyTimeout, this.notifySystemd);
		}

	}

}
