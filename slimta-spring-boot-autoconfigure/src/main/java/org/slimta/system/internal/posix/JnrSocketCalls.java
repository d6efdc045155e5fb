package org.slimta.system.internal.posix;

import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * {@link SocketCalls} through jnr-ffi, for JDK 17 to 21 or wherever
 * {@code -Dorg.slimta.system.native=jnr} asks for it.
 */
final class JnrSocketCalls implements SocketCalls {

	private final LibC libc;

	private final Runtime runtime;

	JnrSocketCalls(LibC libc) {
		this.libc = libc;
		this.runtime = Runtime.getRuntime(libc);
	}

	static LibcBinding<SocketCalls> bind() {
		return LibcBinding.load(LibC.class, JnrSocketCalls::new);
	}

	@Override
	public int getsockname(int fd, byte[] address, int[] length) {
		return result(this.libc.getsockname(fd, address, length));
	}

	@Override
	public int getsockoptInt(int fd, int level, int option, int[] value) {
		int[] length = { Integer.BYTES };
		return result(this.libc.getsockopt(fd, level, option, value, length));
	}

	@Override
	public int dup3(int fd, int newFd, int flags) {
		return result(this.libc.dup3(fd, newFd, flags));
	}

	@Override
	public int close(int fd) {
		return result(this.libc.close(fd));
	}

	@Override
	public int unsetenv(String name) {
		return result(this.libc.unsetenv(name));
	}

	@Override
	public int setenv(String name, String value) {
		return result(this.libc.setenv(name, value, 1));
	}

	private int result(int result) {
		return (result == -1) ? -this.runtime.getLastError() : result;
	}

	/** The libc functions, as jnr-ffi binds them. */
	public interface LibC {

		@SaveError
		int getsockname(int fd, @Out byte[] address, @In @Out int[] length);

		@SaveError
		int getsockopt(int fd, int level, int option, @Out int[] value, @In @Out int[] length);

		@SaveError
		int dup3(int fd, int newFd, int flags);

		@SaveError
		int close(int fd);

		@SaveError
		int unsetenv(String name);

		@SaveError
		int setenv(String name, String value, int overwrite);

	}

}
