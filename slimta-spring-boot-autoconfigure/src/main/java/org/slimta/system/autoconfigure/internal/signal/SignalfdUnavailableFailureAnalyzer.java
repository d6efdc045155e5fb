package org.slimta.system.autoconfigure.internal.signal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that asked for {@code signalfd} where it cannot work, and how to go on.
 */
public class SignalfdUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<SignalfdUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SignalfdUnavailableException cause) {
		if (cause.isPrepared()) {
			return new FailureAnalysis("This process was started for signalfd (its signals blocked in every thread, the"
					+ " JVM's own handlers off with -Xrs) but cannot read them: " + cause.getReason()
					+ ". Rather than run deaf to SIGTERM, it does not start.",
					"Set 'slimta.system.signals.relaunch' to 'false' to use the JVM's handlers instead, or "
							+ cause.getRemedy() + ".",
					cause);
		}
		return new FailureAnalysis(
				"Property 'slimta.system.signals.backend' is 'signalfd', but signalfd cannot work here: "
						+ cause.getReason() + ".",
				"Set 'slimta.system.signals.backend' to 'auto' (signalfd where possible, otherwise the JVM's handlers)"
						+ " or 'jdk', or " + cause.getRemedy() + ".",
				cause);
	}

}
