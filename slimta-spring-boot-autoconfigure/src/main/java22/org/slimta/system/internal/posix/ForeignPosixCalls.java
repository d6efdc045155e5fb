package org.slimta.system.internal.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import org.jspecify.annotations.Nullable;

import static org.slimta.system.internal.posix.ForeignLibc.ADDRESS;
import static org.slimta.system.internal.posix.ForeignLibc.INT;
import static org.slimta.system.internal.posix.ForeignLibc.LONG;

/**
 * {@link PosixCalls} through the JDK's foreign function API (JDK 22+). The user and group
 * lookups use the reentrant {@code getpwnam_r} and its kin, into memory of the call, so that no
 * lookup reads a static buffer another thread is overwriting.
 */
final class ForeignPosixCalls implements PosixCalls {

	// x86_64 and aarch64 glibc: struct passwd { char *pw_name, *pw_passwd; uid_t pw_uid; gid_t pw_gid; char *pw_gecos, *pw_dir, *pw_shell; }
	private static final long PASSWD_SIZE = 48;

	private static final long PW_NAME = 0;

	private static final long PW_UID = 16;

	private static final long PW_GID = 20;

	private static final long PW_DIR = 32;

	// struct group { char *gr_name, *gr_passwd; gid_t gr_gid; char **gr_mem; }
	private static final long GROUP_SIZE = 32;

	private static final long GR_NAME = 0;

	private static final long GR_GID = 16;

	private static final int ERANGE = 34;

	private static final int INITIAL_BUFFER = 1024;

	// A group with thousands of members needs a large buffer; beyond this, the lookup fails with ERANGE.
	private static final int MAX_BUFFER = 1 << 24;

	private static final MethodHandle GETPID = ForeignLibc.function("getpid", FunctionDescriptor.of(INT));

	private static final MethodHandle GETEUID = ForeignLibc.function("geteuid", FunctionDescriptor.of(INT));

	private static final MethodHandle GETEGID = ForeignLibc.function("getegid", FunctionDescriptor.of(INT));

	private static final MethodHandle UMASK = ForeignLibc.function("umask", FunctionDescriptor.of(INT, INT));

	private static final MethodHandle SETGID = ForeignLibc.functionWithErrno("setgid", FunctionDescriptor.of(INT, INT));

	private static final MethodHandle SETUID = ForeignLibc.functionWithErrno("setuid", FunctionDescriptor.of(INT, INT));

	private static final MethodHandle OPEN = ForeignLibc.functionWithErrno("open",
			FunctionDescriptor.of(INT, ADDRESS, INT, INT), Linker.Option.firstVariadicArg(2));

	private static final MethodHandle DUP2 = ForeignLibc.functionWithErrno("dup2", FunctionDescriptor.of(INT, INT, INT));

	// int getpwnam_r(const char *name, struct passwd *pwd, char *buf, size_t buflen, struct passwd **result)
	private static final MethodHandle GETPWNAM_R = ForeignLibc.function("getpwnam_r",
			FunctionDescriptor.of(INT, ADDRESS, ADDRESS, ADDRESS, LONG, ADDRESS));

	private static final MethodHandle GETPWUID_R = ForeignLibc.function("getpwuid_r",
			FunctionDescriptor.of(INT, INT, ADDRESS, ADDRESS, LONG, ADDRESS));

	private static final MethodHandle GETGRNAM_R = ForeignLibc.function("getgrnam_r",
			FunctionDescriptor.of(INT, ADDRESS, ADDRESS, ADDRESS, LONG, ADDRESS));

	private static final MethodHandle GETGRGID_R = ForeignLibc.function("getgrgid_r",
			FunctionDescriptor.of(INT, INT, ADDRESS, ADDRESS, LONG, ADDRESS));

