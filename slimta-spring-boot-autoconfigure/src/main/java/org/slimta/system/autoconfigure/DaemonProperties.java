package org.slimta.system.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.InvalidValueException;
import org.slimta.system.daemon.NotifyMode;
import org.slimta.system.daemon.Umask;

/**
 * {@code slimta.system.daemon.*}: running detached in the background.
 *
 * @since 0.1.0
 */
public class DaemonProperties {

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
	 * Whether to send sd_notify states (READY, RELOADING, STOPPING, STATUS, MAINPID, and
	 * WATCHDOG=1 when systemd set WATCHDOG_USEC) to systemd: 'auto' when NOTIFY_SOCKET is set, or
	 * 'never'.
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
