package org.slimta.system.internal.posix;

import java.util.List;
import java.util.Set;

/**
 * The native calls that prepare a process for {@code signalfd} and read signals from it: the
 * signal mask of the calling thread, close-on-exec, {@code execv}, and {@link SignalDescriptor}s.
 * <p>
 * Made through the JDK's foreign function API on JDK 22 and later, through jffi alone (the layer
 * under jnr-ffi) before: a JVM about to be relaunched, and the relaunched one reading its signals,
 * need neither jnr-ffi's binding nor jnr-posix. Bound on first use of {@link #get()}.
 */
public final class NativeSignals {

	private static final int SIG_BLOCK = 0;

	private static final int SIG_UNBLOCK = 1;

	private static final int F_GETFD = 1;

	private static final int F_SETFD = 2;

	private static final int FD_CLOEXEC = 1;

	private static final int EBADF = 9;

	// O_CLOEXEC, which signalfd and eventfd take as SFD_CLOEXEC and EFD_CLOEXEC.
	static final int CLOEXEC = 02000000;

	private final SignalCalls calls;

	NativeSignals(SignalCalls calls) {
		this.calls = calls;
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
	 * Whether the calls can be used here, binding them on first use.
	 * @return the availability, with the reason and the remedy when unavailable
	 */
	public static Availability availability() {
		return Holder.BOUND.availability();
	}

	/**
	 * Block signals in the calling thread; threads it starts afterwards, and a program it
	 * executes, inherit the mask.
	 * @param signals the signal numbers
	 */
	public void block(Set<Integer> signals) {
		mask(SIG_BLOCK, signals, "pthread_sigmask(SIG_BLOCK, " + signals + ")");
	}

	/**
	 * Unblock signals in the calling thread.
	 * @param signals the signal numbers
	 */
	public void unblock(Set<Integer> signals) {
		mask(SIG_UNBLOCK, signals, "pthread_sigmask(SIG_UNBLOCK, " + signals + ")");
	}

	private void mask(int how, Set<Integer> signals, String call) {
		int error = this.calls.pthreadSigmask(how, SignalSet.of(signals));
		if (error != 0) {
			throw new PosixException(call, error);
		}
	}

	/**
	 * Mark a descriptor close-on-exec.
	 * @param fd the descriptor
	 */
	public void closeOnExec(int fd) {
		int flags = check(this.calls.fcntl(fd, F_GETFD, 0), "fcntl(" + fd + ", F_GETFD)");
		if ((flags & FD_CLOEXEC) == 0) {
			check(this.calls.fcntl(fd, F_SETFD, flags | FD_CLOEXEC), "fcntl(" + fd + ", F_SETFD, FD_CLOEXEC)");
		}
	}

	/**
	 * Mark a descriptor close-on-exec if it is still open.
	 * @param fd the descriptor
	 * @return whether it was open
	 */
	public boolean closeOnExecIfOpen(int fd) {
		if (this.calls.fcntl(fd, F_GETFD, 0) == -EBADF) {
			return false;
		}
		closeOnExec(fd);
		return true;
	}

	/**
	 * Replace this process's program, keeping its pid, signal mask and the descriptors not marked
	 * close-on-exec. Returns only by throwing.
	 * @param path the program to execute
	 * @param argv its arguments, the first being its name
	 * @throws PosixException always, when the call failed
	 */
	public void execv(String path, List<String> argv) {
		throw new PosixException("execv(" + path + ")", this.calls.execv(path, argv));
	}

	/**
	 * Open a {@code signalfd} for signals that must already be blocked in every thread.
	 * @param signals the signal numbers
	 * @return the descriptor, close-on-exec
	 */
	public SignalDescriptor openSignalfd(Set<Integer> signals) {
		int descriptor = check(this.calls.signalfd(SignalSet.of(signals), CLOEXEC), "signalfd(" + signals + ")");
		int wakeup = this.calls.eventfd(CLOEXEC);
		if (wakeup < 0) {
			this.calls.close(descriptor);
			throw new PosixException("eventfd()", -wakeup);
		}
		return new SignalDescriptor(this.calls, descriptor, wakeup);
	}

	/**
	 * The implementation in use, for tests.
	 * @return the simple name of its class
	 */
	String implementation() {
		return this.calls.getClass().getSimpleName();
	}

	static int check(int result, String call) {
		if (result < 0) {
			throw new PosixException(call, -result);
		}
		return result;
	}

	/**
	 * Bind the calls of this JVM's implementation: the foreign one on JDK 22+, jffi otherwise.
	 * @return the calls
	 * @throws PosixUnavailableException if they cannot be bound
	 */
	static SignalCalls bind() {
		NativeAccess.ensureAvailability();
		if (NativeImplementation.foreign()) {
			return NativeImplementation.instantiate(SignalCalls.class, "ForeignSignalCalls");
		}
		try {
			return new JnrSignalCalls();
		}
		catch (PosixUnavailableException ex) {
			throw ex;
		}
		catch (RuntimeException | LinkageError ex) {
			throw JffiStub.unavailable(ex);
		}
	}

	// The holder idiom: bound once, on first use, thread-safe without locking.
	private static final class Holder {

		static final LibcBinding<NativeSignals> BOUND = LibcBinding.of(() -> new NativeSignals(bind()));

	}

}
