package org.slimta.system.internal.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

import static org.slimta.system.internal.posix.ForeignLibc.ADDRESS;
import static org.slimta.system.internal.posix.ForeignLibc.INT;
import static org.slimta.system.internal.posix.ForeignLibc.LONG;

/**
 * {@link SignalCalls} through the JDK's foreign function API (JDK 22+): memory in an arena of the
 * call, or, for a {@link Reading}, of the descriptor that owns it.
 */
final class ForeignSignalCalls implements SignalCalls {

	@Override
	public int pthreadSigmask(int how, byte[] set) {
		try (Arena arena = Arena.ofConfined()) {
			return (int) Relaunch.PTHREAD_SIGMASK.invokeExact(how, arena.allocateFrom(ValueLayout.JAVA_BYTE, set),
					MemorySegment.NULL);
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public int fcntl(int fd, int command, int argument) {
		return ForeignLibc.withErrno((arena, state) -> (int) Relaunch.FCNTL.invokeExact(state, fd, command, argument));
	}

	@Override
	public int execv(String path, List<String> argv) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment array = arena.allocate(ValueLayout.ADDRESS, argv.size() + 1L);
			for (int i = 0; i < argv.size(); i++) {
				array.setAtIndex(ValueLayout.ADDRESS, i, ForeignLibc.string(arena, argv.get(i)));
			}
			array.setAtIndex(ValueLayout.ADDRESS, argv.size(), MemorySegment.NULL);
			MemorySegment state = ForeignLibc.callState(arena);
			int result = (int) Relaunch.EXECV.invokeExact(state, ForeignLibc.string(arena, path), array);
			return (result == -1) ? ForeignLibc.errno(state) : 0;
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public int signalfd(byte[] set, int flags) {
		return ForeignLibc.withErrno(
				(arena, state) -> (int) Reads.SIGNALFD.invokeExact(state, -1,
						arena.allocateFrom(ValueLayout.JAVA_BYTE, set), flags));
	}

	@Override
	public int eventfd(int flags) {
		return ForeignLibc.withErrno((arena, state) -> (int) Reads.EVENTFD.invokeExact(state, 0, flags));
	}

	@Override
	public int close(int fd) {
		return ForeignLibc.close(fd);
	}

	@Override
	public Reading reading(int signalfd, int wakeup, int size) {
		return new ForeignReading(signalfd, wakeup, size);
	}

	// Linked on first use, in two groups: a JVM about to be relaunched needs only the first, the
	// relaunched one mostly the second, and each handle costs a few milliseconds of a cold JVM.
	private static final class Relaunch {

		static final MethodHandle PTHREAD_SIGMASK = ForeignLibc.function("pthread_sigmask",
				FunctionDescriptor.of(INT, INT, ADDRESS, ADDRESS));

		static final MethodHandle FCNTL = ForeignLibc.functionWithErrno("fcntl", FunctionDescriptor.of(INT, INT, INT, INT),
				Linker.Option.firstVariadicArg(2));

		static final MethodHandle EXECV = ForeignLibc.functionWithErrno("execv",
				FunctionDescriptor.of(INT, ADDRESS, ADDRESS));

	}

	private static final class Reads {

		static final MethodHandle SIGNALFD = ForeignLibc.functionWithErrno("signalfd",
				FunctionDescriptor.of(INT, INT, ADDRESS, INT));

		static final MethodHandle EVENTFD = ForeignLibc.functionWithErrno("eventfd", FunctionDescriptor.of(INT, INT, INT));

		static final MethodHandle POLL = ForeignLibc.functionWithErrno("poll", FunctionDescriptor.of(INT, ADDRESS, LONG, INT));

		static final MethodHandle READ = ForeignLibc.functionWithErrno("read",
				FunctionDescriptor.of(LONG, INT, ADDRESS, LONG));

		static final MethodHandle WRITE = ForeignLibc.functionWithErrno("write",
				FunctionDescriptor.of(LONG, INT, ADDRESS, LONG));

	}

	// struct pollfd { int fd; short events; short revents; } twice, the read buffer and errno: one arena, closed once.
	private static final class ForeignReading implements Reading {

		private static final int POLLFD_SIZE = 8;

		private static final short POLLIN = 1;

		private final int signalfd;

		private final int wakeup;

		// Shared: the descriptor may be closed by a thread other than the reader.
		private final Arena arena = Arena.ofShared();

		private final MemorySegment pollfds;

		private final MemorySegment buffer;

		private final MemorySegment state;

		ForeignReading(int signalfd, int wakeup, int size) {
			this.signalfd = signalfd;
			this.wakeup = wakeup;
			this.pollfds = this.arena.allocate(2L * POLLFD_SIZE, 8);
			this.buffer = this.arena.allocate(size, 8);
			this.state = ForeignLibc.callState(this.arena);
			this.pollfds.set(ValueLayout.JAVA_INT, 0, signalfd);
			this.pollfds.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
			this.pollfds.set(ValueLayout.JAVA_INT, POLLFD_SIZE, wakeup);
			this.pollfds.set(ValueLayout.JAVA_SHORT, POLLFD_SIZE + 4, POLLIN);
		}

		@Override
		public int poll() {
			this.pollfds.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
			this.pollfds.set(ValueLayout.JAVA_SHORT, POLLFD_SIZE + 6, (short) 0);
			try {
				int result = (int) Reads.POLL.invokeExact(this.state, this.pollfds, 2L, -1);
				return (result == -1) ? -ForeignLibc.errno(this.state) : this.pollfds.get(ValueLayout.JAVA_SHORT, 6);
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
		}

		@Override
		public int read(byte[] into) {
			try {
				long read = (long) Reads.READ.invokeExact(this.state, this.signalfd, this.buffer,
						Math.min(this.buffer.byteSize(), (long) into.length));
				if (read == -1) {
					return -ForeignLibc.errno(this.state);
				}
				MemorySegment.copy(this.buffer, ValueLayout.JAVA_BYTE, 0, into, 0, (int) read);
				return (int) read;
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
		}

		@Override
		public int wake() {
			try (Arena call = Arena.ofConfined()) {
				MemorySegment one = call.allocateFrom(ValueLayout.JAVA_LONG, 1L);
				MemorySegment callState = ForeignLibc.callState(call);
				long written = (long) Reads.WRITE.invokeExact(callState, this.wakeup, one, 8L);
				return (written == -1) ? -ForeignLibc.errno(callState) : (int) written;
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
		}

		@Override
		public void close() {
			this.arena.close();
		}

	}

}
