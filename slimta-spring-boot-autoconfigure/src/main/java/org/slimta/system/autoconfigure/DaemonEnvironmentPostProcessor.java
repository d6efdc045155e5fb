package org.slimta.system.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.slimta.system.daemon.DaemonLauncher;
import org.slimta.system.daemon.JvmCommandLine;
import org.slimta.system.daemon.NotifyMode;
import org.slimta.system.daemon.ReadinessPipe;
import org.slimta.system.daemon.SystemdNotifier;
import org.slimta.system.posix.Posix;
import org.slimta.system.posix.PosixException;
import org.slimta.system.signal.SignalBackend;
import org.slimta.system.signal.SignalfdPreparation;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Detaches the application when {@code slimta.system.daemon.enabled} is set, at the earliest point
 * where the configuration can be read: this JVM spawns a copy of itself in a new session (already
 * prepared for signalfd, so it needs no relaunch of its own), waits until the copy is ready or
 * failed, says so, and exits. In the copy, it applies {@code daemon.umask}.
 * <p>
 * Under systemd ({@code NOTIFY_SOCKET} set, {@code daemon.notify=auto}) the launcher, which is the
 * process systemd started, tells it {@code MAINPID=} of the copy with {@code READY=1} before it
 * exits, so that systemd follows the copy from then on.
 */
public final class DaemonEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Before the signal preparation: the launcher never needs one. */
	public static final int ORDER = SignalPreparationEnvironmentPostProcessor.ORDER - 1;

	private final Log logger;

	/**
	 * Create the post-processor.
	 * @param logFactory logs that appear once logging is set up
	 */
	public DaemonEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DaemonEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		SlimtaSystemProperties properties = SlimtaSystemPropertiesBinder.bind(environment);
		SlimtaSystemProperties.Daemon daemon = properties.getDaemon();
		if (!properties.isEnabled()) {
			return;
		}
		if (ReadinessPipe.isDaemon()) {
			Posix.get().umask(daemon.getUmask().bits());
			this.logger.info("detached: pid " + ProcessHandle.current().pid() + " leads its own session, umask "
					+ daemon.getUmask() + ", working directory " + Path.of("").toAbsolutePath());
			return;
		}
		if (!daemon.isEnabled()) {
			return;
		}
		System.exit(detach(properties));
	}

	private int detach(SlimtaSystemProperties properties) {
		SlimtaSystemProperties.Daemon daemon = properties.getDaemon();
		SlimtaSystemProperties.Signals signals = properties.getSignals();
		boolean signalfd = signals.isEnabled() && signals.getBackend() != SignalBackend.JDK;
		JvmCommandLine commandLine;
		try {
			commandLine = JvmCommandLine.current().withAbsolutePaths(Path.of("").toAbsolutePath());
		}
		catch (IOException ex) {
			System.err.println("Cannot detach (slimta.system.daemon.enabled=true): " + ex);
			return 1;
		}
		List<String> options = signalfd ? SignalfdPreparation.JVM_OPTIONS : List.of();
		Set<Integer> mask = signalfd ? SignalfdPreparation.numbers(signals.getHandled()) : Set.of();
		DaemonLauncher.Outcome outcome;
		try {
			outcome = DaemonLauncher.launch(commandLine, options, mask, daemon.getWorkingDirectory(), daemon.getStdout(),
					daemon.getStderr(), daemon.getReadyTimeout());
		}
		catch (PosixException ex) {
			System.err.println("Cannot detach: " + ex.getMessage() + ". Check that 'slimta.system.daemon.working-directory' ("
					+ daemon.getWorkingDirectory() + ") exists and that the directories of 'slimta.system.daemon.stdout' ("
					+ daemon.getStdout() + ") and 'slimta.system.daemon.stderr' (" + daemon.getStderr() + ") do.");
			return 1;
		}
		(outcome.exitStatus() == 0 ? System.out : System.err).println(outcome.message());
		if (outcome.exitStatus() == 0 && daemon.getNotify() == NotifyMode.AUTO) {
			handOverToSystemd(outcome.pid());
		}
		System.out.flush();
		System.err.flush();
		return outcome.exitStatus();
	}

	private static void handOverToSystemd(int pid) {
		try {
			Optional<SystemdNotifier> systemd = SystemdNotifier.fromEnvironment();
			if (systemd.isPresent()) {
				systemd.get().ready(pid);
				System.out.println("told systemd MAINPID=" + pid + " and READY=1 through " + systemd.get().socket());
			}
		}
		catch (IOException | RuntimeException ex) {
			// The daemon serves: stopping it would not help systemd, which will say what it misses.
			System.err.println("Could not tell systemd MAINPID=" + pid + " and READY=1: " + ex);
		}
	}

}
