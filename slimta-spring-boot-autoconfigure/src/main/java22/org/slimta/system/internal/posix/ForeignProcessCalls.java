package org.slimta.system.internal.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

import org.jspecify.annotations.Nullable;

import static org.slimta.system.internal.posix.ForeignLibc.ADDRESS;
import static org.slimta.system.internal.posix.ForeignLibc.INT;
import static org.slimta.system.internal.posix.ForeignLibc.LONG;

/**
 * {@link ProcessCalls} through the JDK's Foreign Function &amp; Memory API: a downcall per libc
 * function, memory in an {@link Arena} scoped to the call, or to the one {@code posix_spawn} whose
 * attributes and file actions it holds. Made by {@link NativeImplementation#instantiate}.
 */
final class ForeignProcessCalls implements ProcessCalls {

	// Sizes on 64-bit glibc.
	private static final long ATTRIBUTES_SIZE = 336;

	private static final long FILE_ACTIONS_SIZE = 80;

	private static final long SIGINFO_SIZE = 128;

	private static final int ENOSYS = 38;

	private static final MethodHandle PIPE2 = ForeignLibc.functionWithErrno("pipe2",
			FunctionDescriptor.of(INT, ADDRESS, INT));

	private static final MethodHandle KILL = ForeignLibc.functionWithErrno("kill", FunctionDescriptor.of(INT, INT, INT));

	private static final MethodHandle WAITID = ForeignLibc.functionWithErrno("waitid",
			FunctionDescriptor.of(INT, INT, INT, ADDRESS, INT));

	private static final MethodHandle WAITPID = ForeignLibc.functionWithErrno("waitpid",
			FunctionDescriptor.of(INT, INT, ADDRESS, INT));

	private static final MethodHandle READ = ForeignLibc.functionWithErrno("read",
			FunctionDescriptor.of(LONG, INT, ADDRESS, LONG));

	private static final MethodHandle WRITE = ForeignLibc.functionWithErrno("write",
			FunctionDescriptor.of(LONG, INT, ADDRESS, LONG));

	// The posix_spawn family returns the error number and leaves errno alone.
	private static final FunctionDescriptor SPAWN = FunctionDescriptor.of(INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS,
			ADDRESS, ADDRESS);

	private static final MethodHandle POSIX_SPAWN = ForeignLibc.function("posix_spawn", SPAWN);

	private static final MethodHandle POSIX_SPAWNP = ForeignLibc.function("posix_spawnp", SPAWN);

	private static final MethodHandle ATTR_INIT = ForeignLibc.function("posix_spawnattr_init",
			FunctionDescriptor.of(INT, ADDRESS));

	private static final MethodHandle ATTR_DESTROY = ForeignLibc.function("posix_spawnattr_destroy",
			FunctionDescriptor.of(INT, ADDRESS));

	private static final MethodHandle ATTR_SETFLAGS = ForeignLibc.function("posix_spawnattr_setflags",
			FunctionDescriptor.of(INT, ADDRESS, ValueLayout.JAVA_SHORT));

	private static final MethodHandle ATTR_SETSIGMASK = ForeignLibc.function("posix_spawnattr_setsigmask",
			FunctionDescriptor.of(INT, ADDRESS, ADDRESS));

	private static final MethodHandle ATTR_SETSIGDEFAULT = ForeignLibc.function("posix_spawnattr_setsigdefault",
			FunctionDescriptor.of(INT, ADDRESS, ADDRESS));

	private static final MethodHandle ACTIONS_INIT = ForeignLibc.function("posix_spawn_file_actions_init",
			FunctionDescriptor.of(INT, ADDRESS));

	private static final MethodHandle ACTIONS_DESTROY = ForeignLibc.function("posix_spawn_file_actions_destroy",
			FunctionDescriptor.of(INT, ADDRESS));

	private static final MethodHandle ADDOPEN = ForeignLibc.function("posix_spawn_file_actions_addopen",
			FunctionDescriptor.of(INT, ADDRESS, INT, ADDRESS, INT, INT));

