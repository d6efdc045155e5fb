package org.slimta.system.signal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.posix.NativeSignals;
import org.slimta.system.posix.SignalDescriptor;
import org.slimta.system.posix.SignalInfo;

/**
 * Reads signals from a Linux {@code signalfd} on one platform daemon thread, with the sender's pid
 * and uid. The signals must already be blocked in every thread of the process (see
 * {@link SignalfdPreparation}), or some of them reach the JVM instead.
 */
public final class SignalfdSource implements SignalSource {

	private static final Log logger = LogFactory.getLog(SignalfdSource.class);

	private final Set<Signal> signals;

	private SignalDescriptor descriptor;

	private volatile Thread reader;

	private volatile boolean stopping;

	private volatile boolean failed;

	/**
	 * Create a source for the given signals.
	 * @param signals the signals to read
	 */
	public SignalfdSource(Set<Signal> signals) {
		this.signals = Set.copyOf(signals);
	}

	@Override
	public String name() {
		return "signalfd";
	}

	// The reader binds libc and opens the descriptor itself, off the application's startup path;
	// signals sent meanwhile stay pending, since every thread blocks them.
	@Override
	public Set<Signal> start(SignalHandler handler) {
		Thread thread = new Thread(() -> read(handler), "slimta-signals");
		thread.setDaemon(true);
		this.reader = thread;
		thread.start();
		return this.signals.isEmpty() ? Set.of() : EnumSet.copyOf(this.signals);
	}

	private void read(SignalHandler handler) {
		try {
			if (!open()) {
				return;
			}
			SignalDescriptor opened = this.descriptor;
			while (!this.stopping) {
				List<SignalInfo> received = opened.read();
				for (SignalInfo info : received) {
					Signal signal = Signal.ofNumber(info.number());
					try {
						handler.handle(signal, info.senderPid(), info.senderUid());
					}
					catch (RuntimeException ex) {
						logger.error("Handling " + signal + " failed; still reading signals", ex);
					}
				}
			}
		}
		catch (RuntimeException | Error ex) {
			this.failed = true;
			logger.error("The signalfd reader stopped: signals are no longer taken", ex);
		}
		finally {
			close();
		}
	}

	// Under the lock that stop() takes, so that it never wakes a descriptor number already reused.
	private synchronized void close() {
		if (this.descriptor != null) {
			this.descriptor.close();
			this.descriptor = null;
		}
	}

	private synchronized boolean open() {
		if (this.stopping) {
			return false;
		}
		Set<Integer> numbers = this.signals.stream().map(Signal::number).collect(Collectors.toSet());
		this.descriptor = NativeSignals.get().openSignalfd(numbers);
		return true;
	}

	@Override
	public void stop() {
		Thread thread = this.reader;
		synchronized (this) {
			this.stopping = true;
			if (this.descriptor != null) {
				this.descriptor.wakeUp();
			}
		}
		if (thread == null) {
			return;
		}
		if (thread != Thread.currentThread()) {
			try {
				thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean failed() {
		return this.failed;
	}

}
