package org.slimta.system.internal.posix;

/**
 * The capability calls of Linux that jnr-posix lacks ({@code prctl}, {@code capget},
 * {@code capset}, {@code seccomp}); made through the JDK's foreign function API on JDK 22 and later,
 * through jnr-ffi before. Capabilities, the bounding set and {@code no_new_privs} belong to each
 * thread: every call here changes the calling thread only, except
 * {@link #setNoNewPrivilegesOnEveryThread()}. Bound once, on first use of {@link #get()}: bind
 * them before privileges are dropped, since jnr's binding may need to write into
 * {@code java.io.tmpdir}.
 */
public final class Capabilities {

	/** {@code CAP_SETPCAP}, which dropping from the bounding set needs. */
	public static final int CAP_SETPCAP = 8;

	// A capability set of version 3 holds 64 bits; the kernel refuses numbers past its last one.
	private static final int MAX_CAPABILITIES = 64;

	private static final int ESRCH = 3;

	private static final int EINVAL = 22;

	private final CapabilityCalls calls;

	Capabilities(CapabilityCalls calls) {
		this.calls = calls;
	}

	/**
	 * The calls, bound on first use.
	 * @return the calls
	 * @throws PosixUnavailableException if the native calls cannot be used here
	 */
	public static Capabilities get() {
		return Holder.BOUND.get();
	}

	/**
	 * The calling thread's effective, permitted and inheritable sets ({@code capget}).
	 * @return the sets
	 * @throws PosixException if the call fails
	 */
	public Sets current() {
		int[] data = new int[6];
		check("capget", this.calls.capget(data));
		return new Sets(bits(data[0], data[3]), bits(data[1], data[4]), bits(data[2], data[5]));
	}

	/**
	 * Whether a capability is in the calling thread's bounding set ({@code PR_CAPBSET_READ}).
	 * @param capability its number, for example {@value #CAP_SETPCAP}
	 * @return whether it is
	 * @throws PosixException with {@code EINVAL} for a number the kernel does not know
	 */
	public boolean inBoundingSet(int capability) {
		return check("prctl(PR_CAPBSET_READ, " + capability + ")",
				this.calls.prctl(CapabilityCalls.PR_CAPBSET_READ, capability, 0)) == 1;
	}

	/**
	 * Empty the calling thread's bounding set ({@code PR_CAPBSET_DROP} of every capability the
	 * kernel knows). Needs {@code CAP_SETPCAP} in the thread's effective set.
	 * @throws PosixException if a drop fails ({@code EPERM} without {@code CAP_SETPCAP})
	 */
	public void clearBoundingSet() {
		for (int capability = 0; capability < MAX_CAPABILITIES; capability++) {
			int present = this.calls.prctl(CapabilityCalls.PR_CAPBSET_READ, capability, 0);
			if (present == -EINVAL) {
				return; // past the last capability of this kernel
			}
			check("prctl(PR_CAPBSET_READ, " + capability + ")", present);
			if (present == 1) {
				check("prctl(PR_CAPBSET_DROP, " + capability + ")",
						this.calls.prctl(CapabilityCalls.PR_CAPBSET_DROP, capability, 0));
			}
		}
	}

	/**
	 * Clear the calling thread's effective, permitted, inheritable and ambient sets
	 * ({@code capset} to nothing, then {@code PR_CAP_AMBIENT_CLEAR_ALL}). Lowering needs no
	 * privilege; nothing can raise them again.
	 * @throws PosixException if a call fails
	 */
	public void clear() {
		check("capset(0, 0, 0)", this.calls.capset(new int[6]));
		check("prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)", this.calls.prctl(CapabilityCalls.PR_CAP_AMBIENT,
				CapabilityCalls.PR_CAP_AMBIENT_CLEAR_ALL, 0));
	}

