package org.slimta.system.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.slimta.system.signal.SignalEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;

/**
 * Counts the signals received, in {@code slimta.signals.received} tagged by {@code signal}, when
 * the application has a {@link MeterRegistry}.
 */
class SignalMetrics {

	static final String METER_NAME = "slimta.signals.received";

	private final ObjectProvider<MeterRegistry> registry;

	SignalMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@EventListener
	void count(SignalEvent event) {
		this.registry.ifAvailable((meters) -> meters.counter(METER_NAME, "signal", event.getSignal().name()).increment());
	}

}
