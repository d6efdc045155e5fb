package org.slimta.system.internal.posix;

/**
 * Waiting for children to end, and reaping them: {@code waitid} without reaping, so that a pid
 * stays taken while a signal may still be sent to it, and {@code waitpid}, whose status becomes an
 * exit value as the JDK reports it.
 */
final class ChildReaper {

	private static final int P_PID = 1;

	private static final int WEXITED = 4;

	private static final int WNOWAIT = 0x01000000;

	private final ProcessCalls calls;

	ChildReaper(ProcessCalls calls) {
		this.calls = calls;
	}

	void awaitExit(int pid) {
		int result;
		while ((result = this.calls.waitid(P_PID, pid, WEXITED | WNOWAIT)) < 0) {
			if (-result != NativeProcesses.EINTR) {
				throw new PosixException("waitid(P_PID, " + pid + ", WEXITED | WNOWAIT)", -result);
			}
		}
	}

	int reap(int pid) {
		int[] status = new int[1];
		int result;
		while ((result = this.calls.waitpid(pid, status, 0)) < 0) {
			if (-result != NativeProcesses.EINTR) {
				throw new PosixException("waitpid(" + pid + ")", -result);
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