	@Override
	public int getpid() {
		try {
			return (int) GETPID.invokeExact();
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public int geteuid() {
		try {
			return (int) GETEUID.invokeExact();
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public int getegid() {
		try {
			return (int) GETEGID.invokeExact();
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public @Nullable UserEntry userByName(String name) {
		return lookUp("getpwnam_r(" + name + ")", PASSWD_SIZE, (arena, entry, buffer, result) -> (int) GETPWNAM_R
			.invokeExact(ForeignLibc.string(arena, name), entry, buffer, buffer.byteSize(), result),
				ForeignPosixCalls::toUser);
	}

	@Override
	public @Nullable UserEntry userById(int uid) {
		return lookUp("getpwuid_r(" + uid + ")", PASSWD_SIZE,
				(arena, entry, buffer, result) -> (int) GETPWUID_R.invokeExact(uid, entry, buffer, buffer.byteSize(),
						result),
				ForeignPosixCalls::toUser);
	}

	@Override
	public @Nullable GroupEntry groupByName(String name) {
		return lookUp("getgrnam_r(" + name + ")", GROUP_SIZE, (arena, entry, buffer, result) -> (int) GETGRNAM_R
			.invokeExact(ForeignLibc.string(arena, name), entry, buffer, buffer.byteSize(), result),
				ForeignPosixCalls::toGroup);
	}

	@Override
	public @Nullable GroupEntry groupById(int gid) {
		return lookUp("getgrgid_r(" + gid + ")", GROUP_SIZE,
				(arena, entry, buffer, result) -> (int) GETGRGID_R.invokeExact(gid, entry, buffer, buffer.byteSize(),
						result),
				ForeignPosixCalls::toGroup);
	}

	@Override
	public int setgid(int gid) {
		return withErrno(SETGID, gid);
	}

	@Override
	public int setuid(int uid) {
		return withErrno(SETUID, uid);
	}

	@Override
	public int umask(int mask) {
		try {
			return (int) UMASK.invokeExact(mask);
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public int open(String path, int flags, int mode) {
		return ForeignLibc.withErrno(
				(arena, state) -> (int) OPEN.invokeExact(state, ForeignLibc.string(arena, path), flags, mode));
	}

	@Override
	public int dup2(int fd, int newFd) {
		return ForeignLibc.withErrno((arena, state) -> (int) DUP2.invokeExact(state, fd, newFd));
	}

	@Override
	public int close(int fd) {
		return ForeignLibc.close(fd);
	}

	private static int withErrno(MethodHandle function, int argument) {
		return ForeignLibc.withErrno((arena, state) -> (int) function.invokeExact(state, argument));
	}

	// The _r functions return the error number; a missing entry is 0 with a NULL result (or, in some
	// name services, ENOENT, ESRCH, EBADF or EPERM, which getpwnam(3) lists as "not found" too).
	private static <T> @Nullable T lookUp(String call, long entrySize, Lookup lookup, Decoder<T> decoder) {
		for (long size = INITIAL_BUFFER;; size *= 2) {
			try (Arena arena = Arena.ofConfined()) {
				MemorySegment entry = arena.allocate(entrySize, 8);
				MemorySegment buffer = arena.allocate(size, 8);
				MemorySegment result = arena.allocate(ValueLayout.ADDRESS);
				int error = lookup.call(arena, entry, buffer, result);
				if (error == ERANGE && size < MAX_BUFFER) {
					continue;
				}
				MemorySegment found = result.get(ValueLayout.ADDRESS, 0);
				if (error == 0 && !found.equals(MemorySegment.NULL)) {
					return decoder.decode(entry);
				}
				if (error == 0 || error == 2 || error == 3 || error == 9 || error == 1) {
					return null;
				}
				throw new PosixException(call, error);
			}
			catch (PosixException ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
		}
	}

	private static UserEntry toUser(MemorySegment passwd) {
		return new UserEntry(text(passwd.get(ValueLayout.ADDRESS, PW_NAME)), passwd.get(ValueLayout.JAVA_INT, PW_UID),
				passwd.get(ValueLayout.JAVA_INT, PW_GID), text(passwd.get(ValueLayout.ADDRESS, PW_DIR)));
	}

	private static GroupEntry toGroup(MemorySegment group) {
		return new GroupEntry(text(group.get(ValueLayout.ADDRESS, GR_NAME)), group.get(ValueLayout.JAVA_INT, GR_GID));
	}

	private static String text(MemorySegment pointer) {
		return pointer.equals(MemorySegment.NULL) ? "" : pointer.reinterpret(Long.MAX_VALUE).getString(0);
	}

	@FunctionalInterface
	private interface Lookup {

		int call(Arena arena, MemorySegment entry, MemorySegment buffer, MemorySegment result) throws Throwable;

	}

	@FunctionalInterface
	private interface Decoder<T> {

		T decode(MemorySegment entry);

	}

}
