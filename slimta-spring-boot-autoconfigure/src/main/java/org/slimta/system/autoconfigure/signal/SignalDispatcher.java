package org.slimta.system.autoconfigure.signal;

import java.util.Set;

import org.slimta.system.autoconfigure.reload.HangupReload;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalEvent;
import org.slimta.system.signal.SignalHandler;

/**
 * What each signal does: first its {@link SignalEvent}, then the default action, a
 * {@link SignalShutdown} for the signals in {@code signals.shutdown-on} and a {@link HangupReload}
 * for SIGHUP.
 */
class SignalDispatcher implements SignalHandler {

	private final SignalEventPublisher publisher;

	private final Set<Signal> shutdownOn;

	private final SignalShutdown shutdown;

	private final HangupReload reload;

	SignalDispatcher(SignalEventPublisher publisher, Set<Signal> shutdownOn, SignalShutdown shutdown,
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
