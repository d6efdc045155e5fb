package org.slimta.system.boot.internal.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;

/**
 * Counts the signals received, in {@code slimta.signals.received}, and times their listeners, in
 * {@code slimta.signals.listeners}, both tagged by {@code signal}, when the application has a
 * {@link MeterRegistry}.
 */
public class SignalMetrics implements SignalListenerTimer {

	/** The counter of signals received. */
	public static final String METER_NAME = "slimta.signals.received";

	static final String TIMER_NAME = "slimta.signals.listeners";

	private final ObjectProvider<MeterRegistry> registry;

	/**
	 * Create the metrics.
	 * @param registry the application's meter registry, if it has one
	 */
	public SignalMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@EventListener
	void count(SignalEvent event) {
		this.registry.ifAvailable((meters) -> meters.counter(METER_NAME, "signal", event.getSignal().name()).increment());
	}

	@Override
	public void record(Signal signal, Duration took) {
		this.registry.ifAvailable((meters) -> Timer.builder(TIMER_NAME)
			.description("Time the listeners of a signal took")
			.tag("signal", signal.name())
			.register(meters)
			.record(took));
	}

}
