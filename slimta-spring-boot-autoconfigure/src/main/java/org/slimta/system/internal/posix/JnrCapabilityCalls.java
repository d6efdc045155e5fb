package org.slimta.system.internal.posix;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * {@link CapabilityCalls} through jnr-ffi, for JDK 17 to 21 or wherever
 * {@code -Dorg.slimta.system.native=jnr} asks for it.
 */
final class JnrCapabilityCalls implements CapabilityCalls {

	private final LibC libc;

	private final Runtime runtime;

	JnrCapabilityCalls(LibC libc) {
		this.libc = libc;
		this.runtime = Runtime.getRuntime(libc);
	}

	static LibcBinding<CapabilityCalls> bind() {
		return LibcBinding.load(LibC.class, JnrCapabilityCalls::new);
	}

	@Override
	public int prctl(int option, long arg2, long arg3) {
		int result = this.libc.prctl(option, arg2, arg3, 0L, 0L);
		return (result == -1) ? -this.runtime.getLastError() : result;
	}

	@Override
	public int capget(int[] data) {
		int result = this.libc.capget(header(), data);
		return (result == -1) ? -this.runtime.getLastError() : 0;
	}

	@Override
	public int capset(int[] data) {
		int result = this.libc.capset(header(), data);
		return (result == -1) ? -this.runtime.getLastError() : 0;
	}

	@Override
	public long allowAllFilter(int flags) {
		Pointer filter = Memory.allocateDirect(this.runtime, SeccompFilter.INSTRUCTION_SIZE);
		filter.putShort(0, SeccompFilter.RET_K);
		filter.putByte(2, (byte) 0);
		filter.putByte(3, (byte) 0);
		filter.putInt(4, SeccompFilter.RET_ALLOW);
		Pointer program = Memory.allocateDirect(this.runtime, SeccompFilter.PROGRAM_SIZE);
		program.putShort(0, (short) 1);
		program.putPointer(SeccompFilter.PROGRAM_FILTER_OFFSET, filter);
		long result = this.libc.syscall(SeccompFilter.syscallNumber(), SeccompFilter.SET_MODE_FILTER, flags, program);
		return (result == -1) ? -this.runtime.getLastError() : result;
	}

	private static int[] header() {
		return new int[] { CAPABILITY_VERSION_3, 0 };
	}

	/** The libc functions, as jnr-ffi binds them. */
	public interface LibC {

		@SaveError
		int prctl(int option, long arg2, long arg3, long arg4, long arg5);

		@SaveError
		int capget(@In int[] header, @Out int[] data);

		@SaveError
		int capset(@In int[] header, @In int[] data);

		@SaveError
		long syscall(long number, long operation, long flags, Pointer program);

	}

}