	private static final MethodHandle ADDDUP2 = ForeignLibc.function("posix_spawn_file_actions_adddup2",
			FunctionDescriptor.of(INT, ADDRESS, INT, INT));

	private static final MethodHandle ADDCLOSE = ForeignLibc.function("posix_spawn_file_actions_addclose",
			FunctionDescriptor.of(INT, ADDRESS, INT));

	// glibc 2.29+ and 2.34+: looked up, so that a C library without them is known before a call.
	private static final @Nullable MethodHandle ADDCHDIR = optional("posix_spawn_file_actions_addchdir_np",
			FunctionDescriptor.of(INT, ADDRESS, ADDRESS));

	private static final @Nullable MethodHandle ADDCLOSEFROM = optional("posix_spawn_file_actions_addclosefrom_np",
			FunctionDescriptor.of(INT, ADDRESS, INT));

	private static @Nullable MethodHandle optional(String name, FunctionDescriptor descriptor) {
		return ForeignLibc.has(name) ? ForeignLibc.function(name, descriptor) : null;
	}

	@Override
	public int pipe2(int[] fds, int flags) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment state = ForeignLibc.callState(arena);
			MemorySegment pair = arena.allocate(INT, 2);
			int result = (int) PIPE2.invokeExact(state, pair, flags);
			if (result < 0) {
				return -ForeignLibc.errno(state);
			}
			fds[0] = pair.getAtIndex(INT, 0);
			fds[1] = pair.getAtIndex(INT, 1);
			return result;
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public int close(int fd) {
		return ForeignLibc.close(fd);
	}

	@Override
	public int kill(int pid, int signal) {
		return ForeignLibc.withErrno((arena, state) -> (int) KILL.invokeExact(state, pid, signal));
	}

