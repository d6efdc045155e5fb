package org.slimta.system.signal;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Takes signals through the JVM's own handlers ({@code sun.misc.Signal}): portable, but the
 * sender is unknown (pid {@code 0}, uid {@code -1}) and signals the JVM keeps for itself (QUIT,
 * and all of them under {@code -Xrs}) cannot be taken. The previous handlers are restored on
 * {@link #stop()}.
 */
@SuppressWarnings("restriction")
public final class JdkSignalSource implements SignalSource {

	private static final Log logger = LogFactory.getLog(JdkSignalSource.class);

	private final Set<Signal> signals;

	private final Map<sun.misc.Signal, sun.misc.SignalHandler> previous = new LinkedHashMap<>();

	/**
	 * Create a source for the given signals.
	 * @param signals the signals to take over
	 */
	public JdkSignalSource(Set<Signal> signals) {
		this.signals = Set.copyOf(signals);
	}

	@Override
	public String name() {
		return "jdk";
	}

	@Override
	public synchronized Set<Signal> start(SignalHandler handler) {
		Set<Signal> taken = EnumSet.noneOf(Signal.class);
		for (Signal signal : this.signals) {
			sun.misc.Signal jdkSignal = new sun.misc.Signal(signal.name().substring(3));
			try {
				sun.misc.SignalHandler before = sun.misc.Signal.handle(jdkSignal,
						(received) -> handler.handle(signal, 0, -1));
				if (before == sun.misc.SignalHandler.SIG_IGN) {
					// HotSpot installs nothing for a signal the process inherited as ignored (nohup): say so.
					sun.misc.Signal.handle(jdkSignal, before);
					logger.warn(signal + " is ignored by this process (started under nohup, or by a parent that"
							+ " ignores it) and cannot be taken through the JVM's handlers; start it with " + signal
							+ " at its default action");
					continue;
				}
				this.previous.put(jdkSignal, before);
				taken.add(signal);
			}
			catch (IllegalArgumentException ex) {
				logger.warn(signal + " cannot be taken through the JVM's handlers (" + ex.getMessage()
						+ "); it keeps its default action");
			}
		}
		return taken;
	}

	@Override
	public synchronized void stop() {
		this.previous.forEach(sun.misc.Signal::handle);
		this.previous.clear();
	}

	@Override
	public boolean failed() {
		return false;
	}

}
