package org.slimta.system.autoconfigure.daemon;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.autoconfigure.OnSlimtaSystemEnabledCondition;
import org.slimta.system.daemon.NotifyMode;
import org.slimta.system.daemon.ReadinessPipe;
import org.slimta.system.daemon.SystemdNotifier;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * The {@code STATUS=} lines of start-up, sent before any bean exists and after the context is
 * gone: {@code starting} as soon as the configuration can be read, and {@code failed to start}
 * with the reason when the start fails (the first line of the description Spring Boot's failure
 * analyzers give, else the innermost cause) (a detached process leaves that to its launcher, the
 * process systemd listens to). Under the same conditions as {@link SystemdNotifyAutoConfiguration}.
 */
class SystemdStartupStatus implements SmartApplicationListener {

	// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
	private static final Log logger = LogFactory.getLog("org.slimta.system.daemon");

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
		else if (event instanceof ApplicationFailedEvent failed && !ReadinessPipe.isDaemon() && this.notifier != null) {
			send("failed to start: " + reason(failed));
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
				|| !OnSlimtaSystemEnabledCondition.isEnabled(environment)
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

	// What Spring Boot is about to print under "Description:", when one of its analyzers explains the failure.
	private static String reason(ApplicationFailedEvent event) {
		ConfigurableApplicationContext context = event.getApplicationContext();
		ArgumentResolver arguments = (context != null) ? ArgumentResolver.of(BeanFactory.class, context.getBeanFactory())
			.and(Environment.class, context.getEnvironment()) : ArgumentResolver.none();
		ClassLoader classLoader = event.getSpringApplication().getClassLoader();
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(classLoader)
			.load(FailureAnalyzer.class, arguments, FailureHandler.handleMessage((message, ex) -> {
				// An analyzer that cannot be made here is left out; Spring Boot's own report still uses it.
			}));
		for (FailureAnalyzer analyzer : analyzers) {
			try {
				FailureAnalysis analysis = analyzer.analyze(event.getException());
				if (analysis != null && analysis.getDescription() != null && !analysis.getDescription().isBlank()) {
					return analysis.getDescription().strip().lines().findFirst().orElseThrow();
				}
			}
			catch (RuntimeException | LinkageError ex) {
				// As Spring Boot does: an analyzer that fails explains nothing.
			}
		}
		return reason(event.getException());
	}

	/**
	 * Why a start failed, in a line: the innermost cause's message, after its wrapper's where that
	 * says more ({@code Port 8080 is already in use (Address already in use)}).
	 * @param failure the failure
	 * @return the reason
	 */
	static String reason(Throwable failure) {
		Throwable innermost = failure;
		Throwable wrapper = null;
		while (innermost.getCause() != null && innermost.getCause() != innermost) {
			wrapper = innermost;
			innermost = innermost.getCause();
		}
		String reason = (innermost.getMessage() != null) ? innermost.getMessage() : innermost.getClass().getName();
		if (wrapper != null && wrapper.getMessage() != null && !wrapper.getMessage().contains(reason)) {
			return wrapper.getMessage() + " (" + reason + ")";
		}
		return reason;
	}

}
