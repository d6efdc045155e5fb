package org.slimta.system.boot.internal.daemon;

import java.io.IOException;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.internal.daemon.ReadinessPipe;
import org.slimta.system.internal.daemon.SystemdNotifier;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * The {@code STATUS=} lines of start-up, sent before any bean exists and after the context is
 * gone: {@code starting} as soon as the configuration can be read, and {@code failed to start}
 * with the reason when the start fails (the first line of the description Spring Boot's failure
 * analyzers give, else the innermost cause) (a detached process leaves that to its launcher, the
 * process systemd listens to). A status that cannot be sent is logged; the start goes on.
 */
public class SystemdStartupStatus {

	// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
	private static final Log logger = LogFactory.getLog("org.slimta.system.daemon");

	private final SystemdNotifier notifier;

	/**
	 * Create the status.
	 * @param notifier the socket systemd listens on
	 */
	public SystemdStartupStatus(SystemdNotifier notifier) {
		this.notifier = notifier;
	}

	/** Say {@code STATUS=starting}. */
	public void starting() {
		send("starting");
	}

	/**
	 * Say why the start failed, unless this is a detached process.
	 * @param event the failure
	 */
	public void failed(ApplicationFailedEvent event) {
		if (!ReadinessPipe.isDaemon()) {
			send("failed to start: " + reason(event));
		}
	}

	private void send(String status) {
		try {
			this.notifier.status(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not tell systemd STATUS=" + status + " through " + this.notifier.socket() + ": " + ex);
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
