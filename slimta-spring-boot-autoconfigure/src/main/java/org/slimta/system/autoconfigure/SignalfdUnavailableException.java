package org.slimta.system.autoconfigure;

/**
 * {@code slimta.system.signals.backend=signalfd} was asked for where signalfd cannot work.
 */
class SignalfdUnavailableException extends RuntimeException {

	private final String reason;

	private final String remedy;

	SignalfdUnavailableException(String reason, String remedy) {
		super("slimta.system.signals.backend is signalfd, but signalfd cannot work here: " + reason);
		this.reason = reason;
		this.remedy = remedy;
	}

	String getReason() {
		return this.reason;
	}

	String getRemedy() {
		return this.remedy;
	}

}
