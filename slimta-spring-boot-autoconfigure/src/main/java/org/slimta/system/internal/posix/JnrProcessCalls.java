package org.slimta.system.internal.posix;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * {@link ProcessCalls} through jnr-ffi's binding of libc ({@link SpawnLibrary}), for JDK 17 to 21
 * or wherever {@code -Dorg.slimta.system.native=jnr} asks for it.
 */
final class JnrProcessCalls implements ProcessCalls {

	// Sizes on 64-bit glibc.
	private static final int ATTRIBUTES_SIZE = 336;

	private static final int FILE_ACTIONS_SIZE = 80;

	private static final int SIGINFO_SIZE = 128;

	private final SpawnLibrary library;

	private final Runtime runtime;

	private final boolean changesDirectory;

	private final boolean closesFrom;

	private JnrProcessCalls(SpawnLibrary library) {
		this.library = library;
		this.runtime = Runtime.getRuntime(library);
		// A symbol glibc lacks is bound anyway and fails only when called: call each once.
		Pointer actions = Memory.allocateDirect(this.runtime, FILE_ACTIONS_SIZE, true);
		check(library.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
		try {
			this.changesDirectory = available(() -> library.posix_spawn_file_actions_addchdir_np(actions, "/"));
			this.closesFrom = available(() -> library.posix_spawn_file_actions_addclosefrom_np(actions, 3));
		}
		finally {
			library.posix_spawn_file_actions_destroy(actions);
		}
	}

	/**
	 * Bind libc through jnr-ffi.
	 * @return the binding, or why it failed
	 */
	static LibcBinding<ProcessCalls> bind() {
		return LibcBinding.load(SpawnLibrary.class, JnrProcessCalls::new);
	}

	private static boolean available(IntSupplier call) {
		try {
			return call.getAsInt() == 0;
		}
		catch (UnsatisfiedLinkError ex) {
			return false;
		}
	}

	private int result(int result) {
		return (result == -1) ? -this.runtime.getLastError() : result;
	}

	private long result(long result) {
		return (result == -1) ? -this.runtime.getLastError() : result;
	}

	@Override
	public int pipe2(int[] fds, int flags) {
		return result(this.library.pipe2(fds, flags));
	}

	@Override
	public int close(int fd) {
		return result(this.library.close(fd));
	}

	@Override
	public int kill(int pid, int signal) {
		return result(this.library.kill(pid, signal));
	}

	@Override
	public int waitid(int idType, int id, int options) {
		return result(this.library.waitid(idType, id, new byte[SIGINFO_SIZE], options));
	}

	@Override
	public int waitpid(int pid, int[] status, int options) {
		return result(this.library.waitpid(pid, status, options));
	}

	@Override
	public long read(int fd, byte[] buffer) {
		return result(this.library.read(fd, buffer, buffer.length));
	}

	@Override
	public long write(int fd, byte[] buffer) {
		return result(this.library.write(fd, buffer, buffer.length));
	}

	@Override
	public boolean changesDirectory() {
		return this.changesDirectory;
	}

	@Override
	public boolean closesFrom() {
		return this.closesFrom;
	}

	@Override
	public Spawn spawn() {
		Pointer attributes = Memory.allocateDirect(this.runtime, ATTRIBUTES_SIZE, true);
		Pointer actions = Memory.allocateDirect(this.runtime, FILE_ACTIONS_SIZE, true);
		check(this.library.posix_spawnattr_init(attributes), "posix_spawnattr_init");
		int error = this.library.posix_spawn_file_actions_init(actions);
		if (error != 0) {
			this.library.posix_spawnattr_destroy(attributes);
			throw new PosixException("posix_spawn_file_actions_init", error);
		}
		return new JnrSpawn(attributes, actions);
	}

	private static void check(int error, String call) {
		if (error != 0) {
			throw new PosixException(call, error);
		}
	}

	private final class JnrSpawn implements Spawn {

		// Direct memory that jnr frees once unreachable, so it lives as long as this object.
		private final Pointer attributes;

		private final Pointer actions;

		JnrSpawn(Pointer attributes, Pointer actions) {
			this.attributes = attributes;
			this.actions = actions;
		}

		@Override
		public int setflags(short flags) {
			return JnrProcessCalls.this.library.posix_spawnattr_setflags(this.attributes, flags);
		}

		@Override
		public int setsigmask(byte[] signalSet) {
			return JnrProcessCalls.this.library.posix_spawnattr_setsigmask(this.attributes, signalSet);
		}

		@Override
		public int setsigdefault(byte[] signalSet) {
			return JnrProcessCalls.this.library.posix_spawnattr_setsigdefault(this.attributes, signalSet);
		}

		@Override
		public int addopen(int fd, String path, int flags, int mode) {
			return JnrProcessCalls.this.library.posix_spawn_file_actions_addopen(this.actions, fd, path, flags, mode);
		}

		@Override
		public int adddup2(int fd, int newFd) {
			return JnrProcessCalls.this.library.posix_spawn_file_actions_adddup2(this.actions, fd, newFd);
		}

		@Override
		public int addclose(int fd) {
			return JnrProcessCalls.this.library.posix_spawn_file_actions_addclose(this.actions, fd);
		}

		@Override
		public int addchdir(String path) {
			return JnrProcessCalls.this.library.posix_spawn_file_actions_addchdir_np(this.actions, path);
		}

		@Override
		public int addclosefrom(int from) {
			return JnrProcessCalls.this.library.posix_spawn_file_actions_addclosefrom_np(this.actions, from);
		}

		@Override
		public int spawn(int[] pid, boolean search, String program, List<String> argv, List<String> envp) {
			SpawnLibrary library = JnrProcessCalls.this.library;
			return search
					? library.posix_spawnp(pid, program, this.actions, this.attributes, nullTerminated(argv),
							nullTerminated(envp))
					: library.posix_spawn(pid, program, this.actions, this.attributes, nullTerminated(argv),
							nullTerminated(envp));
		}

		@Override
		public void close() {
			JnrProcessCalls.this.library.posix_spawn_file_actions_destroy(this.actions);
			JnrProcessCalls.this.library.posix_spawnattr_destroy(this.attributes);
		}

		private static CharSequence[] nullTerminated(List<String> strings) {
			List<CharSequence> list = new ArrayList<>(strings);
			list.add(null);
			return list.toArray(new CharSequence[0]);
		}

	}

}
