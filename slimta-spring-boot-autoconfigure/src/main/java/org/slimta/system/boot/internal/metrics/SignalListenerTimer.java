package org.slimta.system.boot.internal.metrics;

import java.time.Duration;

import org.slimta.system.signal.Signal;

/**
 * Records how long the listeners of a signal took, so that a slow reload shows up.
 */
@FunctionalInterface
public interface SignalListenerTimer {

	/** Records nothing, where the application has no metrics. */
	SignalListenerTimer NONE = (signal, took) -> {
	};

	/**
	 * Record one delivery.
	 * @param signal the signal
	 * @param took how long its listeners took together
	 */
	void record(Signal signal, Duration took);

}
