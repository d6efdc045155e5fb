package org.slimta.system.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slimta.system.InvalidValueException;
import org.slimta.system.daemon.NotifyMode;
import org.slimta.system.daemon.Umask;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalBackend;
import org.slimta.system.uuid.UuidGenerator;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the system helpers: signals, privileges, daemon mode and UUIDs. An unknown
 * property under {@code slimta.system} fails startup: a misspelt {@code privileges.user} must not
 * leave the application running as root.
 */
@ConfigurationProperties(prefix = "slimta.system", ignoreUnknownFields = false)
public class SlimtaSystemProperties implements InitializingBean {

	/**
	 * Whether to enable the system helpers at all.
	 */
	private boolean enabled = true;

	private final Signals signals = new Signals();

	private final Privileges privileges = new Privileges();

	private final Daemon daemon = new Daemon();

	private final Uuid uuid = new Uuid();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Signals getSignals() {
		return this.signals;
	}

	public Privileges getPrivileges() {
		return this.privileges;
	}

	public Daemon getDaemon() {
		return this.daemon;
	}

	public Uuid getUuid() {
		return this.uuid;
	}

	@Override
	public void afterPropertiesSet() {
		validate();
	}

	/**
	 * Check what no single property can check on its own; run wherever {@code slimta.system} is
	 * bound.
	 * @throws ShutdownSignalsNotHandledException if {@code signals.shutdown-on} names a signal
	 * that {@code signals.handled} does not
	 */
	void validate() {
		Set<Signal> notHandled = new LinkedHashSet<>(this.signals.getShutdownOn());
		notHandled.removeAll(this.signals.getHandled());
		if (!notHandled.isEmpty()) {
			throw new ShutdownSignalsNotHandledException(notHandled, this.signals.getHandled(),
					this.signals.getShutdownOn());
		}
	}

	/**
	 * Signal handling.
	 */
	public static class Signals {

		/**
		 * Whether to publish a SignalEvent for each handled signal.
		 */
		private boolean enabled = true;

		/**
		 * How signals are received: 'signalfd', 'jdk' (sun.misc.Signal), or 'auto' for signalfd
		 * wherever the process can be prepared for it and jdk elsewhere.
		 */
		private SignalBackend backend = SignalBackend.AUTO;

		/**
		 * Comma-separated list of signals to take over: SIGHUP, SIGINT, SIGQUIT, SIGUSR1 or
		 * SIGTERM, with or without the SIG prefix, in any case.
		 */
		private Set<Signal> handled = new LinkedHashSet<>(List.of(Signal.SIGHUP, Signal.SIGINT, Signal.SIGTERM));

		/**
		 * Comma-separated list of signals after which, once the listeners ran, the application
		 * closes gracefully and exits, by default with status 128 + the signal number; each must
		 * also be handled.
		 */
		private Set<Signal> shutdownOn = new LinkedHashSet<>(List.of(Signal.SIGINT, Signal.SIGTERM));

		/**
		 * How long the application keeps serving after a shutdown signal, with its readiness
		 * refusing traffic, before the graceful close; a second shutdown signal ends the wait.
		 */
		private Duration shutdownDelay = Duration.ZERO;

		/**
		 * Exit status, from 0 to 255, after the graceful close that a shutdown signal began. When
		 * not set, 128 + the signal number (143 for SIGTERM).
		 */
		private @Nullable Integer exitStatus;

		/**
		 * Whether the process may re-execute itself in place (same pid) so that signalfd sees
		 * every signal.
		 */
		private boolean relaunch = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public SignalBackend getBackend() {
			return this.backend;
		}

		public void setBackend(SignalBackend backend) {
			this.backend = backend;
		}

		public Set<Signal> getHandled() {
			return this.handled;
		}

		public void setHandled(Set<Signal> handled) {
			this.handled = Signal.takeable(handled);
		}

		public Set<Signal> getShutdownOn() {
			return this.shutdownOn;
		}

		public void setShutdownOn(Set<Signal> shutdownOn) {
			this.shutdownOn = Signal.takeable(shutdownOn);
		}

		public Duration getShutdownDelay() {
			return this.shutdownDelay;
		}

		public void setShutdownDelay(Duration shutdownDelay) {
			if (shutdownDelay.isNegative()) {
				throw new InvalidValueException(shutdownDelay.toString(), "the delay cannot be negative",
						"0 for none, or a positive duration, for example 10s");
			}
			this.shutdownDelay = shutdownDelay;
		}

		public @Nullable Integer getExitStatus() {
			return this.exitStatus;
		}

