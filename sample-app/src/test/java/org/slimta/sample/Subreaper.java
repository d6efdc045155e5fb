package org.slimta.sample;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;

/**
 * Makes this test JVM, for a while, the parent of the processes orphaned below it
 * ({@code prctl(PR_SET_CHILD_SUBREAPER)}): a daemon whose launcher exited becomes its child, so that
 * the daemon's own exit status can be read with {@code waitpid}, which is otherwise lost to pid 1.
 */
final class Subreaper implements AutoCloseable {

	private static final int PR_SET_CHILD_SUBREAPER = 36;

	private static final int EINTR = 4;

	private final Libc libc;

	private Subreaper(Libc libc) {
		this.libc = libc;
	}

	/**
	 * Adopt the orphans of the processes this JVM starts from now on, until closed.
	 */
	static Subreaper become() {
		Libc libc = LibraryLoader.create(Libc.class).load(Platform.getNativePlatform().getStandardCLibraryName());
		if (libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
			throw new IllegalStateException("prctl(PR_SET_CHILD_SUBREAPER) failed");
		}
		return new Subreaper(libc);
	}

	/**
	 * Wait for an adopted process to end, and reap it.
	 * @param pid the process, a child of this JVM since its parent ended
	 * @return how it ended
	 */
	WaitStatus awaitExit(long pid) {
		int[] status = new int[1];
		while (this.libc.waitpid((int) pid, status, 0) == -1) {
			int errno = jnr.ffi.Runtime.getRuntime(this.libc).getLastError();
			if (errno != EINTR) {
				throw new IllegalStateException("waitpid(" + pid + ") failed with errno " + errno
						+ ": the process is not a child of this JVM");
			}
		}
		return new WaitStatus(status[0]);
	}

	@Override
	public void close() {
		this.libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
	}

	/**
	 * A {@code waitpid} status.
	 *
	 * @param raw the status word
	 */
	record WaitStatus(int raw) {

		/** Whether the process called {@code exit}, rather than being killed by a signal. */
		boolean exited() {
			return (this.raw & 0x7f) == 0;
		}

		/** The status given to {@code exit}. */
		int exitStatus() {
			return (this.raw >> 8) & 0xff;
		}

		@Override
		public String toString() {
			return exited() ? "exited with status " + exitStatus() : "killed by signal " + (this.raw & 0x7f);
		}

	}

	/** The C library calls used. */
	public interface Libc {

		int prctl(int option, long arg2, long arg3, long arg4, long arg5);

		int waitpid(int pid, int[] status, int options);

	}

}
