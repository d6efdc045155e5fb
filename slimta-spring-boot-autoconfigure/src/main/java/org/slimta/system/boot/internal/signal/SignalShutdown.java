package org.slimta.system.boot.internal.signal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slimta.system.signal.Signal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a shutdown signal begins, on the thread {@code slimta-shutdown}: readiness becomes
 * {@link ReadinessState#REFUSING_TRAFFIC} at once (a readiness probe fails, so Kubernetes takes the
 * pod out of its endpoints), requests are still served for {@code signals.shutdown-delay}, then the
 * context closes gracefully and the JVM exits with {@code signals.exit-status} or 128 + the
 * signal's number. A second shutdown signal during the delay ends the wait.
 */
public class SignalShutdown {

	// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
	private static final Log logger = LogFactory.getLog("org.slimta.system.signal");

	private final ConfigurableApplicationContext context;

	private final Duration delay;

	private final @Nullable Integer exitStatus;

	private final IntConsumer exit;

	private final AtomicBoolean begun = new AtomicBoolean();

	private final CountDownLatch delayEnded = new CountDownLatch(1);

	/**
	 * Create the shutdown of an application.
	 * @param context the application's context
	 * @param delay how long to keep serving before the close
	 * @param exitStatus the status to exit with, or {@code null} for 128 + the signal's number
	 * @param exit ends the JVM with a status ({@link System#exit} outside tests)
	 */
	public SignalShutdown(ConfigurableApplicationContext context, Duration delay, @Nullable Integer exitStatus,
			IntConsumer exit) {
		this.context = context;
		this.delay = delay;
		this.exitStatus = exitStatus;
		this.exit = exit;
	}

	/**
	 * Begin the shutdown after a signal, or, if it was begun already, end the delay.
	 * @param signal the shutdown signal
	 */
	void begin(Signal signal) {
		if (!this.begun.compareAndSet(false, true)) {
			if (!this.delay.isZero() && this.delayEnded.getCount() > 0) {
				logger.info("Received " + signal + " during the shutdown delay: closing the application now");
				this.delayEnded.countDown();
			}
			else {
				logger.info("Received " + signal + " while already shutting down");
			}
			return;
		}
		if (this.delay.isZero()) {
			logger.info("Received " + signal + ": closing the application");
		}
		else {
			logger.info("Received " + signal + ": refusing traffic for " + this.delay.toMillis()
					+ " ms (slimta.system.signals.shutdown-delay), then closing the application; another shutdown"
					+ " signal closes it at once");
		}
		// On a thread of its own: closing the context stops the signal lanes, which must not wait for themselves.
		Thread shutdown = new Thread(() -> shutDown(signal), "slimta-shutdown");
		// Not a daemon (the lanes are): the JVM must not end with status 0 before the exit runs.
		shutdown.setDaemon(false);
		shutdown.start();
	}

	/** End the delay, if one is under way: the context is closing by other means. */
	void endDelay() {
		this.delayEnded.countDown();
	}

	/**
	 * The status the JVM exits with after a signal.
	 * @param signal the signal
	 * @return {@code signals.exit-status}, or 128 + the signal's number
	 */
	int exitStatus(Signal signal) {
		return (this.exitStatus != null) ? this.exitStatus : signal.exitStatus();
	}

	private void shutDown(Signal signal) {
		try {
			AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		}
		catch (RuntimeException ex) {
			logger.error("A listener of the readiness state REFUSING_TRAFFIC failed; closing anyway", ex);
		}
		awaitDelay();
		this.delayEnded.countDown();
		this.exit.accept(SpringApplication.exit(this.context, () -> exitStatus(signal)));
	}

	private void awaitDelay() {
		if (this.delay.isZero()) {
			return;
		}
		try {
			this.delayEnded.await(this.delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
