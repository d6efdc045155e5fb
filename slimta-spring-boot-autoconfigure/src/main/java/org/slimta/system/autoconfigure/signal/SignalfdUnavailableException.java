package org.slimta.system.autoconfigure.signal;

/**
 * {@code slimta.system.signals.backend=signalfd} was asked for where signalfd cannot work, or a
 * process started for signalfd (its signals blocked, the JVM's handlers off) cannot read them.
 */
class SignalfdUnavailableException extends RuntimeException {

	private final String reason;

	private final String remedy;

	private final boolean prepared;

	SignalfdUnavailableException(String reason, String remedy, boolean prepared) {
		super((prepared ? "this process was started for signalfd, but cannot read its signals: "
				: "slimta.system.signals.backend is signalfd, but signalfd cannot work here: ") + reason);
		this.reason = reason;
		this.remedy = remedy;
		this.prepared = prepared;
	}

	boolean isPrepared() {
		return this.prepared;
	}

	String getReason() {
		return this.reason;
	}

	String getRemedy() {
		return this.remedy;
	}

}