		public void setExitStatus(@Nullable Integer exitStatus) {
			if (exitStatus != null && (exitStatus < 0 || exitStatus > 255)) {
				throw new InvalidValueException(exitStatus.toString(), "an exit status is one byte",
						"a number from 0 to 255, for example 0; not set for 128 + the signal number");
			}
			this.exitStatus = exitStatus;
		}

		public boolean isRelaunch() {
			return this.relaunch;
		}

		public void setRelaunch(boolean relaunch) {
			this.relaunch = relaunch;
		}

	}

	/**
	 * Dropping root privileges once every web server listens.
	 */
	public static class Privileges {

		/**
		 * User name or numeric uid to become once every web server listens. When not set,
		 * privileges are not dropped.
		 */
		private @Nullable String user;

		/**
		 * Group name or numeric gid to become. Defaults to the user's primary group.
		 */
		private @Nullable String group;

		/**
		 * Whether to take the user's supplementary groups (initgroups); when false, the process
		 * keeps no supplementary group at all.
		 */
		private boolean supplementaryGroups = true;

		public @Nullable String getUser() {
			return this.user;
		}

		public void setUser(@Nullable String user) {
			this.user = user;
		}

		public @Nullable String getGroup() {
			return this.group;
		}

		public void setGroup(@Nullable String group) {
			this.group = group;
		}

		public boolean isSupplementaryGroups() {
			return this.supplementaryGroups;
		}

		public void setSupplementaryGroups(boolean supplementaryGroups) {
			this.supplementaryGroups = supplementaryGroups;
		}

	}

	/**
	 * Running detached in the background.
	 */
	public static class Daemon {

		/**
		 * Whether to detach into the background before the application starts.
		 */
		private boolean enabled;

		/**
		 * Working directory of the detached process.
		 */
		private Path workingDirectory = Path.of("/");

		/**
		 * File mode creation mask of the detached process, in octal (for example 027).
		 */
		private Umask umask = new Umask(0);

		/**
		 * Pid file, written and locked by the running process and removed when it ends.
		 */
		private @Nullable Path pidFile;

		/**
		 * File the detached process appends its standard output to; reopened on SIGHUP.
		 */
		private Path stdout = Path.of("/dev/null");

		/**
		 * File the detached process appends its standard error to; reopened on SIGHUP.
		 */
		private Path stderr = Path.of("/dev/null");

		/**
		 * How long the launching process waits for the detached one to be ready.
		 */
		private Duration readyTimeout = Duration.ofSeconds(60);

		/**
		 * Whether to send sd_notify states (READY, RELOADING, STOPPING, MAINPID) to systemd:
		 * 'auto' when NOTIFY_SOCKET is set, or 'never'.
		 */
		private NotifyMode notify = NotifyMode.AUTO;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Path getWorkingDirectory() {
			return this.workingDirectory;
		}

		public void setWorkingDirectory(Path workingDirectory) {
			this.workingDirectory = workingDirectory;
		}

		public Umask getUmask() {
			return this.umask;
		}

		public void setUmask(Umask umask) {
			this.umask = umask;
		}

		public @Nullable Path getPidFile() {
			return this.pidFile;
		}

		public void setPidFile(@Nullable Path pidFile) {
			this.pidFile = pidFile;
		}

		public Path getStdout() {
			return this.stdout;
		}

		public void setStdout(Path stdout) {
			this.stdout = stdout;
		}

		public Path getStderr() {
			return this.stderr;
		}

		public void setStderr(Path stderr) {
			this.stderr = stderr;
		}

		public Duration getReadyTimeout() {
			return this.readyTimeout;
		}

		public void setReadyTimeout(Duration readyTimeout) {
			if (readyTimeout.isNegative() || readyTimeout.isZero()) {
				throw new InvalidValueException(readyTimeout.toString(), "the timeout must be positive",
						"a positive duration, for example 60s or 2m");
			}
			this.readyTimeout = readyTimeout;
		}

		public NotifyMode getNotify() {
			return this.notify;
		}

		public void setNotify(NotifyMode notify) {
			this.notify = notify;
		}

	}

	/**
	 * The IdGenerator bean.
	 */
	public static class Uuid {

		/**
		 * UUID version of the IdGenerator bean: 4 (random), 7 (time-ordered, Unix epoch) or 1
		 * (time-based).
		 */
		private int version = 4;

		public int getVersion() {
			return this.version;
		}

		public void setVersion(int version) {
			this.version = UuidGenerator.requireSupportedVersion(version);
		}

	}

}
