package org.slimta.system.autoconfigure.internal;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.slimta.system.signal.Signal;

/**
 * {@code slimta.system.signals.shutdown-on} names signals that {@code slimta.system.signals.handled}
 * does not take over, so the application could never shut down on them.
 */
public class ShutdownSignalsNotHandledException extends RuntimeException {

	private final Set<Signal> notHandled;

	private final Set<Signal> handled;

	private final Set<Signal> shutdownOn;

	public ShutdownSignalsNotHandledException(Set<Signal> notHandled, Set<Signal> handled, Set<Signal> shutdownOn) {
		super("slimta.system.signals.shutdown-on " + shutdownOn + " names " + notHandled
				+ ", which slimta.system.signals.handled " + handled + " does not");
		this.notHandled = Collections.unmodifiableSet(new LinkedHashSet<>(notHandled));
		this.handled = Collections.unmodifiableSet(new LinkedHashSet<>(handled));
		this.shutdownOn = Collections.unmodifiableSet(new LinkedHashSet<>(shutdownOn));
	}

	Set<Signal> getNotHandled() {
		return this.notHandled;
	}

	Set<Signal> getHandled() {
		return this.handled;
	}

	Set<Signal> getShutdownOn() {
		return this.shutdownOn;
	}

}
