package org.slimta.system.posix;

import java.util.ArrayList;
import java.util.List;

import com.kenai.jffi.MemoryIO;

/**
 * An open {@code signalfd}, read by one thread, with a way for another thread to wake that reader
 * so it can stop.
 */
public final class SignalDescriptor implements AutoCloseable {

	private static final short POLLIN = 1;

	private static final int EINTR = 4;

	private static final int BATCH = 16;

	private static final int POLLFD_SIZE = 8;

	private final NativeSignals calls;

	private final int signalfd;

	private final int wakeup;

	private final byte[] buffer = new byte[SignalInfo.SIZE * BATCH];

	// Native memory for poll(2) and read(2), used by the reading thread only; freed on close.
	private final long nativeBuffer;

	private final long pollfds;

	private volatile boolean woken;

	SignalDescriptor(NativeSignals calls, int signalfd, int wakeup) {
		this.calls = calls;
		this.signalfd = signalfd;
		this.wakeup = wakeup;
		this.nativeBuffer = calls.memory().allocateMemory(this.buffer.length, true);
		this.pollfds = calls.memory().allocateMemory(2 * POLLFD_SIZE, true);
	}

	/**
	 * Wait for signals.
	 * @return the signals read, in the order the kernel gave them; empty once {@link #wakeUp()}
	 * was called
	 */
	public List<SignalInfo> read() {
		MemoryIO memory = this.calls.memory();
		while (!this.woken) {
			pollFor(memory, this.signalfd, 0);
			pollFor(memory, this.wakeup, POLLFD_SIZE);
			if (this.calls.poll(this.pollfds, 2) == -1) {
				int errno = this.calls.errno();
				if (errno == EINTR) {
					continue;
				}
				throw new PosixException("poll(signalfd " + this.signalfd + ")", errno);
			}
			if (this.woken || (memory.getShort(this.pollfds + 6) & POLLIN) == 0) {
				continue;
			}
			long read = this.calls.read(this.signalfd, this.nativeBuffer, this.buffer.length);
			if (read == -1) {
				int errno = this.calls.errno();
				if (errno == EINTR) {
					continue;
				}
				throw new PosixException("read(signalfd " + this.signalfd + ")", errno);
			}
			memory.getByteArray(this.nativeBuffer, this.buffer, 0, (int) read);
			List<SignalInfo> signals = new ArrayList<>();
			for (int offset = 0; offset + SignalInfo.SIZE <= read; offset += SignalInfo.SIZE) {
				signals.add(SignalInfo.decode(this.buffer, offset));
			}
			return signals;
		}
		return List.of();
	}

	/** Make a blocked or later {@link #read()} return empty. Safe from any thread. */
	public void wakeUp() {
		this.woken = true;
		MemoryIO memory = this.calls.memory();
		long one = memory.allocateMemory(8, true);
		try {
			memory.putLong(one, 1);
			this.calls.write(this.wakeup, one, 8);
		}
		finally {
			memory.freeMemory(one);
		}
	}

	/** Close both descriptors; call after the reading thread stopped. */
	@Override
	public void close() {
		this.calls.close(this.signalfd);
		this.calls.close(this.wakeup);
		this.calls.memory().freeMemory(this.nativeBuffer);
		this.calls.memory().freeMemory(this.pollfds);
	}

	// struct pollfd { int fd; short events; short revents; }
	private void pollFor(MemoryIO memory, int fd, int offset) {
		memory.putInt(this.pollfds + offset, fd);
		memory.putShort(this.pollfds + offset + 4, POLLIN);
		memory.putShort(this.pollfds + offset + 6, (short) 0);
	}

}
