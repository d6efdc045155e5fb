package org.slimta.system.internal.posix;

import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;
import org.jspecify.annotations.Nullable;

/**
 * {@link GroupCalls} through jnr-ffi, for JDK 17 to 21 or wherever
 * {@code -Dorg.slimta.system.native=jnr} asks for it.
 */
final class JnrGroupCalls implements GroupCalls {

	private final LibC libc;

	private final Runtime runtime;

	JnrGroupCalls(LibC libc) {
		this.libc = libc;
		this.runtime = Runtime.getRuntime(libc);
	}

	static LibcBinding<GroupCalls> bind() {
		return LibcBinding.load(LibC.class, JnrGroupCalls::new);
	}

	@Override
	public int initgroups(String user, int gid) {
		return (this.libc.initgroups(user, gid) == -1) ? -this.runtime.getLastError() : 0;
	}

	@Override
	public int clearGroups() {
		return (this.libc.setgroups(0, null) == -1) ? -this.runtime.getLastError() : 0;
	}

	@Override
	public int getgrouplist(String user, int gid, int[] groups, int[] count) {
		IntByReference size = new IntByReference(count[0]);
		int result = this.libc.getgrouplist(user, gid, groups, size);
		count[0] = size.intValue();
		return result;
	}

	/** The libc functions, as jnr-ffi binds them. */
	public interface LibC {

		@SaveError
		int initgroups(String user, int group);

		@SaveError
		int setgroups(long size, @In int @Nullable [] list);

		int getgrouplist(String user, int group, @Out int[] groups, IntByReference ngroups);

	}

}