	@Override
	public int waitid(int idType, int id, int options) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment state = ForeignLibc.callState(arena);
			MemorySegment info = arena.allocate(SIGINFO_SIZE);
			int result = (int) WAITID.invokeExact(state, idType, id, info, options);
			return (result < 0) ? -ForeignLibc.errno(state) : result;
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public int waitpid(int pid, int[] status, int options) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment state = ForeignLibc.callState(arena);
			MemorySegment wstatus = arena.allocate(INT);
			int result = (int) WAITPID.invokeExact(state, pid, wstatus, options);
			if (result < 0) {
				return -ForeignLibc.errno(state);
			}
			status[0] = wstatus.get(INT, 0);
			return result;
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public long read(int fd, byte[] buffer) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment state = ForeignLibc.callState(arena);
			MemorySegment bytes = arena.allocate(buffer.length);
			long count = (long) READ.invokeExact(state, fd, bytes, (long) buffer.length);
			if (count < 0) {
				return -ForeignLibc.errno(state);
			}
			MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) count);
			return count;
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public long write(int fd, byte[] buffer) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment state = ForeignLibc.callState(arena);
			MemorySegment bytes = arena.allocateFrom(ValueLayout.JAVA_BYTE, buffer);
			long count = (long) WRITE.invokeExact(state, fd, bytes, (long) buffer.length);
			return (count < 0) ? -ForeignLibc.errno(state) : count;
		}
		catch (Throwable ex) {
			throw ForeignLibc.unchecked(ex);
		}
	}

	@Override
	public boolean changesDirectory() {
		return ADDCHDIR != null;
	}

	@Override
	public boolean closesFrom() {
		return ADDCLOSEFROM != null;
	}

	@Override
	public Spawn spawn() {
		Arena arena = Arena.ofConfined();
		try {
			MemorySegment attributes = arena.allocate(ATTRIBUTES_SIZE);
			MemorySegment actions = arena.allocate(FILE_ACTIONS_SIZE);
			check((int) ATTR_INIT.invokeExact(attributes), "posix_spawnattr_init");
			int error = (int) ACTIONS_INIT.invokeExact(actions);
			if (error != 0) {
				int ignored = (int) ATTR_DESTROY.invokeExact(attributes);
				throw new PosixException("posix_spawn_file_actions_init", error);
			}
			return new ForeignSpawn(arena, attributes, actions);
		}
		catch (Throwable ex) {
			arena.close();
			throw ForeignLibc.unchecked(ex);
		}
	}

	private static void check(int error, String call) {
		if (error != 0) {
			throw new PosixException(call, error);
		}
	}

	private static final class ForeignSpawn implements Spawn {

		private final Arena arena;

		private final MemorySegment attributes;

		private final MemorySegment actions;

		ForeignSpawn(Arena arena, MemorySegment attributes, MemorySegment actions) {
			this.arena = arena;
			this.attributes = attributes;
			this.actions = actions;
		}

		@Override
		public int setflags(short flags) {
			try {
				return (int) ATTR_SETFLAGS.invokeExact(this.attributes, flags);
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
		}

		@Override
		public int setsigmask(byte[] signalSet) {
			try {
				return (int) ATTR_SETSIGMASK.invokeExact(this.attributes, bytes(signalSet));
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
		}

		@Override
		public int setsigdefault(byte[] signalSet) {
			try {
				return (int) ATTR_SETSIGDEFAULT.invokeExact(this.attributes, bytes(signalSet));
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
		}

		@Override
		public int addopen(int fd, String path, int flags, int mode) {
			try {
				return (int) ADDOPEN.invokeExact(this.actions, fd, ForeignLibc.string(this.arena, path), flags, mode);
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
		}

		@Override
		public int adddup2(int fd, int newFd) {
			try {
				return (int) ADDDUP2.invokeExact(this.actions, fd, newFd);
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
		}

		@Override
		public int addclose(int fd) {
			try {
				return (int) ADDCLOSE.invokeExact(this.actions, fd);
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
		}

		@Override
		public int addchdir(String path) {
			if (ADDCHDIR == null) {
				return ENOSYS;
			}
			try {
				return (int) ADDCHDIR.invokeExact(this.actions, ForeignLibc.string(this.arena, path));
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
		}

		@Override
		public int addclosefrom(int from) {
			if (ADDCLOSEFROM == null) {
				return ENOSYS;
			}
			try {
				return (int) ADDCLOSEFROM.invokeExact(this.actions, from);
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
		}

		@Override
		public int spawn(int[] pid, boolean search, String program, List<String> argv, List<String> envp) {
			MemorySegment child = this.arena.allocate(INT);
			MemorySegment path = ForeignLibc.string(this.arena, program);
			MemorySegment arguments = nullTerminated(argv);
			MemorySegment environment = nullTerminated(envp);
			int error;
			try {
				error = search
						? (int) POSIX_SPAWNP.invokeExact(child, path, this.actions, this.attributes, arguments, environment)
						: (int) POSIX_SPAWN.invokeExact(child, path, this.actions, this.attributes, arguments, environment);
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
			pid[0] = child.get(INT, 0);
			return error;
		}

		@Override
		public void close() {
			try {
				int actionsDestroyed = (int) ACTIONS_DESTROY.invokeExact(this.actions);
				int attributesDestroyed = (int) ATTR_DESTROY.invokeExact(this.attributes);
			}
			catch (Throwable ex) {
				throw ForeignLibc.unchecked(ex);
			}
			finally {
				this.arena.close();
			}
		}

		private MemorySegment bytes(byte[] bytes) {
			return this.arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes);
		}

		// A C array of strings ending with NULL, as argv and envp are.
		private MemorySegment nullTerminated(List<String> strings) {
			MemorySegment array = this.arena.allocate(ValueLayout.ADDRESS, strings.size() + 1);
			for (int i = 0; i < strings.size(); i++) {
				array.setAtIndex(ValueLayout.ADDRESS, i, ForeignLibc.string(this.arena, strings.get(i)));
			}
			array.setAtIndex(ValueLayout.ADDRESS, strings.size(), MemorySegment.NULL);
			return array;
		}

	}

}
