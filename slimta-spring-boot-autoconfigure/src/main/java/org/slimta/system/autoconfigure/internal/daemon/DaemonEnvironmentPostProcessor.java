package org.slimta.system.autoconfigure.internal.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slimta.system.autoconfigure.DaemonProperties;
import org.slimta.system.autoconfigure.internal.InvalidSystemPropertyFailureAnalyzer;
import org.slimta.system.autoconfigure.internal.OnSlimtaSystemEnabledCondition;
import org.slimta.system.autoconfigure.internal.OncePerJvmEnvironmentPostProcessor;
import org.slimta.system.autoconfigure.internal.ShutdownSignalsNotHandledFailureAnalyzer;
import org.slimta.system.autoconfigure.SignalsProperties;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.autoconfigure.internal.signal.SignalPreparationEnvironmentPostProcessor;
import org.slimta.system.internal.daemon.Daemon;
import org.slimta.system.daemon.NotifyMode;
import org.slimta.system.internal.daemon.ReadinessPipe;
import org.slimta.system.internal.posix.PosixException;
import org.slimta.system.signal.SignalBackend;
import org.slimta.system.internal.signal.SignalfdPreparation;
import org.slimta.system.internal.signal.SignalfdPreparation.PreparedSignals;
import org.slimta.system.internal.socket.InheritedSockets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.logging.DeferredLogFactory;
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
 * <p>
 * Once per JVM, as every {@link OncePerJvmEnvironmentPostProcessor}.
 */
public final class DaemonEnvironmentPostProcessor extends OncePerJvmEnvironmentPostProcessor {

	/** Before the signal preparation: the launcher never needs one. */
	public static final int ORDER = SignalPreparationEnvironmentPostProcessor.ORDER - 1;

	private static final String ENABLED = "slimta.system.daemon.enabled";

	private static final String NOTIFY = "slimta.system.daemon.notify";

	/**
	 * Create the post-processor.
	 * @param logFactory logs that appear once logging is set up
	 */
	public DaemonEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		super(logFactory, "org.slimta.system.daemon", ORDER);
	}

	@Override
	protected void postProcessEnvironment(SlimtaSystemProperties properties, ConfigurableEnvironment environment,
			SpringApplication application) {
		DaemonProperties daemon = properties.getDaemon();
		if (!properties.isEnabled()) {
			return;
		}
		if (ReadinessPipe.isDaemon()) {
			Daemon.settle(daemon.getUmask());
			this.logger.info("detached: pid " + ProcessHandle.current().pid() + " leads its own session, umask "
					+ daemon.getUmask() + ", working directory " + Path.of("").toAbsolutePath());
			return;
		}
		if (!daemon.isEnabled()) {
			return;
		}
		if (TrainingRun.isTrainingRun()) {
			this.logger.info("not detaching: spring.context.exit=onRefresh makes this a training run, which ends once"
					+ " the context is refreshed");
			return;
		}
		if (properties.getSockets().isActivation() && InheritedSockets.passed()) {
			System.exit(Daemon.failed(DaemonFailureAnalysisReporter.text(socketsPassed()),
					daemon.getNotify() == NotifyMode.AUTO));
		}
		System.exit(detach(properties));
	}

	// A detached daemon is another process: LISTEN_PID would not name it, and the sockets must not leak into it.
	private static FailureAnalysis socketsPassed() {
		return new FailureAnalysis(
				"'slimta.system.daemon.enabled' is true, and systemd passed this process listening sockets (LISTEN_PID, "
						+ "LISTEN_FDS): a detached daemon is another process, which cannot serve on them.",
				"Set slimta.system.daemon.enabled=false: systemd supervises the service in the foreground (Type=notify), "
						+ "as socket activation needs; or set slimta.system.sockets.activation=false to detach and bind the "
						+ "ports instead.",
				new IllegalStateException("systemd passed listening sockets to a process about to detach"));
	}

	/**
	 * A launcher about to detach reports a property it cannot bind as it reports every failure of
	 * the detached process: on its standard error, with nothing on its standard output.
	 */
	@Override
	protected void cannotBind(ConfigurableEnvironment environment, RuntimeException failure) {
		FailureAnalysis analysis = detaching(environment) ? analyze(failure) : null;
		if (analysis == null) {
			super.cannotBind(environment, failure);
			return;
		}
		// daemon.notify itself may be what failed: only an explicit 'never' keeps systemd uninformed.
		boolean notifySystemd = !"never".equalsIgnoreCase(environment.getProperty(NOTIFY, "auto").strip());
		System.exit(Daemon.failed(DaemonFailureAnalysisReporter.text(analysis), notifySystemd));
	}

	private static boolean detaching(ConfigurableEnvironment environment) {
		try {
			return !ReadinessPipe.isDaemon() && !TrainingRun.isTrainingRun() && OnSlimtaSystemEnabledCondition.isEnabled(environment)
					&& environment.getProperty(ENABLED, Boolean.class, false);
		}
		catch (RuntimeException ex) {
			// A switch that is not a boolean: the binding's own failure, in the foreground, says so.
			return false;
		}
	}

	private static @Nullable FailureAnalysis analyze(Throwable failure) {
		FailureAnalysis analysis = new InvalidSystemPropertyFailureAnalyzer().analyze(failure);
		return (analysis != null) ? analysis : new ShutdownSignalsNotHandledFailureAnalyzer().analyze(failure);
	}

	/**
	 * Forget that this JVM already ran the post-processor, for tests that start several
	 * applications in one JVM.
	 */
	static void forgetFirstRun() {
		forgetFirstRun(DaemonEnvironmentPostProcessor.class);
	}

	private int detach(SlimtaSystemProperties properties) {
		DaemonProperties daemon = properties.getDaemon();
		SignalsProperties signals = properties.getSignals();
		boolean signalfd = signals.isEnabled() && signals.getBackend() != SignalBackend.JDK;
		// The daemon starts with every signal at its default action (POSIX_SPAWN_SETSIGDEF): none ignored.
		PreparedSignals prepared = PreparedSignals.of(signals.getHandled(), signals.getShutdownOn(), Set.of());
		List<String> options = signalfd ? SignalfdPreparation.jvmOptions(prepared) : List.of();
		Set<Integer> mask = signalfd ? SignalfdPreparation.numbers(prepared.read()) : Set.of();
		try {
			return Daemon.launch(new Daemon.Settings(daemon.getWorkingDirectory(), daemon.getUmask(), daemon.getStdout(),
					daemon.getStderr(), daemon.getReadyTimeout(), daemon.getNotify() == NotifyMode.AUTO), options, mask);
		}
		catch (PosixException ex) {
			return Daemon.failed(DaemonFailureAnalysisReporter.text(DaemonSpawnFailure.explain(daemon, ex)),
					daemon.getNotify() == NotifyMode.AUTO);
		}
	}

}
