package org.slimta.system.boot.internal.signal;

import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slimta.system.signal.Signal;
import org.slimta.system.internal.signal.SignalHandler;
import org.slimta.system.internal.signal.SignalLanes;
import org.slimta.system.internal.signal.SignalSource;

import org.springframework.context.SmartLifecycle;

/**
 * Takes the signals of a {@link SignalSource} for as long as the context runs, each handed to the
 * {@link SignalDispatcher} on a thread of its own kind ({@link SignalLanes}), so that listeners
 * that block never hold back another signal. Started before, and stopped after, every other
 * lifecycle bean (the web server included).
 */
public class SignalSourceLifecycle implements SmartLifecycle {

	// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
	private static final Log logger = LogFactory.getLog("org.slimta.system.signal");

	private final SignalSource source;

	private final SignalHandler dispatcher;

	private final SignalShutdown shutdown;

	private @Nullable SignalLanes lanes;

	private volatile boolean running;

	/**
	 * Create the lifecycle.
	 * @param source the source of the signals
	 * @param dispatcher handles each signal
	 * @param shutdown the shutdown whose delay ends when the context stops
	 */
	public SignalSourceLifecycle(SignalSource source, SignalHandler dispatcher, SignalShutdown shutdown) {
		this.source = source;
		this.dispatcher = dispatcher;
		this.shutdown = shutdown;
	}

	@Override
	public synchronized void start() {
		this.lanes = new SignalLanes("slimta-signal-", this.dispatcher);
		Set<Signal> taken = this.source.start(this.lanes);
		this.running = true;
		logger.debug("Taking " + taken + " through " + this.source.name());
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		// The context closes by other means: a shutdown delay under way has nothing left to wait for.
		this.shutdown.endDelay();
		this.source.stop();
		if (this.lanes != null) {
			this.lanes.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

}
