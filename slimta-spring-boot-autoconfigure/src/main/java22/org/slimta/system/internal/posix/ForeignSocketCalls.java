package org.slimta.system.internal.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static org.slimta.system.internal.posix.ForeignLibc.ADDRESS;
import static org.slimta.system.internal.posix.ForeignLibc.INT;

/**
 * {@link SocketCalls} through the JDK's foreign function API (JDK 22+).
 */
final class ForeignSocketCalls implements SocketCalls {

	private static final MethodHandle GETSOCKNAME = ForeignLibc.functionWithErrno("getsockname",
			FunctionDescriptor.of(INT, INT, ADDRESS, ADDRESS));

	private static final MethodHandle GETSOCKOPT = ForeignLibc.functionWithErrno("getsockopt",
			FunctionDescriptor.of(INT, INT, INT, INT, ADDRESS, ADDRESS));

	private static final MethodHandle DUP3 = ForeignLibc.functionWithErrno("dup3",
			FunctionDescriptor.of(INT, INT, INT, INT));

	private static final MethodHandle SETENV = ForeignLibc.functionWithErrno("setenv",
			FunctionDescriptor.of(INT, ADDRESS, ADDRESS, INT));

	private static final MethodHandle UNSETENV = ForeignLibc.functionWithErrno("unsetenv",
			FunctionDescriptor.of(INT, ADDRESS));

	@Override
	public int getsockname(int fd, byte[] address, int[] length) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment state = ForeignLibc.callState(arena);
			MemorySegment buffer = arena.allocate(Math.max(1, address.length));
			MemorySegment size = arena.allocateFrom(ValueLayout.JAVA_INT, length[0]);
			int result = (int) GETSOCKNAME.invokeExact(state, fd, buffer, size);
			if (result == -1) {
				return -ForeignLibc.errno(state);
			}
			length[0] = size.get(ValueLayout.JAVA_INT, 0);
			MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, address, 0, Math.min(address.length, length[0]));
			return result;
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public int getsockoptInt(int fd, int level, int option, int[] value) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment state = ForeignLibc.callState(arena);
			MemorySegment buffer = arena.allocate(ValueLayout.JAVA_INT);
			MemorySegment size = arena.allocateFrom(ValueLayout.JAVA_INT, Integer.BYTES);
			int result = (int) GETSOCKOPT.invokeExact(state, fd, level, option, buffer, size);
			if (result == -1) {
				return -ForeignLibc.errno(state);
			}
			value[0] = buffer.get(ValueLayout.JAVA_INT, 0);
			return result;
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public int dup3(int fd, int newFd, int flags) {
		return ForeignLibc.withErrno((arena, state) -> (int) DUP3.invokeExact(state, fd, newFd, flags));
	}

	@Override
	public int setenv(String name, String value) {
		return ForeignLibc.withErrno(
				(arena, state) -> (int) SETENV.invokeExact(state, ForeignLibc.string(arena, name),
						ForeignLibc.string(arena, value), 1));
	}

	@Override
	public int close(int fd) {
		return ForeignLibc.close(fd);
	}

	@Override
	public int unsetenv(String name) {
		return ForeignLibc.withErrno(
				(arena, state) -> (int) UNSETENV.invokeExact(state, ForeignLibc.string(arena, name)));
	}

}
