package org.slimta.system.autoconfigure.signal;

import org.slimta.system.signal.Signal;

import org.springframework.context.ApplicationContext;

/** Hands a signal to the context's {@link SignalDispatcher} as if received, for tests in other packages. */
public final class SignalDispatcherAccess {

	private SignalDispatcherAccess() {
	}

	public static void dispatch(ApplicationContext context, Signal signal, int senderPid, int senderUid) {
		context.getBean(SignalDispatcher.class).handle(signal, senderPid, senderUid);
	}

}
