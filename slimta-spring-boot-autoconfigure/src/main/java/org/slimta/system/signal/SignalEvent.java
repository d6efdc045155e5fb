package org.slimta.system.signal;

import org.springframework.context.ApplicationEvent;

/**
 * Published when the process receives one of the handled signals. Take it with a plain
 * {@code @EventListener void on(SignalEvent event)}.
 * <p>
 * Identical standard signals that arrive while one is still pending are merged by the kernel, so
 * a listener must not assume one event per {@code kill}.
 *
 * @since 0.1.0
 */
public class SignalEvent extends ApplicationEvent {

	private final Signal signal;

	private final int senderPid;

	private final int senderUid;

	/**
	 * Create a new event.
	 * @param source the object that read the signal
	 * @param signal the signal
	 * @param senderPid the sending process, {@code 0} if unknown
	 * @param senderUid the sending user, {@code -1} if unknown
	 */
	public SignalEvent(Object source, Signal signal, int senderPid, int senderUid) {
		super(source);
		this.signal = signal;
		this.senderPid = senderPid;
		this.senderUid = senderUid;
	}

	/** The signal received. */
	public Signal getSignal() {
		return this.signal;
	}

	/** The process that sent the signal; {@code 0} where the backend cannot tell. */
	public int getSenderPid() {
		return this.senderPid;
	}

	/** The real user id of the sender; {@code -1} where the backend cannot tell. */
	public int getSenderUid() {
		return this.senderUid;
	}

	@Override
	public String toString() {
		return "SignalEvent[" + this.signal + " from pid " + this.senderPid + ", uid " + this.senderUid + "]";
	}

}