	/**
	 * Empty the calling thread's inheritable and ambient sets, keeping its permitted and effective
	 * ones: from then on, no program that this thread or a thread it creates starts inherits a
	 * capability from it, while the thread itself keeps what it holds.
	 * @throws PosixException if a call fails
	 */
	public void clearInheritable() {
		Sets now = current();
		int[] data = { (int) now.effective(), (int) now.permitted(), 0, (int) (now.effective() >>> 32),
				(int) (now.permitted() >>> 32), 0 };
		check("capset(inheritable 0)", this.calls.capset(data));
		check("prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)", this.calls.prctl(CapabilityCalls.PR_CAP_AMBIENT,
				CapabilityCalls.PR_CAP_AMBIENT_CLEAR_ALL, 0));
	}

	/**
	 * Whether the calling thread has {@code no_new_privs} ({@code PR_GET_NO_NEW_PRIVS}).
	 * @return whether it has
	 * @throws PosixException if the call fails
	 */
	public boolean noNewPrivileges() {
		return check("prctl(PR_GET_NO_NEW_PRIVS)", this.calls.prctl(CapabilityCalls.PR_GET_NO_NEW_PRIVS, 0, 0)) == 1;
	}

	/**
	 * Set {@code no_new_privs} on the calling thread ({@code PR_SET_NO_NEW_PRIVS}): no
	 * {@code execve} from it, or from a thread or process it creates, grants privileges again
	 * (set-user-ID and set-group-ID bits and file capabilities do nothing). For good.
	 * @throws PosixException if the call fails
	 */
	public void setNoNewPrivileges() {
		check("prctl(PR_SET_NO_NEW_PRIVS, 1)", this.calls.prctl(CapabilityCalls.PR_SET_NO_NEW_PRIVS, 1, 0));
	}

	/**
	 * Set {@code no_new_privs} on every thread of this process: on the calling thread, then through
	 * a seccomp filter that allows every system call, installed with
	 * {@code SECCOMP_FILTER_FLAG_TSYNC}, which gives every other thread the calling thread's filters
	 * and its {@code no_new_privs}. {@code /proc/.../status} then shows {@code Seccomp: 2}.
	 * @throws PosixException if a call fails, or a thread could not be synchronized
	 */
	public void setNoNewPrivilegesOnEveryThread() {
		setNoNewPrivileges();
		long result = this.calls.allowAllFilter(CapabilityCalls.SECCOMP_FILTER_FLAG_TSYNC);
		if (result < 0) {
			throw new PosixException("seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC)", (int) -result);
		}
		if (result > 0) {
			throw new PosixException("seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC): thread " + result
					+ " has another filter and was not synchronized", ESRCH);
		}
	}

	private static int check(String call, int result) {
		if (result < 0) {
			throw new PosixException(call, -result);
		}
		return result;
	}

	private static long bits(int low, int high) {
		return (Integer.toUnsignedLong(high) << 32) | Integer.toUnsignedLong(low);
	}

	private static LibcBinding<Capabilities> bind() {
		if (NativeImplementation.foreign()) {
			return LibcBinding.of(() -> {
				NativeAccess.ensureAvailability();
				return new Capabilities(NativeImplementation.instantiate(CapabilityCalls.class, "ForeignCapabilityCalls"));
			});
		}
		return JnrCapabilityCalls.bind().map(Capabilities::new);
	}

	/**
	 * A thread's effective, permitted and inheritable capability sets, one bit per capability.
	 *
	 * @param effective the effective set
	 * @param permitted the permitted set
	 * @param inheritable the inheritable set
	 */
	public record Sets(long effective, long permitted, long inheritable) {

		/**
		 * Whether a capability is in the effective set.
		 * @param capability its number
		 * @return whether it is
		 */
		public boolean effective(int capability) {
			return (this.effective & (1L << capability)) != 0;
		}

	}

	// The holder idiom: bound once, on first use, thread-safe without locking.
	private static final class Holder {

		static final LibcBinding<Capabilities> BOUND = bind();

	}

}
