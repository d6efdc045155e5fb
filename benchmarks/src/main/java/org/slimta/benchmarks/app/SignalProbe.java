package org.slimta.benchmarks.app;

import org.slimta.system.signal.SignalEvent;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A plain {@code SignalEvent} listener that prints when it ran, for the signal latency
 * benchmark. Registered only with {@code benchmarks.signal-probe=true}, so the application
 * without the starter never loads it.
 */
@Component
@ConditionalOnBooleanProperty("benchmarks.signal-probe")
public class SignalProbe {

	/** Prefix of the line the benchmark driver reads. */
	public static final String PREFIX = "benchmarks-signal ";

	@EventListener
	void on(SignalEvent event) {
		// System.nanoTime is CLOCK_MONOTONIC: comparable with the driver's on the same machine
		long now = System.nanoTime();
		System.out.println(PREFIX + event.getSignal().number() + " " + now);
	}

}
