package org.slimta.system.boot.internal.signal;

import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.internal.signal.SignalSource;

/**
 * The {@code signals} health detail: the name of the source ({@code signalfd} or {@code jdk}),
 * which makes the health DOWN once it failed (the signal reader stopped).
 */
public final class SignalSourceStatus implements FeatureStatus {

	private final SignalSource source;

	/**
	 * Create the status.
	 * @param source the source of the signals
	 */
	public SignalSourceStatus(SignalSource source) {
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
