package org.slimta.system.internal.signal;

import java.util.Set;

import org.slimta.system.signal.Signal;

/**
 * Where signals come from: a {@code signalfd} ({@link SignalfdSource}) or the JVM's own handlers
 * ({@link JdkSignalSource}). Started once, stopped once.
 */
public interface SignalSource {

	/**
	 * The name of this source as the health component shows it: {@code signalfd} or {@code jdk}.
	 * @return the name
	 */
	String name();

	/**
	 * Start delivering signals to a handler.
	 * @param handler receives every signal taken over
	 * @return the signals actually taken over
	 */
	Set<Signal> start(SignalHandler handler);

	/** Stop delivering signals; safe to call from the handler's own thread. */
	void stop();

	/**
	 * Whether this source stopped by itself because of an error, so signals are no longer taken.
	 * @return whether it failed
	 */
	boolean failed();

}
