package org.slimta.system.internal.signal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slimta.system.signal.Signal;

/**
 * Hands each signal to a {@link SignalHandler} on a thread of that signal's own
 * (for example {@code slimta-signal-hup} and {@code slimta-signal-term}), so that the handling of one signal
 * never holds back another: a SIGHUP whose listeners take minutes does not delay SIGTERM. The
 * signals of one kind are handled one after the other, in the order they arrived. A thread ends
 * after a minute without signals, so an idle application keeps none.
 * <p>
 * While a signal's handling is busy, at most {@value #BACKLOG} more of the same kind wait; later
 * ones are dropped with a warning, as the kernel itself merges identical pending signals.
 */
public final class SignalLanes implements SignalHandler {

	/** How many signals of one kind may wait while the previous one is handled. */
	public static final int BACKLOG = 1000;

	private static final Log logger = LogFactory.getLog(SignalLanes.class);

	private final String threadPrefix;

	private final SignalHandler handler;

	private final ClassLoader contextClassLoader;

	private final Map<Signal, ThreadPoolExecutor> lanes = new EnumMap<>(Signal.class);

	private final Map<Signal, AtomicLong> dropped = new EnumMap<>(Signal.class);

	private boolean closed;

	/**
	 * Create lanes in front of a handler.
	 * @param threadPrefix the start of the threads' names, for example {@code slimta-signal-}
	 * @param handler handles each signal, on that signal's thread
	 */
	public SignalLanes(String threadPrefix, SignalHandler handler) {
		this.threadPrefix = threadPrefix;
		this.handler = handler;
		// The application's (a fat jar's) class loader: the threads that start lanes (the JVM's signal
		// threads, the reader) may have another, and a listener that loads classes needs this one.
		this.contextClassLoader = Thread.currentThread().getContextClassLoader();
	}

	@Override
	public void handle(Signal signal, int senderPid, int senderUid) {
		ThreadPoolExecutor lane = lane(signal);
		if (lane == null) {
			return;
		}
		try {
			lane.execute(() -> deliver(signal, senderPid, senderUid));
		}
		catch (RejectedExecutionException ex) {
			// Logged at the first drop of a burst only: the backlog is full because the handling is stuck.
			if (dropped(signal).getAndIncrement() == 0) {
				logger.warn("Dropped " + signal + ": " + BACKLOG + " of them already wait for the handling of an"
						+ " earlier one, which is still running on thread " + threadName(signal));
			}
		}
	}

	private void deliver(Signal signal, int senderPid, int senderUid) {
		long missed = dropped(signal).getAndSet(0);
		if (missed > 0) {
			logger.warn(missed + " " + signal + " were dropped while its handling was busy");
		}
		try {
			this.handler.handle(signal, senderPid, senderUid);
		}
		catch (RuntimeException ex) {
			logger.error("Handling " + signal + " failed; signals are still delivered", ex);
		}
	}

	private synchronized @Nullable ThreadPoolExecutor lane(Signal signal) {
		if (this.closed) {
			return null;
		}
		return this.lanes.computeIfAbsent(signal, (key) -> {
			ThreadPoolExecutor lane = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES,
					new ArrayBlockingQueue<>(BACKLOG), (task) -> {
						Thread thread = new Thread(task, threadName(key));
						thread.setContextClassLoader(this.contextClassLoader);
						// Never holds the JVM up: a listener blocked for good must not prevent the exit.
						thread.setDaemon(true);
						return thread;
					});
			lane.allowCoreThreadTimeOut(true);
			return lane;
		});
	}

	private synchronized AtomicLong dropped(Signal signal) {
		return this.dropped.computeIfAbsent(signal, (key) -> new AtomicLong());
	}

	/**
	 * The name of the thread that handles a signal.
	 * @param signal the signal
	 * @return for example {@code slimta-signal-hup}
	 */
	public String threadName(Signal signal) {
		return this.threadPrefix + signal.name().substring(3).toLowerCase(Locale.ROOT);
	}

	/** Take no more signals; handling already under way goes on, waiting signals are dropped. */
	public synchronized void close() {
		this.closed = true;
		this.lanes.values().forEach(ThreadPoolExecutor::shutdownNow);
		this.lanes.clear();
	}

}
