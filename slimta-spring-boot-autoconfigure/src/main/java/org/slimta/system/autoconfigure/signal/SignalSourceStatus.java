package org.slimta.system.autoconfigure.signal;

import org.slimta.system.FeatureStatus;
import org.slimta.system.signal.SignalSource;

/**
 * The {@code signals} health detail: the name of the source ({@code signalfd} or {@code jdk}),
 * which makes the health DOWN once it failed (the signal reader stopped).
 */
final class SignalSourceStatus implements FeatureStatus {

	private final SignalSource source;

	SignalSourceStatus(SignalSource source) {
		this.source = source;
	}

	@Override
	public String detail() {
		return "signals";
	}

	@Override
	public Object value() {
		return this.source.name();
	}

	@Override
	public boolean failed() {
		return this.source.failed();
	}

}
