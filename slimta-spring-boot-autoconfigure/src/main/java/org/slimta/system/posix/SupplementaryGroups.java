package org.slimta.system.posix;

import java.util.Arrays;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;

/**
 * The supplementary group calls of the C library that jnr-posix lacks: {@code initgroups},
 * {@code setgroups} and {@code getgrouplist}. Bound once, on first use of {@link #get()}: bind them
 * before privileges are dropped, since the binding may need to write into {@code java.io.tmpdir}.
 */
public final class SupplementaryGroups {

	private final LibC libc;

	private final Runtime runtime;

	private SupplementaryGroups(LibC libc) {
		this.libc = libc;
		this.runtime = Runtime.getRuntime(libc);
	}

	/**
	 * The calls, bound on first use.
	 * @return the calls
	 * @throws PosixUnavailableException if the native calls cannot be used here
	 */
	public static SupplementaryGroups get() {
		Posix.get();
		return Holder.GROUPS;
	}

	/**
	 * Make the user's groups from the group database, plus {@code gid}, the supplementary groups of
	 * every thread of this process.
	 * @param user the login name
	 * @param gid the group to add, normally the user's primary group
	 * @throws PosixException if the call fails ({@code EPERM} without {@code CAP_SETGID})
	 */
	public void initgroups(String user, int gid) {
		if (this.libc.initgroups(user, gid) == -1) {
			throw new PosixException("initgroups(" + user + ", " + gid + ")", this.runtime.getLastError());
		}
	}

	/**
	 * Remove every supplementary group from every thread of this process ({@code setgroups(0, NULL)}).
	 * @throws PosixException if the call fails ({@code EPERM} without {@code CAP_SETGID})
	 */
	public void clear() {
		if (this.libc.setgroups(0, null) == -1) {
			throw new PosixException("setgroups(0, NULL)", this.runtime.getLastError());
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
		IntByReference count = new IntByReference(groups.length);
		while (this.libc.getgrouplist(user, gid, groups, count) == -1) {
			// -1 means the array was too small; count now holds the size needed
			groups = new int[Math.max(count.intValue(), groups.length * 2)];
			count = new IntByReference(groups.length);
		}
		return Arrays.stream(groups, 0, count.intValue()).sorted().distinct().toArray();
	}

	/** The libc functions, as jnr-ffi binds them. */
	public interface LibC {

		@SaveError
		int initgroups(String user, int group);

		@SaveError
		int setgroups(long size, @In int[] list);

		int getgrouplist(String user, int group, @Out int[] groups, IntByReference ngroups);

	}

	private static final class Holder {

		static final SupplementaryGroups GROUPS = new SupplementaryGroups(LibraryLoader.create(LibC.class).load("c"));

	}

}
