package org.slimta.system.posix;

/**
 * The native calls cannot be used on this system; the message says why.
 */
public class PosixUnavailableException extends RuntimeException {

	PosixUnavailableException(String reason, Throwable cause) {
		super("native system calls are unavailable: " + reason, cause);
	}

}
