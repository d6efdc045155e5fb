package org.slimta.system.internal.posix;

import jnr.constants.platform.Errno;
import org.jspecify.annotations.Nullable;

/**
 * A native call failed; carries the call, as written with its arguments, and {@code errno}.
 * The message reads like {@code setgid(33): EPERM (Operation not permitted)}.
 */
public class PosixException extends RuntimeException {

	private final String call;

	private final int errno;

	/**
	 * Create a new exception.
	 * @param call the call with its arguments, for example {@code setgid(33)}
	 * @param errno the error number it left
	 */
	public PosixException(String call, int errno) {
		super(call + ": " + describe(errno));
		this.call = call;
		this.errno = errno;
	}

	/** The call with its arguments, for example {@code setgid(33)}. */
	public String getCall() {
		return this.call;
	}

	/** The error number the call left. */
	public int getErrno() {
		return this.errno;
	}

	/** The symbolic name of the error number, for example {@code EPERM}. */
	public String getErrnoName() {
		Errno known = known(this.errno);
		return (known != null) ? known.name() : "errno " + this.errno;
	}

	private static String describe(int errno) {
		Errno known = known(errno);
		return (known != null) ? known.name() + " (" + known.description() + ")" : "errno " + errno;
	}

	private static @Nullable Errno known(int errno) {
		Errno errnoConstant = Errno.valueOf(errno);
		return (errnoConstant != null && errnoConstant.defined()) ? errnoConstant : null;
	}

}
