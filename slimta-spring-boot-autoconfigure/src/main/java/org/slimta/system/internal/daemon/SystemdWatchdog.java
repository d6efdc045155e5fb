package org.slimta.system.internal.daemon;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Keeps systemd's watchdog ({@code WatchdogSec=} in the unit) fed while the service is alive:
 * {@code WATCHDOG=1} every half interval from the thread {@code slimta-watchdog}. When the service
 * is not alive (the check names a reason), the pings stop and the reason is logged at ERROR and
 * sent as {@code STATUS=}, so that systemd ends the service when the interval is up and restarts it
 * ({@code Restart=on-watchdog} or {@code on-failure}); the pings resume if the service recovers
 * first.
 * <p>
 * Whether systemd asked for a watchdog is read as {@code sd_watchdog_enabled(3)} reads it, from
 * {@code WATCHDOG_USEC} and {@code WATCHDOG_PID} ({@link #interval(Map, long)}).
 */
public final class SystemdWatchdog {

	/** The environment variable that holds the interval, in microseconds. */
	public static final String WATCHDOG_USEC = "WATCHDOG_USEC";

	/** The environment variable that names the process the interval is meant for. */
	public static final String WATCHDOG_PID = "WATCHDOG_PID";

	private static final Log logger = LogFactory.getLog(SystemdWatchdog.class);

	private final SystemdNotifier notifier;

	private final Duration interval;

	private final Supplier<Optional<String>> trouble;

	private final ScheduledThreadPoolExecutor thread;

	// Touched by the watchdog thread only.
	private @Nullable String silentBecause;

	private boolean failing;

	private SystemdWatchdog(SystemdNotifier notifier, Duration interval, Supplier<Optional<String>> trouble) {
		this.notifier = notifier;
		this.interval = interval;
		this.trouble = trouble;
		this.thread = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread watchdog = new Thread(task, "slimta-watchdog");
			watchdog.setDaemon(true);
			return watchdog;
		});
	}

	/**
	 * The watchdog interval systemd asked this process for, if it did: {@code WATCHDOG_USEC} is set
	 * and {@code WATCHDOG_PID} is either not set or this process's pid.
	 * @param environment the process environment
	 * @param pid this process's pid
	 * @return the interval; empty when there is no watchdog for this process
	 * @throws IllegalArgumentException if either variable is set to something other than a positive
	 * number
	 */
	public static Optional<Duration> interval(Map<String, String> environment, long pid) {
		String usec = environment.get(WATCHDOG_USEC);
		if (usec == null || usec.isEmpty()) {
			return Optional.empty();
		}
		String watchdogPid = environment.get(WATCHDOG_PID);
		if (watchdogPid != null && !watchdogPid.isEmpty() && positive(WATCHDOG_PID, watchdogPid) != pid) {
			return Optional.empty();
		}
		return Optional.of(Duration.ofNanos(Math.multiplyExact(positive(WATCHDOG_USEC, usec), 1000L)));
	}

	private static long positive(String name, String value) {
		try {
			long number = Long.parseLong(value);
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below, as any other value that is not a positive number.
		}
		throw new IllegalArgumentException(name + " must be a positive number, not \"" + value + "\"");
	}

	/**
	 * Start pinging.
	 * @param notifier where the pings go
	 * @param interval the watchdog interval; a ping goes every half of it
	 * @param trouble why the service is not alive right now, or empty while it is; asked before
	 * every ping
	 * @return the running watchdog
	 */
	public static SystemdWatchdog start(SystemdNotifier notifier, Duration interval,
			Supplier<Optional<String>> trouble) {
		SystemdWatchdog watchdog = new SystemdWatchdog(notifier, interval, trouble);
		long period = Math.max(1, interval.toNanos() / 2);
		watchdog.thread.scheduleAtFixedRate(watchdog::checkAndPing, 0, period, TimeUnit.NANOSECONDS);
		return watchdog;
	}

	/**
	 * The watchdog interval.
	 * @return the interval systemd waits for a ping at most
	 */
	public Duration interval() {
		return this.interval;
	}

	/** Stop pinging, and wait (a few seconds at most) for the thread to end. */
	public void stop() {
		this.thread.shutdownNow();
		try {
			this.thread.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	// Never throws: a scheduled task that throws is never run again.
	private void checkAndPing() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			logger.warn("The watchdog's check failed; it runs again in " + this.interval.toMillis() / 2 + " ms", ex);
		}
	}

	private void check() {
		String reason = trouble();
		if (reason == null) {
			if (this.silentBecause != null) {
				logger.info("Alive again (" + this.silentBecause + " no longer holds): pinging systemd's watchdog"
						+ " again");
				this.silentBecause = null;
			}
			ping();
		}
		else if (!reason.equals(this.silentBecause)) {
			this.silentBecause = reason;
			logger.error("Not alive: " + reason + ". No more WATCHDOG=1 to systemd, which ends the service "
					+ this.interval.toMillis() + " ms after the last one (WatchdogSec=) and restarts it if the unit"
					+ " says Restart=on-watchdog or on-failure");
			send("STATUS=", () -> this.notifier.status("not alive: " + reason));
		}
	}

	private @Nullable String trouble() {
		try {
			return Objects.requireNonNull(this.trouble.get()).orElse(null);
		}
		catch (RuntimeException ex) {
			return "the liveness check failed (" + ex + ")";
		}
	}

	private void ping() {
		boolean sent = send("WATCHDOG=1", this.notifier::watchdog);
		if (sent && this.failing) {
			logger.info("WATCHDOG=1 reaches " + this.notifier.socket() + " again");
		}
		this.failing = !sent;
	}

	private boolean send(String state, Notification notification) {
		try {
			notification.send();
			return true;
		}
		catch (IOException | RuntimeException ex) {
			// Once per run of failures: a socket that is gone would otherwise log twice per interval.
			if (!this.failing) {
				logger.warn("Could not tell systemd " + state + " through " + this.notifier.socket() + ": " + ex);
			}
			return false;
		}
	}

	@FunctionalInterface
	private interface Notification {

		void send() throws IOException;

	}

}
