package org.slimta.system.internal.signal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.ProcessWideState;
import org.slimta.system.internal.ProcessWideState.Holder;
import org.slimta.system.internal.posix.NativeSignals;
import org.slimta.system.internal.posix.SignalDescriptor;
import org.slimta.system.internal.posix.SignalInfo;
import org.slimta.system.signal.Signal;

/**
 * The one reader of a prepared process's {@code signalfd}, on the thread {@code slimta-signals},
 * from right after the relaunch until the JVM ends: a signal blocked for signalfd is always read
 * and acted on, whether or not an application takes it at that moment.
 * <p>
 * Once a handler is {@linkplain #attach attached}, the signals it accepts go to it. Before that
 * (during start-up) and after it is detached (while the application closes), the reader does what
 * the JVM would: a shutdown signal ends the JVM with status 128 + its number (its shutdown hooks
 * close what exists), other signals wait, up to {@value #WAITING}, for the next handler. SIGQUIT
 * always prints the JVM's thread dump first, as the JVM itself would.
 */
public final class SignalfdReader {

	/** How many signals may wait for a handler during start-up. */
	static final int WAITING = 100;

	private static final Log logger = LogFactory.getLog(SignalfdReader.class);

	private static final Holder<SignalfdReader> current = ProcessWideState.SIGNALFD_READER;

	private final Set<Signal> read;

	// Guarded by this: the final configuration may differ from the one the relaunch read.
	private Set<Signal> shutdownOn;

	private final CompletableFuture<Void> opened = new CompletableFuture<>();

	private final ArrayDeque<Received> waiting = new ArrayDeque<>();

	private final SignalLanes dumps;

	private final AtomicBoolean exiting = new AtomicBoolean();

	private final Consumer<Signal> exit;

	private @Nullable SignalHandler handler;

	private Set<Signal> accepted = Set.of();

	private volatile boolean failed;

	private final Object stopLock = new Object();

	private @Nullable SignalDescriptor descriptor;

	private volatile boolean stopping;

