package org.slimta.system.internal.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static org.slimta.system.internal.posix.ForeignLibc.ADDRESS;
import static org.slimta.system.internal.posix.ForeignLibc.INT;
import static org.slimta.system.internal.posix.ForeignLibc.LONG;

/**
 * {@link GroupCalls} through the JDK's foreign function API (JDK 22+).
 */
final class ForeignGroupCalls implements GroupCalls {

	private static final MethodHandle INITGROUPS = ForeignLibc.functionWithErrno("initgroups",
			FunctionDescriptor.of(INT, ADDRESS, INT));

	private static final MethodHandle SETGROUPS = ForeignLibc.functionWithErrno("setgroups",
			FunctionDescriptor.of(INT, LONG, ADDRESS));

	private static final MethodHandle GETGROUPLIST = ForeignLibc.function("getgrouplist",
			FunctionDescriptor.of(INT, ADDRESS, INT, ADDRESS, ADDRESS));

	@Override
	public int initgroups(String user, int gid) {
		return ForeignLibc.withErrno(
				(arena, state) -> (int) INITGROUPS.invokeExact(state, ForeignLibc.string(arena, user), gid));
	}

	@Override
	public int clearGroups() {
		return ForeignLibc.withErrno((arena, state) -> (int) SETGROUPS.invokeExact(state, 0L, MemorySegment.NULL));
	}

	@Override
	public int getgrouplist(String user, int gid, int[] groups, int[] count) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment list = arena.allocate(ValueLayout.JAVA_INT, Math.max(1, groups.length));
			MemorySegment size = arena.allocateFrom(ValueLayout.JAVA_INT, count[0]);
			int result = (int) GETGROUPLIST.invokeExact(ForeignLibc.string(arena, user), gid, list, size);
			count[0] = size.get(ValueLayout.JAVA_INT, 0);
			int copied = Math.min(groups.length, (result == -1) ? 0 : count[0]);
			MemorySegment.copy(list, ValueLayout.JAVA_INT, 0, groups, 0, copied);
			return result;
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

}
