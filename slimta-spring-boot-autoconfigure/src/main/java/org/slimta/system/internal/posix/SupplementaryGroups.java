package org.slimta.system.internal.posix;

import java.util.Arrays;

/**
 * The supplementary group calls of the C library that jnr-posix lacks: {@code initgroups},
 * {@code setgroups} and {@code getgrouplist}; made through the JDK's foreign function API on JDK
 * 22 and later, through jnr-ffi before. Bound once, on first use of {@link #get()}: bind them
 * before privileges are dropped, since jnr's binding may need to write into {@code java.io.tmpdir}.
 */
public final class SupplementaryGroups {

	private final GroupCalls calls;

	SupplementaryGroups(GroupCalls calls) {
		this.calls = calls;
	}

	/**
	 * The calls, bound on first use.
	 * @return the calls
	 * @throws PosixUnavailableException if the native calls cannot be used here
	 */
	public static SupplementaryGroups get() {
		return Holder.BOUND.get();
	}

	/**
	 * Make the user's groups from the group database, plus {@code gid}, the supplementary groups of
	 * every thread of this process.
	 * @param user the login name
	 * @param gid the group to add, normally the user's primary group
	 * @throws PosixException if the call fails ({@code EPERM} without {@code CAP_SETGID})
	 */
	public void initgroups(String user, int gid) {
		int result = this.calls.initgroups(user, gid);
		if (result < 0) {
			throw new PosixException("initgroups(" + user + ", " + gid + ")", -result);
		}
	}

	/**
	 * Remove every supplementary group from every thread of this process ({@code setgroups(0, NULL)}).
	 * @throws PosixException if the call fails ({@code EPERM} without {@code CAP_SETGID})
	 */
	public void clear() {
		int result = this.calls.clearGroups();
		if (result < 0) {
			throw new PosixException("setgroups(0, NULL)", -result);
		}
	}

	/**
	 * The groups {@link #initgroups(String, int)} would set: the user's groups from the group
	 * database, plus {@code gid}.
	 * @param user the login name
	 * @param gid the group to add
	 * @return the group ids, sorted, without duplicates
	 */
	public int[] groupList(String user, int gid) {
		int[] groups = new int[64];
		int[] count = { groups.length };
		while (this.calls.getgrouplist(user, gid, groups, count) == -1) {
			// -1 means the array was too small; count now holds the size needed
			groups = new int[Math.max(count[0], groups.length * 2)];
			count[0] = groups.length;
		}
		return Arrays.stream(groups, 0, count[0]).sorted().distinct().toArray();
	}

	private static LibcBinding<SupplementaryGroups> bind() {
		if (NativeImplementation.foreign()) {
			return LibcBinding.of(() -> {
				NativeAccess.ensureAvailability();
				return new SupplementaryGroups(NativeImplementation.instantiate(GroupCalls.class, "ForeignGroupCalls"));
			});
		}
		return JnrGroupCalls.bind().map(SupplementaryGroups::new);
	}

	// The holder idiom: bound once, on first use, thread-safe without locking.
	private static final class Holder {

		static final LibcBinding<SupplementaryGroups> BOUND = bind();

	}

}
