package org.slimta.system.autoconfigure;

import java.io.IOException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.daemon.ReadinessPipe;
import org.slimta.system.daemon.SystemdNotifier;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalEvent;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Tells systemd ({@code Type=notify}) where the application stands: {@code READY=1} once every
 * web server listens and privileges were dropped (for a detached process, its launcher says it),
 * {@code RELOADING=1} before the listeners of SIGHUP and {@code READY=1} after the reload, with
 * a {@code STATUS=} line that says how it went, {@code STOPPING=1} when the application closes. A
 * state that cannot be sent is logged; the application goes on.
 */
class SystemdNotifications implements HangupAction {

	private static final Log logger = LogFactory.getLog(SystemdNotifications.class);

	private final SystemdNotifier notifier;

	SystemdNotifications(SystemdNotifier notifier) {
		this.notifier = notifier;
	}

	// Last: after the privilege drop, which is first.
	@EventListener
	@Order(Ordered.LOWEST_PRECEDENCE)
	void started(ApplicationStartedEvent event) {
		if (ReadinessPipe.isDaemon()) {
			// Its launcher, the process systemd started, says READY=1 with MAINPID= of this one.
			return;
		}
		if (send("READY=1", this.notifier::ready)) {
			logger.info("told systemd READY=1 through " + this.notifier.socket());
		}
	}

	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void hangup(SignalEvent event) {
		if (event.getSignal() == Signal.SIGHUP) {
			send("RELOADING=1", this.notifier::reloading);
		}
	}

	@Override
	public int getOrder() {
		return NOTIFICATION;
	}

	@Override
	public void afterHangup(Reload reload) {
		// One datagram: systemctl status shows the outcome from the moment the service is ready again.
		String status = reload.summary().replace('\n', ' ');
		send("READY=1", () -> this.notifier.notify("READY=1\nSTATUS=" + status));
	}

	@EventListener
	void closing(ContextClosedEvent event) {
		send("STOPPING=1", this.notifier::stopping);
	}

	private boolean send(String state, Notification notification) {
		try {
			notification.send();
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not tell systemd " + state + " through " + this.notifier.socket() + ": " + ex);
			return false;
		}
	}

	@FunctionalInterface
	private interface Notification {

		void send() throws IOException;

	}

}
