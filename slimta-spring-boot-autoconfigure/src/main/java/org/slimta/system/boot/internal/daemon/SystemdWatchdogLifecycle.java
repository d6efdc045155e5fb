package org.slimta.system.boot.internal.daemon;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.internal.daemon.SystemdNotifier;
import org.slimta.system.internal.daemon.SystemdWatchdog;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link SystemdWatchdog} for as long as the context runs: the application is alive while
 * Spring Boot's {@link LivenessState} is not {@code BROKEN} and no feature of the {@code slimta}
 * health failed (for example, the signal reader stopped). Started first and stopped last, so that
 * the pings go on through the start of the web server and the graceful shutdown.
 */
public class SystemdWatchdogLifecycle implements SmartLifecycle {

	// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
	private static final Log logger = LogFactory.getLog("org.slimta.system.daemon");

	private final SystemdNotifier notifier;

	private final Duration interval;

	private final ObjectProvider<ApplicationAvailability> availability;

	private final ObjectProvider<FeatureStatus> features;

	private List<FeatureStatus> checked = List.of();

	private volatile @Nullable SystemdWatchdog watchdog;

	/**
	 * Create the lifecycle.
	 * @param notifier the socket systemd listens on
	 * @param interval {@code WATCHDOG_USEC}: systemd's limit between two pings
	 * @param availability the application's availability, if it has one
	 * @param features the features whose failure means the application is not alive
	 */
	public SystemdWatchdogLifecycle(SystemdNotifier notifier, Duration interval,
			ObjectProvider<ApplicationAvailability> availability, ObjectProvider<FeatureStatus> features) {
		this.notifier = notifier;
		this.interval = interval;
		this.availability = availability;
		this.features = features;
	}

	@Override
	public synchronized void start() {
		this.checked = this.features.orderedStream().toList();
		this.watchdog = SystemdWatchdog.start(this.notifier, this.interval, this::trouble);
		logger.info("pinging systemd's watchdog every " + this.interval.toMillis() / 2 + " ms (WATCHDOG_USEC "
				+ this.interval.toNanos() / 1000 + ") while alive");
	}

	@Override
	public synchronized void stop() {
		if (this.watchdog != null) {
			this.watchdog.stop();
			this.watchdog = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.watchdog != null;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

	/**
	 * Why the application is not alive right now.
	 * @return the reason, or empty while it is alive
	 */
	Optional<String> trouble() {
		ApplicationAvailability availability = this.availability.getIfAvailable();
		// Before the context publishes CORRECT there is no state yet: starting is not broken.
		AvailabilityChangeEvent<LivenessState> liveness = (availability != null)
				? availability.getLastChangeEvent(LivenessState.class) : null;
		if (liveness != null && liveness.getState() == LivenessState.BROKEN) {
			Object source = liveness.getSource();
			return Optional.of("the liveness state is BROKEN" + ((source instanceof ApplicationContext) ? ""
					: " (published by " + source.getClass().getSimpleName() + ")"));
		}
		for (FeatureStatus feature : this.checked) {
			if (feature.failed()) {
				return Optional.of("the slimta health is DOWN: " + feature.detail() + " (" + feature.value()
						+ ") failed");
			}
		}
		return Optional.empty();
	}

}
