package org.slimta.system.posix;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jnr.ffi.Runtime;

/**
 * The native calls that prepare a process for {@code signalfd} and read signals from it: the
 * signal mask of the calling thread, close-on-exec, {@code execv}, and {@link SignalDescriptor}s.
 * <p>
 * Bound on first use of {@link #get()}, separately from {@link Posix}, so that a process about to
 * re-execute itself loads as little native code as possible.
 */
public final class NativeSignals {

	private static final int SIG_BLOCK = 0;

	private static final int SIG_UNBLOCK = 1;

	private static final int F_GETFD = 1;

	private static final int F_SETFD = 2;

	private static final int FD_CLOEXEC = 1;

	// O_CLOEXEC, which signalfd and eventfd take as SFD_CLOEXEC and EFD_CLOEXEC.
	static final int CLOEXEC = 02000000;

	private final SignalLibrary library;

	private final Runtime runtime;

	private NativeSignals(SignalLibrary library) {
		this.library = library;
		this.runtime = Runtime.getRuntime(library);
	}

	/**
	 * The calls, bound on first use.
	 * @return the calls
	 * @throws PosixUnavailableException if they cannot be used here
	 */
	public static NativeSignals get() {
		return Holder.BOUND.get();
	}

	/**
	 * Block signals in the calling thread; threads it starts afterwards, and a program it
	 * executes, inherit the mask.
	 * @param signals the signal numbers
	 */
	public void block(Set<Integer> signals) {
		check(this.library.pthread_sigmask(SIG_BLOCK, SignalSet.of(signals), null), "pthread_sigmask(SIG_BLOCK, " + signals + ")");
	}

	/**
	 * Unblock signals in the calling thread.
	 * @param signals the signal numbers
	 */
	public void unblock(Set<Integer> signals) {
		check(this.library.pthread_sigmask(SIG_UNBLOCK, SignalSet.of(signals), null),
				"pthread_sigmask(SIG_UNBLOCK, " + signals + ")");
	}

	/**
	 * Mark a descriptor close-on-exec.
	 * @param fd the descriptor
	 */
	public void closeOnExec(int fd) {
		int flags = this.library.fcntl(fd, F_GETFD, 0);
		check(flags, "fcntl(" + fd + ", F_GETFD)");
		if ((flags & FD_CLOEXEC) == 0) {
			check(this.library.fcntl(fd, F_SETFD, flags | FD_CLOEXEC), "fcntl(" + fd + ", F_SETFD, FD_CLOEXEC)");
		}
	}

	/**
	 * Replace this process's program, keeping its pid, signal mask and the descriptors not marked
	 * close-on-exec. Returns only by throwing.
	 * @param path the program to execute
	 * @param argv its arguments, the first being its name
	 * @throws PosixException always, when the call failed
	 */
	public void execv(String path, List<String> argv) {
		List<String> terminated = new ArrayList<>(argv);
		terminated.add(null);
		this.library.execv(path, terminated.toArray(new CharSequence[0]));
		throw new PosixException("execv(" + path + ")", errno());
	}

	/**
	 * Open a {@code signalfd} for signals that must already be blocked in every thread.
	 * @param signals the signal numbers
	 * @return the descriptor, close-on-exec
	 */
	public SignalDescriptor openSignalfd(Set<Integer> signals) {
		int signalfd = this.library.signalfd(-1, SignalSet.of(signals), CLOEXEC);
		check(signalfd, "signalfd(" + signals + ")");
		int wakeup = this.library.eventfd(0, CLOEXEC);
		if (wakeup == -1) {
			int errno = errno();
			this.library.close(signalfd);
			throw new PosixException("eventfd()", errno);
		}
		return new SignalDescriptor(this, signalfd, wakeup);
	}

	SignalLibrary library() {
		return this.library;
	}

	int errno() {
		return this.runtime.getLastError();
	}

	int check(int result, String call) {
		if (result == -1) {
			throw new PosixException(call, errno());
		}
		return result;
	}

	private static final class Holder {

		static final LibcBinding<NativeSignals> BOUND = LibcBinding.load(SignalLibrary.class, NativeSignals::new);

	}

}
