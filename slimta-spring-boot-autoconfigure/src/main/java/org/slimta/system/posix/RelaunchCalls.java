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
 * The three calls that relaunch a JVM in place ({@code pthread_sigmask}, {@code fcntl},
 * {@code execv}), made through jffi alone: a JVM about to be replaced should not pay for
 * jnr-ffi's binding (proxies, type mappers, reflection), which costs it about 100 ms.
 */
public final class RelaunchCalls {

	private static final int SIG_BLOCK = 0;

	private static final int SIG_UNBLOCK = 1;

	private static final int F_GETFD = 1;

	private static final int F_SETFD = 2;

	private static final int FD_CLOEXEC = 1;

	private final Invoker invoker = Invoker.getInstance();

	private final MemoryIO memory = MemoryIO.getInstance();

	private final long sigmask;

	private final long fcntl;

	private final long execv;

	private final CallContext threeArguments;

	private final CallContext twoArguments;

	private RelaunchCalls(Library libc) {
		this.sigmask = symbol(libc, "pthread_sigmask");
		this.fcntl = symbol(libc, "fcntl");
		this.execv = symbol(libc, "execv");
		this.threeArguments = CallContext.getCallContext(Type.SINT, new Type[] { Type.SINT, Type.POINTER, Type.POINTER },
				CallingConvention.DEFAULT, true);
		this.twoArguments = CallContext.getCallContext(Type.SINT, new Type[] { Type.POINTER, Type.POINTER },
				CallingConvention.DEFAULT, true);
	}

	/**
	 * Bind the calls.
	 * @return the calls
	 * @throws PosixUnavailableException if they cannot be bound here
	 */
	public static RelaunchCalls bind() {
		String osName = System.getProperty("os.name", "unknown");
		if (!Posix.isLinux(osName)) {
			throw new PosixUnavailableException(Posix.notLinux(osName).reason(), null);
		}
		try {
			return new RelaunchCalls(Library.getDefault());
		}
		catch (RuntimeException | LinkageError ex) {
			throw new PosixUnavailableException("jffi failed to bind libc: " + ex, ex);
		}
	}

	/**
	 * Block signals in the calling thread; a program it executes inherits the mask.
	 * @param signals the signal numbers
	 */
	public void block(Set<Integer> signals) {
		mask(SIG_BLOCK, signals);
	}

	/**
	 * Unblock signals in the calling thread.
	 * @param signals the signal numbers
	 */
	public void unblock(Set<Integer> signals) {
		mask(SIG_UNBLOCK, signals);
	}

	private void mask(int how, Set<Integer> signals) {
		byte[] set = SignalSet.of(signals);
		long address = this.memory.allocateMemory(set.length, true);
		try {
			this.memory.putByteArray(address, set, 0, set.length);
			// pthread_sigmask returns the error number rather than setting errno.
			int error = (int) this.invoker.invokeN3(this.threeArguments, this.sigmask, how, address, 0);
			if (error != 0) {
				throw new PosixException("pthread_sigmask(" + how + ", " + signals + ")", error);
			}
		}
		finally {
			this.memory.freeMemory(address);
		}
	}

	/**
	 * Mark a descriptor close-on-exec.
	 * @param fd the descriptor
	 */
	public void closeOnExec(int fd) {
		int flags = (int) this.invoker.invokeN3(this.threeArguments, this.fcntl, fd, F_GETFD, 0);
		if (flags == -1) {
			throw new PosixException("fcntl(" + fd + ", F_GETFD)", LastError.getInstance().get());
		}
		if ((flags & FD_CLOEXEC) == 0
				&& (int) this.invoker.invokeN3(this.threeArguments, this.fcntl, fd, F_SETFD, flags | FD_CLOEXEC) == -1) {
			throw new PosixException("fcntl(" + fd + ", F_SETFD, FD_CLOEXEC)", LastError.getInstance().get());
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
		Charset charset = Charset.defaultCharset();
		long[] strings = new long[argv.size() + 1];
		long array = this.memory.allocateMemory(8L * (argv.size() + 1), true);
		try {
			strings[0] = string(path.getBytes(charset));
			for (int i = 0; i < argv.size(); i++) {
				long string = string(argv.get(i).getBytes(charset));
				strings[i + 1] = string;
				this.memory.putAddress(array + 8L * i, string);
			}
			this.memory.putAddress(array + 8L * argv.size(), 0);
			this.invoker.invokeN2(this.twoArguments, this.execv, strings[0], array);
			throw new PosixException("execv(" + path + ")", LastError.getInstance().get());
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

	private long string(byte[] bytes) {
		long address = this.memory.allocateMemory(bytes.length + 1, true);
		this.memory.putZeroTerminatedByteArray(address, bytes, 0, bytes.length);
		return address;
	}

	private static long symbol(Library libc, String name) {
		long address = libc.getSymbolAddress(name);
		if (address == 0) {
			throw new PosixUnavailableException("libc has no " + name + ": " + Library.getLastError(), null);
		}
		return address;
	}

}
