package org.slimta.system.autoconfigure.internal;

import java.util.Set;
import java.util.stream.Collectors;

import org.slimta.system.signal.Signal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start refused because {@code slimta.system.signals.shutdown-on} names signals that
 * {@code slimta.system.signals.handled} does not take over.
 */
public class ShutdownSignalsNotHandledFailureAnalyzer extends AbstractFailureAnalyzer<ShutdownSignalsNotHandledException> {

	private static final String HANDLED = "'slimta.system.signals.handled'";

	private static final String SHUTDOWN_ON = "'slimta.system.signals.shutdown-on'";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ShutdownSignalsNotHandledException cause) {
		String notHandled = names(cause.getNotHandled());
		String description = String.format("Property %s (%s) names %s, which %s (%s) does not take over.%n%n"
				+ "    The application only sees the signals it handles, so it could never shut down on %s.",
				SHUTDOWN_ON, names(cause.getShutdownOn()), notHandled, HANDLED, names(cause.getHandled()),
				(cause.getNotHandled().size() == 1) ? "it" : "them");
		String action = String.format("Add %s to %s, or remove %s from %s (its default is SIGINT,SIGTERM; an empty "
				+ "value leaves every handled signal to the application, which decides what it does; a SIGHUP, SIGINT "
				+ "or SIGTERM left out of %s still ends the application as the JVM's own handler would).", notHandled,
				HANDLED, (cause.getNotHandled().size() == 1) ? "it" : "them", SHUTDOWN_ON, HANDLED);
		return new FailureAnalysis(description, action, cause);
	}

	private static String names(Set<Signal> signals) {
		return signals.isEmpty() ? "none" : signals.stream().map(Signal::name).collect(Collectors.joining(", "));
	}

}
