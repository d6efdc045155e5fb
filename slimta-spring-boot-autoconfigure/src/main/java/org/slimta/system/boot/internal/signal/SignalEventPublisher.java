package org.slimta.system.boot.internal.signal;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.boot.internal.metrics.SignalListenerTimer;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalEvent;
import org.slimta.system.internal.signal.SignalSource;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes a {@link SignalEvent} to the application's listeners and times them; a listener that
 * throws is logged, so that later signals are still delivered.
 */
public class SignalEventPublisher {

	// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
	private static final Log logger = LogFactory.getLog("org.slimta.system.signal");

	private final SignalSource source;

	private final ApplicationEventPublisher publisher;

	private final SignalListenerTimer timer;

	/**
	 * Create the publisher.
	 * @param source the source of the signals, the source of each event
	 * @param publisher the application's event publisher
	 * @param timer times the listeners of each signal
	 */
	public SignalEventPublisher(SignalSource source, ApplicationEventPublisher publisher, SignalListenerTimer timer) {
		this.source = source;
		this.publisher = publisher;
		this.timer = timer;
	}

	/**
	 * Publish one signal and wait for its listeners.
	 * @param signal the signal
	 * @param senderPid the sending process, {@code 0} where the source cannot tell
	 * @param senderUid the sending user, {@code -1} where the source cannot tell
	 */
	public void publish(Signal signal, int senderPid, int senderUid) {
		long start = System.nanoTime();
		try {
			this.publisher.publishEvent(new SignalEvent(this.source, signal, senderPid, senderUid));
		}
		catch (RuntimeException ex) {
			logger.error("A listener of " + signal + " failed; signals are still delivered", ex);
		}
		finally {
			this.timer.record(signal, Duration.ofNanos(System.nanoTime() - start));
		}
	}

}
