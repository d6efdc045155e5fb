package org.slimta.system.internal.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.ProcessWideState;
import org.slimta.system.internal.ProcessWideState.Holder;
import org.slimta.system.internal.posix.NativeProcesses;

/**
 * The detached process's end of the pipe its launcher waits on: {@code READY} once it serves, or
 * {@code FAILED} and the reason. Its descriptor number comes in {@value #PROPERTY}; it is written
 * once and closed, so that no later child inherits it.
 */
public final class ReadinessPipe {

	/** The system property that carries the write end's descriptor number. */
	public static final String PROPERTY = "org.slimta.system.daemon.ready-fd";

	static final String READY = "READY";

	static final String FAILED = "FAILED";

	private static final Holder<ReadinessPipe> current = ProcessWideState.READINESS_PIPE;

	private final int fd;

	private boolean done;

	private ReadinessPipe(int fd) {
		this.fd = fd;
	}

	/**
	 * Whether this process was started detached by a {@link Daemon} launcher.
	 * @return whether it is a daemon
	 */
	public static boolean isDaemon() {
		return System.getProperty(PROPERTY) != null;
	}

	/**
	 * The pipe of this process, if its launcher waits on one and it was not answered yet.
	 * @return the pipe, or {@code null}
	 */
	public static synchronized @Nullable ReadinessPipe current() {
		if (current.get() == null && isDaemon()) {
			current.set(new ReadinessPipe(Integer.parseInt(System.getProperty(PROPERTY))));
		}
		return current.get();
	}

	/** Tell the launcher this process is ready; it exits 0. */
	public synchronized void ready() {
		write(READY + "\n");
	}

	/**
	 * Tell the launcher this process failed to start; it prints the reason and exits non-zero.
	 * @param reason what went wrong and how to fix it
	 */
	public synchronized void failed(String reason) {
		write(FAILED + "\n" + reason);
	}

	private void write(String message) {
		if (this.done) {
			return;
		}
		this.done = true;
		try (OutputStream out = NativeProcesses.get().outputStream(this.fd)) {
			out.write(message.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException | RuntimeException ex) {
			// The launcher is gone (it timed out, or was killed): nobody to tell.
		}
	}

}
