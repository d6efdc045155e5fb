package org.slimta.system.autoconfigure.internal.daemon;

import org.slimta.system.internal.daemon.PidFileLockedException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start refused because another running process holds the pid file.
 */
public class PidFileLockedFailureAnalyzer extends AbstractFailureAnalyzer<PidFileLockedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PidFileLockedException cause) {
		String holder = cause.getHolderPid().isPresent() ? "process " + cause.getHolderPid().getAsLong()
				: "another process";
		return new FailureAnalysis(
				"The pid file '" + cause.getPath() + "' (property 'slimta.system.daemon.pid-file') is locked by "
						+ holder + ": another instance of the application is running.",
				"Stop the running instance first, or set 'slimta.system.daemon.pid-file' to another file.", cause);
	}

}
