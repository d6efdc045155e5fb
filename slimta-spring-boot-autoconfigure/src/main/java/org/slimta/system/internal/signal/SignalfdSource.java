package org.slimta.system.internal.signal;

import java.util.EnumSet;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slimta.system.signal.Signal;

/**
 * Signals read from a Linux {@code signalfd}, with the sender's pid and uid, by the process's
 * {@link SignalfdReader}: the application takes them while this source is started, and the reader
 * goes on reading, acting as the JVM would, before and after.
 */
public final class SignalfdSource implements SignalSource {

	private static final Log logger = LogFactory.getLog(SignalfdSource.class);

	private final SignalfdReader reader;

	private final Set<Signal> signals;

	private @Nullable SignalHandler handler;

	/**
	 * Create a source for the given signals.
	 * @param reader the process's reader
	 * @param signals the signals to take
	 */
	public SignalfdSource(SignalfdReader reader, Set<Signal> signals) {
		this.reader = reader;
		this.signals = signals.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(signals));
	}

	@Override
	public String name() {
		return "signalfd";
	}

	@Override
	public synchronized Set<Signal> start(SignalHandler handler) {
		Set<Signal> taken = EnumSet.noneOf(Signal.class);
		taken.addAll(this.signals);
		taken.retainAll(this.reader.signals());
		Set<Signal> unread = EnumSet.noneOf(Signal.class);
		unread.addAll(this.signals);
		unread.removeAll(taken);
		// Said once at start-up where the relaunch read other settings than the final configuration's.
		if (!unread.isEmpty() && logger.isDebugEnabled()) {
			logger.debug("Signals " + unread + " cannot be taken: this process was started with only "
					+ this.reader.signals() + " blocked for signalfd, and keeps their default action;"
					+ " set slimta.system.signals.handled where the start-up reads it (see docs/relaunch.md)");
		}
		this.handler = handler;
		this.reader.attach(handler, taken);
		return taken;
	}

	@Override
	public synchronized void stop() {
		if (this.handler != null) {
			this.reader.detach(this.handler);
			this.handler = null;
		}
	}

	@Override
	public boolean failed() {
		return this.reader.failed();
	}

}
