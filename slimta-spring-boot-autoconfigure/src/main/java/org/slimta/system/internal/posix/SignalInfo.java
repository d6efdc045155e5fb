package org.slimta.system.internal.posix;

/**
 * One signal read from a {@link SignalDescriptor}: the fields of {@code signalfd_siginfo} a
 * listener cares about.
 *
 * @param number the signal number ({@code ssi_signo})
 * @param senderPid the process that sent it ({@code ssi_pid}); {@code 0} for the kernel
 * @param senderUid the real user id of the sender ({@code ssi_uid})
 */
public record SignalInfo(int number, int senderPid, int senderUid) {

	// Offsets in struct signalfd_siginfo (128 bytes, the same on every Linux architecture).
	static final int SIZE = 128;

	private static final int SIGNO = 0;

	private static final int PID = 12;

	private static final int UID = 16;

	static SignalInfo decode(byte[] buffer, int offset) {
		return new SignalInfo(intAt(buffer, offset + SIGNO), intAt(buffer, offset + PID), intAt(buffer, offset + UID));
	}

	private static int intAt(byte[] buffer, int offset) {
		return (buffer[offset] & 0xff) | (buffer[offset + 1] & 0xff) << 8 | (buffer[offset + 2] & 0xff) << 16
				| (buffer[offset + 3] & 0xff) << 24;
	}

}
