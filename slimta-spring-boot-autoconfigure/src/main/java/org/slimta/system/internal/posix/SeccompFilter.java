package org.slimta.system.internal.posix;

/**
 * The one seccomp filter this package installs, laid out for a 64-bit Linux: a single
 * {@code BPF_RET | BPF_K} instruction returning {@code SECCOMP_RET_ALLOW}, so it allows every
 * system call. It is installed only for {@code SECCOMP_FILTER_FLAG_TSYNC}, which sets the calling
 * thread's {@code no_new_privs} on every other thread of the process; the kernel caches a filter
 * that allows a call whatever its arguments, so the filter does not run per call.
 */
final class SeccompFilter {

	/** {@code SECCOMP_SET_MODE_FILTER}. */
	static final int SET_MODE_FILTER = 1;

	/** {@code BPF_RET | BPF_K}. */
	static final short RET_K = 0x06;

	/** {@code SECCOMP_RET_ALLOW}. */
	static final int RET_ALLOW = 0x7fff0000;

	/** {@code sizeof(struct sock_filter)}. */
	static final int INSTRUCTION_SIZE = 8;

	/** {@code sizeof(struct sock_fprog)} on a 64-bit system. */
	static final int PROGRAM_SIZE = 16;

	/** Where {@code struct sock_fprog} holds its pointer to the instructions. */
	static final int PROGRAM_FILTER_OFFSET = 8;

	private SeccompFilter() {
	}

	/**
	 * The number of the {@code seccomp} system call, which the C library does not wrap.
	 * @return its number on this architecture
	 * @throws PosixException with {@code ENOSYS} on an architecture this package does not know
	 */
	static long syscallNumber() {
		String arch = System.getProperty("os.arch", "");
		return switch (arch) {
			case "amd64", "x86_64" -> 317;
			case "aarch64" -> 277;
			case "riscv64" -> 277;
			case "ppc64le" -> 358;
			case "s390x" -> 348;
			default -> throw new PosixException("seccomp on " + arch, 38);
		};
	}

}
