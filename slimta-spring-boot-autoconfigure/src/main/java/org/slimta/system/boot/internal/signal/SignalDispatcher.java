package org.slimta.system.boot.internal.signal;

import java.util.Set;

import org.slimta.system.boot.internal.reload.HangupReload;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalEvent;
import org.slimta.system.internal.signal.SignalHandler;

/**
 * What each signal does: first its {@link SignalEvent}, then the default action, a
 * {@link SignalShutdown} for the signals in {@code signals.shutdown-on} and a {@link HangupReload}
 * for SIGHUP.
 */
public class SignalDispatcher implements SignalHandler {

	private final SignalEventPublisher publisher;

	private final Set<Signal> shutdownOn;

	private final SignalShutdown shutdown;

	private final HangupReload reload;

	/**
	 * Create the dispatcher.
	 * @param publisher publishes each signal's event
	 * @param shutdownOn the signals that end the application ({@code signals.shutdown-on})
	 * @param shutdown what a shutdown signal begins
	 * @param reload what SIGHUP begins
	 */
	public SignalDispatcher(SignalEventPublisher publisher, Set<Signal> shutdownOn, SignalShutdown shutdown,
			HangupReload reload) {
		this.publisher = publisher;
		this.shutdownOn = Set.copyOf(shutdownOn);
		this.shutdown = shutdown;
		this.reload = reload;
	}

	@Override
	public void handle(Signal signal, int senderPid, int senderUid) {
		this.publisher.publish(signal, senderPid, senderUid);
		if (this.shutdownOn.contains(signal)) {
			this.shutdown.begin(signal);
		}
		else if (signal == Signal.SIGHUP) {
			this.reload.run(senderPid);
		}
	}

}
