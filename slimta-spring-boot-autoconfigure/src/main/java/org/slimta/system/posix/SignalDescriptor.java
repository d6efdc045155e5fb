package org.slimta.system.posix;

import java.util.ArrayList;
import java.util.List;

/**
 * An open {@code signalfd}, read by one thread, with a way for another thread to wake that reader
 * so it can stop.
 */
public final class SignalDescriptor implements AutoCloseable {

	private static final short POLLIN = 1;

	private static final int EINTR = 4;

	private static final int BATCH = 16;

	private final NativeSignals calls;

	private final int signalfd;

	private final int wakeup;

	private final byte[] buffer = new byte[SignalInfo.SIZE * BATCH];

	private final byte[] pollfds = new byte[16];

	private volatile boolean woken;

	SignalDescriptor(NativeSignals calls, int signalfd, int wakeup) {
		this.calls = calls;
		this.signalfd = signalfd;
		this.wakeup = wakeup;
	}

	/**
	 * Wait for signals.
	 * @return the signals read, in the order the kernel gave them; empty once {@link #wakeUp()}
	 * was called
	 */
	public List<SignalInfo> read() {
		SignalLibrary library = this.calls.library();
		while (!this.woken) {
			pollFor(this.signalfd, 0);
			pollFor(this.wakeup, 8);
			if (library.poll(this.pollfds, 2, -1) == -1) {
				int errno = this.calls.errno();
				if (errno == EINTR) {
					continue;
				}
				throw new PosixException("poll(signalfd " + this.signalfd + ")", errno);
			}
			if (this.woken || !ready(0)) {
				continue;
			}
			long read = library.read(this.signalfd, this.buffer, this.buffer.length);
			if (read == -1) {
				int errno = this.calls.errno();
				if (errno == EINTR) {
					continue;
				}
				throw new PosixException("read(signalfd " + this.signalfd + ")", errno);
			}
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
		byte[] one = { 1, 0, 0, 0, 0, 0, 0, 0 };
		this.calls.library().write(this.wakeup, one, one.length);
	}

	/** Close both descriptors; call after the reading thread stopped. */
	@Override
	public void close() {
		this.calls.library().close(this.signalfd);
		this.calls.library().close(this.wakeup);
	}

	// struct pollfd { int fd; short events; short revents; }, little-endian.
	private void pollFor(int fd, int offset) {
		this.pollfds[offset] = (byte) fd;
		this.pollfds[offset + 1] = (byte) (fd >> 8);
		this.pollfds[offset + 2] = (byte) (fd >> 16);
		this.pollfds[offset + 3] = (byte) (fd >> 24);
		this.pollfds[offset + 4] = POLLIN;
		this.pollfds[offset + 5] = 0;
		this.pollfds[offset + 6] = 0;
		this.pollfds[offset + 7] = 0;
	}

	private boolean ready(int offset) {
		return (this.pollfds[offset + 6] & POLLIN) != 0;
	}

}
