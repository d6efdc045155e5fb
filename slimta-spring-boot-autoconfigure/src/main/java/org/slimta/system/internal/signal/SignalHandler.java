package org.slimta.system.internal.signal;

import org.slimta.system.signal.Signal;

/**
 * Receives the signals a {@link SignalSource} reads, on the source's own thread.
 */
@FunctionalInterface
public interface SignalHandler {

	/**
	 * Handle one signal.
	 * @param signal the signal
	 * @param senderPid the sending process, {@code 0} where the source cannot tell
	 * @param senderUid the sending user, {@code -1} where the source cannot tell
	 */
	void handle(Signal signal, int senderPid, int senderUid);

}
