package org.slimta.system.internal.posix;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.slimta.system.internal.posix.ForeignLibc.ADDRESS;
import static org.slimta.system.internal.posix.ForeignLibc.INT;
import static org.slimta.system.internal.posix.ForeignLibc.LONG;

/**
 * {@link UnixDatagram} through the JDK's Foreign Function &amp; Memory API: {@code socket},
 * {@code bind}, {@code sendto}, {@code recv}, {@code shutdown} and {@code close} on a descriptor
 * this object owns, with a {@code struct sockaddr_un} and the data in an {@link Arena} per call.
 * <p>
 * The descriptor closes once, and never under a call that uses it: {@link #close()} shuts the
 * socket down, which wakes a {@code recv} blocked in another thread, and whichever of them ends
 * last closes the descriptor, so that no call reaches a number the kernel gave to someone else.
 * Opened by a {@link Factory}, which {@link NativeImplementation#instantiate} makes.
 */
final class ForeignUnixDatagram implements UnixDatagram {

	private static final int AF_UNIX = 1;

	private static final int SOCK_DGRAM = 2;

	private static final int SHUT_RDWR = 2;

	private static final int EINTR = 4;

	// struct sockaddr_un: sa_family_t sun_family (2 bytes), char sun_path[108]
	private static final int SUN_PATH_OFFSET = 2;

	private static final int SUN_PATH_SIZE = 108;

	private static final MethodHandle SOCKET = ForeignLibc.functionWithErrno("socket",
			FunctionDescriptor.of(INT, INT, INT, INT));

	private static final MethodHandle BIND = ForeignLibc.functionWithErrno("bind",
			FunctionDescriptor.of(INT, INT, ADDRESS, INT));

	private static final MethodHandle SENDTO = ForeignLibc.functionWithErrno("sendto",
			FunctionDescriptor.of(LONG, INT, ADDRESS, LONG, INT, ADDRESS, INT));

	private static final MethodHandle RECV = ForeignLibc.functionWithErrno("recv",
			FunctionDescriptor.of(LONG, INT, ADDRESS, LONG, INT));

	private static final MethodHandle SHUTDOWN = ForeignLibc.functionWithErrno("shutdown",
			FunctionDescriptor.of(INT, INT, INT));

	private final int fd;

	// Twice the calls using the descriptor, plus one once closed: the last to leave closes it.
	private final AtomicInteger state = new AtomicInteger();

	private ForeignUnixDatagram() throws IOException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment callState = ForeignLibc.callState(arena);
			int fd = (int) SOCKET.invokeExact(callState, AF_UNIX, SOCK_DGRAM | OpenFlags.O_CLOEXEC, 0);
			if (fd < 0) {
				throw failure("socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)", ForeignLibc.errno(callState));
			}
			this.fd = fd;
		}
		catch (IOException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void bind(String path) throws IOException {
		enter();
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment callState = ForeignLibc.callState(arena);
			MemorySegment address = arena.allocate(SUN_PATH_OFFSET + SUN_PATH_SIZE);
			int length = address(address, path);
			int result = (int) BIND.invokeExact(callState, this.fd, address, length);
			if (result < 0) {
				throw failure("bind", ForeignLibc.errno(callState));
			}
		}
		catch (IOException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			leave();
		}
	}

	@Override
	public int send(String path, byte[] message) throws IOException {
		enter();
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment callState = ForeignLibc.callState(arena);
			MemorySegment address = arena.allocate(SUN_PATH_OFFSET + SUN_PATH_SIZE);
			int length = address(address, path);
			MemorySegment bytes = arena.allocateFrom(ValueLayout.JAVA_BYTE, message);
			long sent;
			do {
				sent = (long) SENDTO.invokeExact(callState, this.fd, bytes, (long) message.length, 0, address, length);
			}
			while (sent < 0 && ForeignLibc.errno(callState) == EINTR);
			if (sent < 0) {
				throw failure("sendto", ForeignLibc.errno(callState));
			}
			return (int) sent;
		}
		catch (IOException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			leave();
		}
	}

	@Override
	public byte[] receive(int maximum) throws IOException {
		enter();
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment callState = ForeignLibc.callState(arena);
			MemorySegment buffer = arena.allocate(maximum);
			long received;
			do {
				received = (long) RECV.invokeExact(callState, this.fd, buffer, (long) maximum, 0);
			}
			while (received < 0 && ForeignLibc.errno(callState) == EINTR && !closed());
			if (closed()) {
				// shut down by close(), which is what woke it
				throw new AsynchronousCloseException();
			}
			if (received < 0) {
				throw failure("recv", ForeignLibc.errno(callState));
			}
			return buffer.asSlice(0, received).toArray(ValueLayout.JAVA_BYTE);
		}
		catch (IOException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			leave();
		}
	}

	@Override
	public void close() throws IOException {
		int before;
		do {
			before = this.state.get();
			if ((before & 1) != 0) {
				return;
			}
		}
		while (!this.state.compareAndSet(before, before | 1));
		if (before == 0) {
			closeDescriptor();
		}
		else {
			// wakes a recv blocked in another thread, which then closes the descriptor as it leaves
			call(SHUTDOWN, SHUT_RDWR);
		}
	}

	private boolean closed() {
		return (this.state.get() & 1) != 0;
	}

	private void enter() throws ClosedChannelException {
		int before;
		do {
			before = this.state.get();
			if ((before & 1) != 0) {
				throw new ClosedChannelException();
			}
		}
		while (!this.state.compareAndSet(before, before + 2));
	}

	private void leave() {
		if (this.state.addAndGet(-2) == 1) {
			closeDescriptor();
		}
	}

	private void closeDescriptor() {
		// even on EINTR the descriptor is gone on Linux: never retried
		ForeignLibc.close(this.fd);
	}

	private int call(MethodHandle twoInts, int argument) {
		try (Arena arena = Arena.ofConfined()) {
			return (int) twoInts.invokeExact(ForeignLibc.callState(arena), this.fd, argument);
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	// Fills a struct sockaddr_un, returning its length: for an abstract name (a leading NUL), every
	// byte of the name counts and no terminating NUL follows.
	private static int address(MemorySegment address, String path) throws IOException {
		byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
		boolean abstractName = bytes.length > 0 && bytes[0] == 0;
		int length = abstractName ? bytes.length : bytes.length + 1;
		if (length > SUN_PATH_SIZE) {
			throw new IOException("address too long for sun_path (" + SUN_PATH_SIZE + " bytes): " + path);
		}
		address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
		MemorySegment.copy(bytes, 0, address, ValueLayout.JAVA_BYTE, SUN_PATH_OFFSET, bytes.length);
		return SUN_PATH_OFFSET + length;
	}

	/** Opens sockets; made once, its class initialised with the downcall handles bound. */
	static final class Factory implements UnixDatagram.Factory {

		Factory() {
			// binds the downcalls now, so that a C library without them fails here, once
			bound();
		}

		@Override
		public UnixDatagram open() throws IOException {
			return new ForeignUnixDatagram();
		}

	}

	private static void bound() {
		// initialising this class did the binding
	}

	private static IOException failure(String call, int errno) {
		return new IOException(new PosixException(call, errno).getMessage());
	}

}
