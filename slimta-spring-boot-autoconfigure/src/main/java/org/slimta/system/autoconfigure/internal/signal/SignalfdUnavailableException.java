package org.slimta.system.autoconfigure.internal.signal;

/**
 * {@code slimta.system.signals.backend=signalfd} was asked for where signalfd cannot work, or a
 * process started for signalfd (its signals blocked, the JVM's handlers off) cannot read them.
 */
public class SignalfdUnavailableException extends RuntimeException {

	private final String reason;

	private final String remedy;

	private final boolean prepared;

	public SignalfdUnavailableException(String reason, String remedy, boolean prepared) {
		super((prepared ? "this process was started for signalfd, but cannot read its signals: "
				: "slimta.system.signals.backend is signalfd, but signalfd cannot work here: ") + reason);
		this.reason = reason;
		this.remedy = remedy;
		this.prepared = prepared;
	}

	public boolean isPrepared() {
		return this.prepared;
	}

	public String getReason() {
		return this.reason;
	}

	public String getRemedy() {
		return this.remedy;
	}

}
