package org.slimta.system.autoconfigure.internal.daemon;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slimta.system.autoconfigure.daemon.SystemdNotifyAutoConfiguration;
import org.slimta.system.autoconfigure.internal.OnSlimtaSystemEnabledCondition;
import org.slimta.system.boot.internal.daemon.SystemdStartupStatus;
import org.slimta.system.daemon.NotifyMode;
import org.slimta.system.internal.daemon.SystemdNotifier;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Sends the {@link SystemdStartupStatus} of start-up, which comes before any auto-configuration
 * and after the context is gone, under the same conditions as
 * {@link SystemdNotifyAutoConfiguration}: {@code NOTIFY_SOCKET} set, the system helpers on and
 * {@code slimta.system.daemon.notify} not {@code never}.
 */
class SystemdStartupStatusListener implements SmartApplicationListener {

	private @Nullable SystemdStartupStatus status;

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationFailedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			try {
				this.status = notifier(prepared.getEnvironment()).map(SystemdStartupStatus::new).orElse(null);
			}
			catch (RuntimeException ex) {
				// A malformed slimta.system.enabled: the binding of the properties reports it.
				this.status = null;
			}
			if (this.status != null) {
				this.status.starting();
			}
		}
		else if (event instanceof ApplicationFailedEvent failed && this.status != null) {
			this.status.failed(failed);
		}
	}

	/**
	 * The notifier, when the application reports to systemd at all.
	 * @param environment the application's environment
	 * @return the notifier, or empty
	 */
	static Optional<SystemdNotifier> notifier(Environment environment) {
		String socket = environment.getProperty("NOTIFY_SOCKET");
		if (socket == null || socket.isEmpty() || !OnSlimtaSystemEnabledCondition.isEnabled(environment)
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

}
