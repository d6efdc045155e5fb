package org.slimta.system.boot.internal.reload;

import org.springframework.core.Ordered;

/**
 * What SIGHUP does beyond its {@link org.slimta.system.signal.SignalEvent}, run after the event's
 * listeners, in the order of the constants below, each recording into the {@link Reload} what
 * it did.
 */
public interface HangupAction extends Ordered {

	/** The configuration is refreshed first, so that what follows sees the new one. */
	int CONFIGURATION = 0;

	/** Then the logging system's files are reopened. */
	int LOG_FILES = 100;

	/** Then the detached process's standard output and error. */
	int STANDARD_STREAMS = 200;

	/** Last, systemd hears that the service is ready again, and how the reload went. */
	int NOTIFICATION = Ordered.LOWEST_PRECEDENCE;

	/**
	 * Act on SIGHUP.
	 * @param reload where to record what was reloaded, skipped or failed
	 */
	void afterHangup(Reload reload);

}