	SignalfdReader(Set<Signal> read, Set<Signal> shutdownOn, Consumer<Signal> exit, Runnable dump) {
		this.read = read.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(read));
		this.shutdownOn = Set.copyOf(shutdownOn);
		this.exit = exit;
		this.dumps = new SignalLanes("slimta-dump-", (signal, pid, uid) -> dump.run());
	}

	/**
	 * Start reading the signals this process was prepared for, if it was (see
	 * {@link SignalfdPreparation}); does nothing in any other process, or when already reading.
	 * Cheap: the native binding and the descriptor are made on the reader's own thread.
	 * @return the reader, if this process was prepared for signalfd
	 */
	public static synchronized Optional<SignalfdReader> startIfPrepared() {
		if (current.get() == null) {
			SignalfdPreparation.prepared().ifPresent((signals) -> current.set(start(signals.read(), signals.shutdownOn())));
		}
		return Optional.ofNullable(current.get());
	}

	/**
	 * The reader of this process, if one was started.
	 * @return the reader
	 */
	public static synchronized Optional<SignalfdReader> current() {
		return Optional.ofNullable(current.get());
	}

	/**
	 * Start a reader.
	 * @param read the signals to read, blocked in every thread of the process
	 * @param shutdownOn those that end the JVM while no handler takes them
	 * @return the reader
	 */
	static SignalfdReader start(Set<Signal> read, Set<Signal> shutdownOn) {
		SignalfdReader reader = new SignalfdReader(read, shutdownOn, SignalfdReader::exitAsTheJvmWould, ThreadDump::print);
		Thread thread = new Thread(reader::run, "slimta-signals");
		thread.setDaemon(true);
		thread.start();
		// HotSpot's exit waits up to 300 ms for threads in native code: leave poll(2) once the JVM exits.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> reader.stop(thread), "slimta-signals-stop"));
		return reader;
	}

	/**
	 * The signals this reader reads.
	 * @return the signals
	 */
	public Set<Signal> signals() {
		return this.read;
	}

	/**
	 * Wait until the {@code signalfd} is open.
	 * @param timeout how long to wait at most
	 * @throws IllegalStateException if it could not be opened, with the reason as its cause
	 */
	public void awaitOpen(Duration timeout) {
		try {
			this.opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException("the signalfd for " + this.read + " cannot be opened: "
					+ cause.getMessage(), cause);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("the signalfd for " + this.read + " was not open after " + timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while opening the signalfd", ex);
		}
	}

	/**
	 * Hand the signals a handler accepts to it from now on, those that waited first. The handler is
	 * called on the reader's thread and must return quickly (see {@link SignalLanes}).
	 * @param handler the handler
	 * @param signals the signals it accepts
	 */
	public synchronized void attach(SignalHandler handler, Set<Signal> signals) {
		this.handler = handler;
		this.accepted = Set.copyOf(signals);
		while (!this.waiting.isEmpty()) {
			Received received = this.waiting.poll();
			route(received.signal(), received.senderPid(), received.senderUid());
		}
	}

	/**
	 * Stop handing signals to a handler; the reader goes on as before any handler attached.
	 * @param handler the handler attached before
	 */
	public synchronized void detach(SignalHandler handler) {
		if (this.handler == handler) {
			this.handler = null;
			this.accepted = Set.of();
		}
	}

	/**
	 * Act on the signals an application does not take as the JVM's own handlers would, as the
	 * final configuration asks (it may take fewer signals than this process blocked): those of its
	 * {@code shutdownOn}, and HUP, INT and TERM, end the JVM with status 128 + their number;
	 * SIGQUIT still prints a thread dump; others are ignored.
	 * @param taken the signals the application takes
	 * @param shutdownOn those of them that end it
	 * @return the signals that now end the JVM while no application takes them
	 */
	public synchronized Set<Signal> actAsTheJvmFor(Set<Signal> taken, Set<Signal> shutdownOn) {
		Set<Signal> ending = SignalfdPreparation.endingAsTheJvmWould(this.read, taken, shutdownOn);
		this.shutdownOn = Collections.unmodifiableSet(ending);
		return this.shutdownOn;
	}

	/**
	 * Whether the reader stopped because of an error: signals are then no longer read.
	 * @return whether it failed
	 */
	public boolean failed() {
		return this.failed;
	}

	private void run() {
		SignalDescriptor descriptor;
		try {
			descriptor = NativeSignals.get().openSignalfd(SignalfdPreparation.numbers(this.read));
		}
		catch (RuntimeException | LinkageError ex) {
			this.failed = true;
			this.opened.completeExceptionally(ex);
			return;
		}
		synchronized (this.stopLock) {
			this.descriptor = descriptor;
			if (this.stopping) {
				descriptor.wakeUp();
			}
		}
		this.opened.complete(null);
		try (descriptor) {
			while (!this.stopping) {
				List<SignalInfo> received = descriptor.read();
				for (SignalInfo info : received) {
					receive(Signal.ofNumber(info.number()), info.senderPid(), info.senderUid());
				}
			}
		}
		catch (RuntimeException | Error ex) {
			this.failed = true;
			logger.error("The signalfd reader stopped: " + this.read + " stay blocked and are no longer read", ex);
		}
	}

	// While the JVM exits, as its own handlers do: signals arriving now change nothing.
	private void stop(Thread thread) {
		synchronized (this.stopLock) {
			this.stopping = true;
			if (this.descriptor != null) {
				this.descriptor.wakeUp();
			}
		}
		try {
			thread.join(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	// Package-private for tests, which cannot block signals in every thread of their JVM.
	void receive(Signal signal, int senderPid, int senderUid) {
		if (signal == Signal.SIGQUIT) {
			this.dumps.handle(signal, senderPid, senderUid);
		}
		synchronized (this) {
			if (this.handler == null && !this.shutdownOn.contains(signal) && signal != Signal.SIGQUIT) {
				if (this.waiting.size() < WAITING) {
					this.waiting.add(new Received(signal, senderPid, senderUid));
				}
				else {
					logger.warn("Dropped " + signal + " from pid " + senderPid + ": " + WAITING
							+ " signals already wait for the application to take them");
				}
				return;
			}
			route(signal, senderPid, senderUid);
		}
	}

	// Called holding the lock, so that waiting signals reach a new handler before later ones.
	private void route(Signal signal, int senderPid, int senderUid) {
		if (this.handler != null && this.accepted.contains(signal)) {
			this.handler.handle(signal, senderPid, senderUid);
		}
		else if (this.shutdownOn.contains(signal)) {
			exit(signal, senderPid);
		}
		else if (signal != Signal.SIGQUIT) {
			logger.warn("Ignored " + signal + " from pid " + senderPid + ": the application does not take it"
					+ " (slimta.system.signals.handled)");
		}
	}

	private void exit(Signal signal, int senderPid) {
		if (!this.exiting.compareAndSet(false, true)) {
			return;
		}
		logger.info("Received " + signal + " from pid " + senderPid + " while no application takes it: exiting with "
				+ signal.exitStatus() + ", as the JVM would");
		this.exit.accept(signal);
	}

	// As the JVM's own handlers would: System.exit runs the shutdown hooks, Spring Boot's among them.
	private static void exitAsTheJvmWould(Signal signal) {
		new Thread(() -> System.exit(signal.exitStatus()), "slimta-exit").start();
	}

	private record Received(Signal signal, int senderPid, int senderUid) {
	}

}
