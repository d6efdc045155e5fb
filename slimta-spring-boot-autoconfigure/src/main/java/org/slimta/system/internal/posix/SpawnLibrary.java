package org.slimta.system.internal.posix;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc functions behind {@link NativeProcesses} as jnr-ffi binds them ({@link JnrProcessCalls}): glibc's {@code posix_spawn} family (jnr-posix's
 * own {@code posix_spawnp} cannot set a signal mask), and what starting, talking to and reaping a
 * child needs. Public only because jnr-ffi generates its implementation in another class loader;
 * not for use outside this package.
 */
public interface SpawnLibrary {

	int posix_spawn(@Out int[] pid, CharSequence path, Pointer fileActions, Pointer attributes,
			@In CharSequence[] argv, @In CharSequence[] envp);

	int posix_spawnp(@Out int[] pid, CharSequence file, Pointer fileActions, Pointer attributes,
			@In CharSequence[] argv, @In CharSequence[] envp);

	int posix_spawnattr_init(Pointer attributes);

	int posix_spawnattr_destroy(Pointer attributes);

	int posix_spawnattr_setflags(Pointer attributes, short flags);

	int posix_spawnattr_setsigmask(Pointer attributes, @In byte[] sigmask);

	int posix_spawnattr_setsigdefault(Pointer attributes, @In byte[] sigdefault);

	int posix_spawn_file_actions_init(Pointer fileActions);

	int posix_spawn_file_actions_destroy(Pointer fileActions);

	int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, CharSequence path, int flags, int mode);

	int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newfd);

	int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

	// glibc 2.29+: a missing symbol fails only when called
	int posix_spawn_file_actions_addchdir_np(Pointer fileActions, CharSequence path);

	// glibc 2.34+
	int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

	int pipe2(@Out int[] fds, int flags);

	int waitid(int idtype, int id, @Out byte[] infop, int options);

	int waitpid(int pid, @Out int[] status, int options);

	int kill(int pid, int signal);

	@ssize_t
	long read(int fd, @Out byte[] buf, @size_t long count);

	@ssize_t
	long write(int fd, @In byte[] buf, @size_t long count);

	int close(int fd);

}
