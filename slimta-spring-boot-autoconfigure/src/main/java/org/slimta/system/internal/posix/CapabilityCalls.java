package org.slimta.system.internal.posix;

/**
 * The Linux calls behind {@link Capabilities}: {@code prctl}, {@code capget}, {@code capset} and
 * {@code seccomp}, made by jnr-ffi ({@link JnrCapabilityCalls}) or by the JDK's foreign function
 * API ({@code ForeignCapabilityCalls}, JDK 22+). Each acts on the calling thread only, except the
 * filter's {@code SECCOMP_FILTER_FLAG_TSYNC}.
 */
interface CapabilityCalls {

	/** {@code PR_CAPBSET_READ}. */
	int PR_CAPBSET_READ = 23;

	/** {@code PR_CAPBSET_DROP}. */
	int PR_CAPBSET_DROP = 24;

	/** {@code PR_SET_NO_NEW_PRIVS}. */
	int PR_SET_NO_NEW_PRIVS = 38;

	/** {@code PR_GET_NO_NEW_PRIVS}. */
	int PR_GET_NO_NEW_PRIVS = 39;

	/** {@code PR_CAP_AMBIENT}. */
	int PR_CAP_AMBIENT = 47;

	/** {@code PR_CAP_AMBIENT_CLEAR_ALL}, the second argument of {@link #PR_CAP_AMBIENT}. */
	int PR_CAP_AMBIENT_CLEAR_ALL = 4;

	/** {@code _LINUX_CAPABILITY_VERSION_3}: two 32-bit words per set. */
	int CAPABILITY_VERSION_3 = 0x20080522;

	/** {@code SECCOMP_FILTER_FLAG_TSYNC}. */
	int SECCOMP_FILTER_FLAG_TSYNC = 1;

	/**
	 * {@code prctl(option, arg2, arg3, 0, 0)}.
	 * @return its result, or minus errno
	 */
	int prctl(int option, long arg2, long arg3);

	/**
	 * {@code capget} of the calling thread, version 3.
	 * @param data receives effective, permitted, inheritable of the low word, then of the high word
	 * @return {@code 0}, or minus errno
	 */
	int capget(int[] data);

	/**
	 * {@code capset} of the calling thread, version 3.
	 * @param data effective, permitted, inheritable of the low word, then of the high word
	 * @return {@code 0}, or minus errno
	 */
	int capset(int[] data);

	/**
	 * {@code seccomp(SECCOMP_SET_MODE_FILTER, flags, prog)} with a filter that allows every call.
	 * @param flags for example {@link #SECCOMP_FILTER_FLAG_TSYNC}
	 * @return {@code 0}; with {@code TSYNC} the id of a thread that could not be synchronized; or
	 * minus errno
	 */
	long allowAllFilter(int flags);

}
