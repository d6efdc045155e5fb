package org.slimta.system.signal;

/**
 * How the application receives signals.
 *
 * @since 0.1.0
 */
public enum SignalBackend {

	/** Linux {@code signalfd} wherever the process can be prepared for it, otherwise {@link #JDK}. */
	AUTO,

	/** Linux {@code signalfd}: every signal, with the sender's pid and uid. */
	SIGNALFD,

	/** {@code sun.misc.Signal} handlers: portable, but the sender is unknown. */
	JDK

}
