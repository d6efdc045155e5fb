package org.slimta.system.internal.posix;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;

import jnr.constants.platform.Errno;
import jnr.posix.POSIXHandler;

/**
 * Turns jnr-posix's error callbacks into {@link PosixException}s instead of its default of
 * printing or exiting.
 */
final class ErrorThrowingHandler implements POSIXHandler {

	@Override
	public void error(Errno error, String extraData) {
		throw new PosixException(extraData, error.intValue());
	}

	@Override
	public void error(Errno error, String methodName, String extraData) {
		throw new PosixException(methodName + "(" + extraData + ")", error.intValue());
	}

	@Override
	public void unimplementedError(String methodName) {
		throw new UnsupportedOperationException(methodName + " is not implemented on this platform");
	}

	@Override
	public void warn(WARNING_ID id, String message, Object... data) {
		// jnr-posix warns only about emulated calls, which this package never makes
	}

	@Override
	public boolean isVerbose() {
		return false;
	}

	@Override
	public File getCurrentWorkingDirectory() {
		return new File(System.getProperty("user.dir"));
	}

	@Override
	public String[] getEnv() {
		return System.getenv().entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}

	@Override
	public InputStream getInputStream() {
		return System.in;
	}

	@Override
	public PrintStream getOutputStream() {
		return System.out;
	}

	@Override
	public int getPID() {
		return (int) ProcessHandle.current().pid();
	}

	@Override
	public PrintStream getErrorStream() {
		return System.err;
	}

}
