package org.slimta.sample;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;

/**
 * Makes this test JVM, for a while, the parent of the processes orphaned below it
 * ({@code prctl(PR_SET_CHILD_SUBREAPER)}): a daemon whose launcher exited becomes its child, so that
 * the daemon's own exit status can be read with {@code waitpid}
 * ({@link org.slimta.system.internal.posix.NativeProcesses#reap}), which is otherwise lost to pid 1. The
 * starter itself never needs {@code prctl}, so the call stays in the tests.
 */
final class Subreaper implements AutoCloseable {

	private static final int PR_SET_CHILD_SUBREAPER = 36;

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

	@Override
	public void close() {
		this.libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
	}

	/** The C library call used. */
	public interface Libc {

		int prctl(int option, long arg2, long arg3, long arg4, long arg5);

	}

}
