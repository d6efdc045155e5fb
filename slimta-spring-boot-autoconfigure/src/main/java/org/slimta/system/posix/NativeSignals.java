package org.slimta.system.posix;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;

/**
 * The native calls that prepare a process for {@code signalfd} and read signals from it: the
 * signal mask of the calling thread, close-on-exec, {@code execv}, and {@link SignalDescriptor}s.
 * <p>
 * Made through jffi alone, the layer under jnr-ffi: a JVM about to be relaunched, and the
 * relaunched one reading its signals, need neither jnr-ffi's binding (proxies, type mappers,
 * reflection: about 100 ms of a cold JVM and most of the heap the starter would otherwise keep)
 * nor jnr-posix. Bound on first use of {@link #get()}.
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

	private final Invoker invoker = Invoker.getInstance();

	private final MemoryIO memory = MemoryIO.getInstance();

	// Every argument a register-wide integer or pointer; int results, or ssize_t for read and write.
	private final CallContext one = context(Type.SINT, 1);

	private final CallContext two = context(Type.SINT, 2);

	private final CallContext three = context(Type.SINT, 3);

	private final CallContext transfer = context(Type.SLONG, 3);

	private final long pthreadSigmask;

	private final long fcntl;

	private final long execv;

	private final long signalfd;

	private final long eventfd;

	private final long poll;

	private final long read;

	private final long write;

	private final long close;

	private NativeSignals(Library libc) {
		this.pthreadSigmask = symbol(libc, "pthread_sigmask");
		this.fcntl = symbol(libc, "fcntl");
		this.execv = symbol(libc, "execv");
		this.signalfd = symbol(libc, "signalfd");
		this.eventfd = symbol(libc, "eventfd");
		this.poll = symbol(libc, "poll");
		this.read = symbol(libc, "read");
		this.write = symbol(libc, "write");
		this.close = symbol(libc, "close");
	}

	/**
	 * The calls, bound on first use.
	 * @return the calls
	 * @throws PosixUnavailableException if they cannot be used here
	 */
	public static NativeSignals get() {
		Holder holder = Holder.BOUND;
		if (holder.failure != null) {
			throw holder.failure;
		}
		return holder.calls;
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
		long set = copy(SignalSet.of(signals));
		try {
			// pthread_sigmask returns the error number rather than setting errno.
			int error = (int) this.invoker.invokeN3(this.three, this.pthreadSigmask, how, set, 0);
			if (error != 0) {
				throw new PosixException(call, error);
			}
		}
		finally {
			this.memory.freeMemory(set);
		}
	}

	/**
	 * Mark a descriptor close-on-exec.
	 * @param fd the descriptor
	 */
	public void closeOnExec(int fd) {
		int flags = check((int) this.invoker.invokeN3(this.three, this.fcntl, fd, F_GETFD, 0), "fcntl(" + fd + ", F_GETFD)");
		if ((flags & FD_CLOEXEC) == 0) {
			check((int) this.invoker.invokeN3(this.three, this.fcntl, fd, F_SETFD, flags | FD_CLOEXEC),
					"fcntl(" + fd + ", F_SETFD, FD_CLOEXEC)");
		}
	}

	/**
	 * Mark a descriptor close-on-exec if it is still open.
	 * @param fd the descriptor
	 * @return whether it was open
	 */
	public boolean closeOnExecIfOpen(int fd) {
		if ((int) this.invoker.invokeN3(this.three, this.fcntl, fd, F_GETFD, 0) == -1 && errno() == EBADF) {
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
		Charset charset = Charset.defaultCharset();
		long[] strings = new long[argv.size() + 1];
		long array = this.memory.allocateMemory(8L * strings.length, true);
		try {
			for (int i = 0; i < argv.size(); i++) {
				strings[i] = string(argv.get(i).getBytes(charset));
				this.memory.putAddress(array + 8L * i, strings[i]);
			}
			strings[argv.size()] = string(path.getBytes(charset));
			this.memory.putAddress(array + 8L * argv.size(), 0);
			this.invoker.invokeN2(this.two, this.execv, strings[argv.size()], array);
			throw new PosixException("execv(" + path + ")", errno());
		}
		finally {
			for (long string : strings) {
				if (string != 0) {
					this.memory.freeMemory(string);
				}
			}
			this.memory.freeMemory(array);
		}
	}

	/**
	 * Open a {@code signalfd} for signals that must already be blocked in every thread.
	 * @param signals the signal numbers
	 * @return the descriptor, close-on-exec
	 */
	public SignalDescriptor openSignalfd(Set<Integer> signals) {
		long set = copy(SignalSet.of(signals));
		int descriptor;
		try {
			descriptor = check((int) this.invoker.invokeN3(this.three, this.signalfd, -1, set, CLOEXEC),
					"signalfd(" + signals + ")");
		}
		finally {
			this.memory.freeMemory(set);
		}
		int wakeup = (int) this.invoker.invokeN2(this.two, this.eventfd, 0, CLOEXEC);
		if (wakeup == -1) {
			int errno = errno();
			close(descriptor);
			throw new PosixException("eventfd()", errno);
		}
		return new SignalDescriptor(this, descriptor, wakeup);
	}

	MemoryIO memory() {
		return this.memory;
	}

	int poll(long pollfds, int count) {
		return (int) this.invoker.invokeN3(this.three, this.poll, pollfds, count, -1);
	}

	long read(int fd, long buffer, long count) {
		return this.invoker.invokeN3(this.transfer, this.read, fd, buffer, count);
	}

	long write(int fd, long buffer, long count) {
		return this.invoker.invokeN3(this.transfer, this.write, fd, buffer, count);
	}

	void close(int fd) {
		this.invoker.invokeN1(this.one, this.close, fd);
	}

	int errno() {
		return LastError.getInstance().get();
	}

	int check(int result, String call) {
		if (result == -1) {
			throw new PosixException(call, errno());
		}
		return result;
	}

	private long copy(byte[] bytes) {
		long address = this.memory.allocateMemory(bytes.length, true);
		this.memory.putByteArray(address, bytes, 0, bytes.length);
		return address;
	}

	private long string(byte[] bytes) {
		long address = this.memory.allocateMemory(bytes.length + 1, true);
		this.memory.putZeroTerminatedByteArray(address, bytes, 0, bytes.length);
		return address;
	}

	private static CallContext context(Type result, int arguments) {
		Type[] parameters = new Type[arguments];
		for (int i = 0; i < arguments; i++) {
			parameters[i] = Type.SLONG;
		}
		return CallContext.getCallContext(result, parameters, CallingConvention.DEFAULT, true);
	}

	private static long symbol(Library libc, String name) {
		long address = libc.getSymbolAddress(name);
		if (address == 0) {
			throw new PosixUnavailableException("libc has no " + name + ": " + Library.getLastError(), null);
		}
		return address;
	}

	// The holder idiom: bound once, on first use, thread-safe without locking.
	private static final class Holder {

		static final Holder BOUND = bind();

		final NativeSignals calls;

		final PosixUnavailableException failure;

		private Holder(NativeSignals calls, PosixUnavailableException failure) {
			this.calls = calls;
			this.failure = failure;
		}

		private static Holder bind() {
			String osName = System.getProperty("os.name", "unknown");
			if (!Availability.isLinux(osName)) {
				return new Holder(null, new PosixUnavailableException(Availability.notLinux(osName).reason(), null));
			}
			try {
				return new Holder(new NativeSignals(Library.getDefault()), null);
			}
			catch (PosixUnavailableException ex) {
				return new Holder(null, ex);
			}
			catch (RuntimeException | LinkageError ex) {
				return new Holder(null, new PosixUnavailableException("jffi failed to bind libc: " + ex, ex));
			}
		}

	}

}
