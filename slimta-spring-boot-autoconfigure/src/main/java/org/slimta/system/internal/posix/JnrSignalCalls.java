package org.slimta.system.internal.posix;

import java.nio.charset.Charset;
import java.util.List;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;

/**
 * {@link SignalCalls} through jffi alone, the layer under jnr-ffi, for JDK 17 to 21 or wherever
 * {@code -Dorg.slimta.system.native=jnr} asks for it: a JVM about to be relaunched, and the
 * relaunched one reading its signals, need neither jnr-ffi's binding (proxies, type mappers,
 * reflection: about 100 ms of a cold JVM and most of the heap the starter would otherwise keep)
 * nor jnr-posix.
 */
final class JnrSignalCalls implements SignalCalls {

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

	JnrSignalCalls() {
		Library libc = Library.getDefault();
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

	@Override
	public int pthreadSigmask(int how, byte[] set) {
		long copy = copy(set);
		try {
			return (int) this.invoker.invokeN3(this.three, this.pthreadSigmask, how, copy, 0);
		}
		finally {
			this.memory.freeMemory(copy);
		}
	}

	@Override
	public int fcntl(int fd, int command, int argument) {
		return result((int) this.invoker.invokeN3(this.three, this.fcntl, fd, command, argument));
	}

	@Override
	public int execv(String path, List<String> argv) {
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
			return errno();
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

	@Override
	public int signalfd(byte[] set, int flags) {
		long copy = copy(set);
		try {
			return result((int) this.invoker.invokeN3(this.three, this.signalfd, -1, copy, flags));
		}
		finally {
			this.memory.freeMemory(copy);
		}
	}

	@Override
	public int eventfd(int flags) {
		return result((int) this.invoker.invokeN2(this.two, this.eventfd, 0, flags));
	}

	@Override
	public int close(int fd) {
		return result((int) this.invoker.invokeN1(this.one, this.close, fd));
	}

	@Override
	public Reading reading(int signalfd, int wakeup, int size) {
		return new JnrReading(signalfd, wakeup, size);
	}

	private int result(int result) {
		return (result == -1) ? -errno() : result;
	}

	private static int errno() {
		return LastError.getInstance().get();
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

	// struct pollfd { int fd; short events; short revents; } twice, then the read buffer: freed once, on close.
	private final class JnrReading implements Reading {

		private static final int POLLFD_SIZE = 8;

		private static final short POLLIN = 1;

		private final int signalfd;

		private final int wakeup;

		private final int size;

		private final long pollfds;

		private final long buffer;

		JnrReading(int signalfd, int wakeup, int size) {
			this.signalfd = signalfd;
			this.wakeup = wakeup;
			this.size = size;
			this.pollfds = JnrSignalCalls.this.memory.allocateMemory(2 * POLLFD_SIZE, true);
			this.buffer = JnrSignalCalls.this.memory.allocateMemory(size, true);
			MemoryIO memory = JnrSignalCalls.this.memory;
			memory.putInt(this.pollfds, signalfd);
			memory.putShort(this.pollfds + 4, POLLIN);
			memory.putInt(this.pollfds + POLLFD_SIZE, wakeup);
			memory.putShort(this.pollfds + POLLFD_SIZE + 4, POLLIN);
		}

		@Override
		public int poll() {
			MemoryIO memory = JnrSignalCalls.this.memory;
			memory.putShort(this.pollfds + 6, (short) 0);
			memory.putShort(this.pollfds + POLLFD_SIZE + 6, (short) 0);
			int result = result((int) JnrSignalCalls.this.invoker.invokeN3(JnrSignalCalls.this.three,
					JnrSignalCalls.this.poll, this.pollfds, 2, -1));
			return (result < 0) ? result : memory.getShort(this.pollfds + 6);
		}

		@Override
		public int read(byte[] into) {
			long read = JnrSignalCalls.this.invoker.invokeN3(JnrSignalCalls.this.transfer, JnrSignalCalls.this.read,
					this.signalfd, this.buffer, Math.min(this.size, into.length));
			if (read == -1) {
				return -errno();
			}
			JnrSignalCalls.this.memory.getByteArray(this.buffer, into, 0, (int) read);
			return (int) read;
		}

		@Override
		public int wake() {
			MemoryIO memory = JnrSignalCalls.this.memory;
			long one = memory.allocateMemory(8, true);
			try {
				memory.putLong(one, 1);
				long written = JnrSignalCalls.this.invoker.invokeN3(JnrSignalCalls.this.transfer,
						JnrSignalCalls.this.write, this.wakeup, one, 8);
				return (written == -1) ? -errno() : (int) written;
			}
			finally {
				memory.freeMemory(one);
			}
		}

		@Override
		public void close() {
			JnrSignalCalls.this.memory.freeMemory(this.pollfds);
			JnrSignalCalls.this.memory.freeMemory(this.buffer);
		}

	}

}
