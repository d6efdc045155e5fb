package org.slimta.system.autoconfigure;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.daemon.NotifyMode;
import org.slimta.system.daemon.ReadinessPipe;
import org.slimta.system.daemon.SystemdNotifier;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;

/**
 * The {@code STATUS=} lines of start-up, sent before any bean exists and after the context is
 * gone: {@code starting} as soon as the configuration can be read, and {@code failed to start}
 * with the reason when the start fails (a detached process leaves that to its launcher, the
 * process systemd listens to). Under the same conditions as {@link SystemdNotifyAutoConfiguration}.
 */
class SystemdStartupStatus implements SmartApplicationListener {

	private static final Log logger = LogFactory.getLog(SystemdStartupStatus.class);

	private SystemdNotifier notifier;

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationFailedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			try {
				this.notifier = notifier(prepared.getEnvironment()).orElse(null);
			}
			catch (RuntimeException ex) {
				// A malformed slimta.system.enabled: the binding of the properties reports it.
				this.notifier = null;
			}
			send("starting");
		}
		else if (event instanceof ApplicationFailedEvent failed && !ReadinessPipe.isDaemon()) {
			send("failed to start: " + reason(failed.getException()));
		}
	}

	private void send(String status) {
		if (this.notifier == null) {
			return;
		}
		try {
			this.notifier.status(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not tell systemd STATUS=" + status + " through " + this.notifier.socket() + ": " + ex);
		}
	}

	/**
	 * The notifier, when the application reports to systemd at all.
	 * @param environment the application's environment
	 * @return the notifier, or empty
	 */
	static Optional<SystemdNotifier> notifier(Environment environment) {
		String socket = environment.getProperty("NOTIFY_SOCKET");
		if (socket == null || socket.isEmpty()
				|| !environment.getProperty("slimta.system.enabled", Boolean.class, true)
				|| NotifyMode.NEVER.name().equals(environment.getProperty("slimta.system.daemon.notify", "auto")
					.strip()
					.toUpperCase(Locale.ROOT))) {
			return Optional.empty();
		}
		try {
			return Optional.of(SystemdNotifier.forSocket(socket));
		}
		catch (IllegalArgumentException ex) {
			// The auto-configuration reports it, with the context.
			return Optional.empty();
		}
	}

	// The innermost cause says what went wrong ("Port 8080 is already in use"); its wrappers say where.
	private static String reason(Throwable failure) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName();
	}

}
