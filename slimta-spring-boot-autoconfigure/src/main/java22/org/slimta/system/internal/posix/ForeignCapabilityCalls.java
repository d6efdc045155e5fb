package org.slimta.system.internal.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static org.slimta.system.internal.posix.ForeignLibc.ADDRESS;
import static org.slimta.system.internal.posix.ForeignLibc.INT;
import static org.slimta.system.internal.posix.ForeignLibc.LONG;

/**
 * {@link CapabilityCalls} through the JDK's foreign function API (JDK 22+).
 */
final class ForeignCapabilityCalls implements CapabilityCalls {

	// int prctl(int option, ...): four unsigned long arguments after the option
	private static final MethodHandle PRCTL = ForeignLibc.functionWithErrno("prctl",
			FunctionDescriptor.of(INT, INT, LONG, LONG, LONG, LONG), Linker.Option.firstVariadicArg(1));

	private static final MethodHandle CAPGET = ForeignLibc.functionWithErrno("capget",
			FunctionDescriptor.of(INT, ADDRESS, ADDRESS));

	private static final MethodHandle CAPSET = ForeignLibc.functionWithErrno("capset",
			FunctionDescriptor.of(INT, ADDRESS, ADDRESS));

	// long syscall(long number, ...)
	private static final MethodHandle SYSCALL = ForeignLibc.functionWithErrno("syscall",
			FunctionDescriptor.of(LONG, LONG, LONG, LONG, ADDRESS), Linker.Option.firstVariadicArg(1));

	@Override
	public int prctl(int option, long arg2, long arg3) {
		return ForeignLibc.withErrno((arena, state) -> (int) PRCTL.invokeExact(state, option, arg2, arg3, 0L, 0L));
	}

	@Override
	public int capget(int[] data) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment state = ForeignLibc.callState(arena);
			MemorySegment sets = arena.allocate(ValueLayout.JAVA_INT, data.length);
			int result = (int) CAPGET.invokeExact(state, header(arena), sets);
			if (result == -1) {
				return -ForeignLibc.errno(state);
			}
			MemorySegment.copy(sets, ValueLayout.JAVA_INT, 0, data, 0, data.length);
			return 0;
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public int capset(int[] data) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment state = ForeignLibc.callState(arena);
			MemorySegment sets = arena.allocateFrom(ValueLayout.JAVA_INT, data);
			int result = (int) CAPSET.invokeExact(state, header(arena), sets);
			return (result == -1) ? -ForeignLibc.errno(state) : 0;
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public long allowAllFilter(int flags) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment state = ForeignLibc.callState(arena);
			MemorySegment filter = arena.allocate(SeccompFilter.INSTRUCTION_SIZE, 8);
			filter.set(ValueLayout.JAVA_SHORT, 0, SeccompFilter.RET_K);
			filter.set(ValueLayout.JAVA_INT, 4, SeccompFilter.RET_ALLOW);
			MemorySegment program = arena.allocate(SeccompFilter.PROGRAM_SIZE, 8);
			program.set(ValueLayout.JAVA_SHORT, 0, (short) 1);
			program.set(ValueLayout.ADDRESS, SeccompFilter.PROGRAM_FILTER_OFFSET, filter);
			long result = (long) SYSCALL.invokeExact(state, SeccompFilter.syscallNumber(),
					(long) SeccompFilter.SET_MODE_FILTER, (long) flags, program);
			return (result == -1) ? -ForeignLibc.errno(state) : result;
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	private static MemorySegment header(Arena arena) {
		return arena.allocateFrom(ValueLayout.JAVA_INT, CAPABILITY_VERSION_3, 0);
	}

}
