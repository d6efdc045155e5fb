package org.slimta.system.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.InvalidValueException;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalBackend;

/**
 * {@code slimta.system.signals.*}: signal handling.
 *
 * @since 0.1.0
 */
public class SignalsProperties {

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
	 * also be handled, and a handled signal not listed is the application's to act on.
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
