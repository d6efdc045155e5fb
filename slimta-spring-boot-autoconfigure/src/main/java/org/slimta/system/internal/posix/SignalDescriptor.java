package org.slimta.system.internal.posix;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open {@code signalfd}, read by one thread, with a way for another thread to wake that reader
 * so it can stop. Its descriptors close once: a second {@link #close()} does nothing, a
 * {@link #wakeUp()} after it does nothing, and a {@link #read()} after it is an error, never a call
 * on a number the kernel may since have given to another file.
 */
public final class SignalDescriptor implements AutoCloseable {

	private static final int EINTR = 4;

	private static final int POLLIN = 1;

	private static final int BATCH = 16;

	// Bit 0: closed; the rest counts the calls in progress, the last of which closes when asked to.
	private static final int CLOSED = 1;

	private static final int CALL = 2;

	private final SignalCalls calls;

	private final int signalfd;

	private final int wakeup;

	private final byte[] buffer = new byte[SignalInfo.SIZE * BATCH];

	// The native memory of poll(2) and read(2), used by the reading thread only; freed on close.
	private final SignalCalls.Reading reading;

	private final AtomicInteger state = new AtomicInteger();

	private volatile boolean woken;

	SignalDescriptor(SignalCalls calls, int signalfd, int wakeup) {
		this.calls = calls;
		this.signalfd = signalfd;
		this.wakeup = wakeup;
		this.reading = calls.reading(signalfd, wakeup, this.buffer.length);
	}

	/**
	 * Wait for signals.
	 * @return the signals read, in the order the kernel gave them; empty once {@link #wakeUp()}
	 * was called
	 * @throws IllegalStateException if the descriptor is closed
	 */
	public List<SignalInfo> read() {
		if (!enter()) {
			throw new IllegalStateException("signalfd " + this.signalfd + " is closed");
		}
		try {
			return readOpen();
		}
		finally {
			leave();
		}
	}

	private List<SignalInfo> readOpen() {
		while (!this.woken) {
			int events = this.reading.poll();
			if (events < 0) {
				if (-events == EINTR) {
					continue;
				}
				throw new PosixException("poll(signalfd " + this.signalfd + ")", -events);
			}
			if (this.woken || (events & POLLIN) == 0) {
				continue;
			}
			int read = this.reading.read(this.buffer);
			if (read < 0) {
				if (-read == EINTR) {
					continue;
				}
				throw new PosixException("read(signalfd " + this.signalfd + ")", -read);
			}
			List<SignalInfo> signals = new ArrayList<>();
			for (int offset = 0; offset + SignalInfo.SIZE <= read; offset += SignalInfo.SIZE) {
				signals.add(SignalInfo.decode(this.buffer, offset));
			}
			return signals;
		}
		return List.of();
	}

	/** Make a blocked or later {@link #read()} return empty. Safe from any thread, also after close. */
	public void wakeUp() {
		this.woken = true;
		if (enter()) {
			try {
				this.reading.wake();
			}
			finally {
				leave();
			}
		}
	}

	/**
	 * Close both descriptors and free the memory, once: at once, or when a call in progress on
	 * another thread returns. Call after the reading thread stopped; a second call does nothing.
	 */
	@Override
	public void close() {
		int current;
		do {
			current = this.state.get();
			if ((current & CLOSED) != 0) {
				return;
			}
		}
		while (!this.state.compareAndSet(current, current | CLOSED));
		if (current == 0) {
			release();
		}
	}

	/**
	 * Whether {@link #close()} was called.
	 * @return whether it was
	 */
	public boolean isClosed() {
		return (this.state.get() & CLOSED) != 0;
	}

	private boolean enter() {
		int current;
		do {
			current = this.state.get();
			if ((current & CLOSED) != 0) {
				return false;
			}
		}
		while (!this.state.compareAndSet(current, current + CALL));
		return true;
	}

	private void leave() {
		if (this.state.addAndGet(-CALL) == CLOSED) {
			release();
		}
	}

	private void release() {
		try {
			this.calls.close(this.signalfd);
			this.calls.close(this.wakeup);
		}
		finally {
			this.reading.close();
		}
	}

}
