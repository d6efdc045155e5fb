package org.slimta.system.boot.internal.privilege;

import org.slimta.system.internal.privilege.PrivilegeDropException;

import org.springframework.boot.ExitCodeGenerator;

/**
 * The application stops because privileges could not be dropped; its exit code,
 * {@value #EXIT_CODE} ({@code EX_NOPERM} of {@code sysexits.h}), makes Spring Boot end the process
 * even if other threads are still alive.
 */
class PrivilegeDropFailedException extends RuntimeException implements ExitCodeGenerator {

	/** The exit status of a process that could not drop its privileges. */
	public static final int EXIT_CODE = 77;

	/**
	 * Create the exception.
	 * @param cause why the drop failed
	 */
	public PrivilegeDropFailedException(PrivilegeDropException cause) {
		super(cause.getMessage(), cause);
	}

	@Override
	public int getExitCode() {
		return EXIT_CODE;
	}

}
