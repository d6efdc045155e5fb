package org.slimta.system.posix;

import jnr.ffi.Runtime;

/**
 * Waiting for children to end, and reaping them: {@code waitid} without reaping, so that a pid
 * stays taken while a signal may still be sent to it, and {@code waitpid}, whose status becomes an
 * exit value as the JDK reports it.
 */
final class ChildReaper {

	private static final int SIGINFO_SIZE = 128;

	private static final int P_PID = 1;

	private static final int WEXITED = 4;

	private static final int WNOWAIT = 0x01000000;

	private final SpawnLibrary library;

	private final Runtime runtime;

	ChildReaper(SpawnLibrary library) {
		this.library = library;
		this.runtime = Runtime.getRuntime(library);
	}

	void awaitExit(int pid) {
		byte[] info = new byte[SIGINFO_SIZE];
		while (this.library.waitid(P_PID, pid, info, WEXITED | WNOWAIT) == -1) {
			int errno = this.runtime.getLastError();
			if (errno != NativeProcesses.EINTR) {
				throw new PosixException("waitid(P_PID, " + pid + ", WEXITED | WNOWAIT)", errno);
			}
		}
	}

	int reap(int pid) {
		int[] status = new int[1];
		while (this.library.waitpid(pid, status, 0) == -1) {
			int errno = this.runtime.getLastError();
			if (errno != NativeProcesses.EINTR) {
				throw new PosixException("waitpid(" + pid + ")", errno);
			}
		}
		return exitValue(status[0]);
	}

	// 128 + the signal number for a child a signal ended, as the JDK reports it.
	static int exitValue(int waitStatus) {
		int signal = waitStatus & 0x7f;
		return (signal == 0) ? (waitStatus >> 8) & 0xff : 128 + signal;
	}

}
