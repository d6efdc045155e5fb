package org.slimta.system.internal.posix;

import java.util.List;

/**
 * The libc calls behind {@link NativeProcesses}, made by jnr ({@link JnrProcessCalls}) or by the
 * JDK's foreign function API ({@code ForeignProcessCalls}, JDK 22+). Each returns what the kernel
 * returns: a negative result is minus {@code errno}, so that one implementation of the checks,
 * retries and messages serves both.
 */
interface ProcessCalls {

	/**
	 * {@code pipe2}.
	 * @param fds receives the read end, then the write end
	 * @param flags {@code O_CLOEXEC} and the like
	 * @return {@code 0}, or minus errno
	 */
	int pipe2(int[] fds, int flags);

	/**
	 * {@code close}.
	 * @param fd the descriptor
	 * @return {@code 0}, or minus errno
	 */
	int close(int fd);

	/**
	 * {@code kill}.
	 * @param pid the process
	 * @param signal the signal number
	 * @return {@code 0}, or minus errno
	 */
	int kill(int pid, int signal);

	/**
	 * {@code waitid}, the {@code siginfo_t} it fills left unread.
	 * @param idType {@code P_PID} and the like
	 * @param id the pid
	 * @param options {@code WEXITED}, {@code WNOWAIT} and the like
	 * @return {@code 0}, or minus errno
	 */
	int waitid(int idType, int id, int options);

	/**
	 * {@code waitpid}.
	 * @param pid the child
	 * @param status receives the wait status
	 * @param options {@code WNOHANG} and the like
	 * @return the pid reaped, or minus errno
	 */
	int waitpid(int pid, int[] status, int options);

	/**
	 * {@code read}.
	 * @param fd the descriptor
	 * @param buffer receives up to its length, from its start
	 * @return the count read ({@code 0} at the end), or minus errno
	 */
	long read(int fd, byte[] buffer);

	/**
	 * {@code write}.
	 * @param fd the descriptor
	 * @param buffer the bytes, all of it
	 * @return the count written, or minus errno
	 */
	long write(int fd, byte[] buffer);

	/**
	 * Whether {@code posix_spawn_file_actions_addchdir_np} exists here (glibc 2.29+).
	 * @return whether it does
	 */
	boolean changesDirectory();

	/**
	 * Whether {@code posix_spawn_file_actions_addclosefrom_np} exists here (glibc 2.34+).
	 * @return whether it does
	 */
	boolean closesFrom();

	/**
	 * Fresh {@code posix_spawnattr_t} and {@code posix_spawn_file_actions_t}, initialised.
	 * @return them, destroyed when closed
	 * @throws PosixException if either cannot be initialised
	 */
	Spawn spawn();

	/**
	 * The attributes and file actions of one {@code posix_spawn}, and the call itself. As in C,
	 * each returns {@code 0} or the error number (these functions do not set {@code errno}).
	 */
	interface Spawn extends AutoCloseable {

		int setflags(short flags);

		int setsigmask(byte[] signalSet);

		int setsigdefault(byte[] signalSet);

		int addopen(int fd, String path, int flags, int mode);

		int adddup2(int fd, int newFd);

		int addclose(int fd);

		int addchdir(String path);

		int addclosefrom(int from);

		/**
		 * {@code posix_spawnp}, which looks a name without a slash up in {@code PATH}, or
		 * {@code posix_spawn}.
		 * @param pid receives the child's pid
		 * @param search whether to call {@code posix_spawnp}
		 * @param program the program
		 * @param argv the argument vector
		 * @param envp the environment, as {@code NAME=value}
		 * @return {@code 0} or the error number
		 */
		int spawn(int[] pid, boolean search, String program, List<String> argv, List<String> envp);

		/** Destroy the attributes and file actions, and free their memory. */
		@Override
		void close();

	}

}
