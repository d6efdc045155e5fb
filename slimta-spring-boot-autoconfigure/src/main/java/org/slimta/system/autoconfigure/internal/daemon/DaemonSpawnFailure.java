package org.slimta.system.autoconfigure.internal.daemon;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.ShortenedValue;
import org.slimta.system.autoconfigure.DaemonProperties;
import org.slimta.system.internal.posix.PosixException;

import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Why the detached process could not be started, in terms of the one {@code slimta.system.daemon}
 * property that explains it: {@code posix_spawn} reports only an errno, not which of the working
 * directory and the two output files it could not use. Each is checked as the spawn uses it; the
 * errno is the answer only when none of them explains the failure.
 */
final class DaemonSpawnFailure {

	private static final String PREFIX = "slimta.system.daemon.";

	private DaemonSpawnFailure() {
	}

	/**
	 * What went wrong and how to fix it, for the launcher to print as it prints every failure.
	 * @param daemon the daemon properties the spawn used
	 * @param failure what the spawn threw
	 * @return the property, its value and what is wrong with it, and the fix; or the errno,
	 * without a fix, if none of them explains it
	 */
	static FailureAnalysis explain(DaemonProperties daemon, PosixException failure) {
		FailureAnalysis analysis = workingDirectory(daemon.getWorkingDirectory(), failure);
		if (analysis == null) {
			analysis = output("stdout", daemon.getStdout(), failure);
		}
		if (analysis == null) {
			analysis = output("stderr", daemon.getStderr(), failure);
		}
		// None of them: the system's own reason (the java program gone, no memory or processes left).
		return (analysis != null) ? analysis : new FailureAnalysis("Cannot detach: " + failure.getMessage(), null, failure);
	}

	private static @Nullable FailureAnalysis workingDirectory(Path directory, PosixException failure) {
		String property = PREFIX + "working-directory";
		String is = "'" + property + "' is " + quoted(directory) + ", ";
		if (!Files.exists(directory)) {
			return failure(failure, is + "which does not exist.",
					"Create it, or set '%s' to an existing directory.".formatted(property));
		}
		if (!Files.isDirectory(directory)) {
			return failure(failure, is + "which is not a directory.",
					"Set '%s' to an existing directory.".formatted(property));
		}
		if (!Files.isExecutable(directory)) {
			return failure(failure, is + "which this process may not enter.",
					"Set '%s' to a directory the user '%s' may enter.".formatted(property, System.getProperty("user.name")));
		}
		return null;
	}

	private static @Nullable FailureAnalysis output(String name, Path file, PosixException failure) {
		String property = PREFIX + name;
		String is = "'" + property + "' is " + quoted(file) + ", ";
		String elsewhere = "'%s' to a file in a directory the application can write when it starts".formatted(property);
		if (Files.isDirectory(file)) {
			return failure(failure, is + "which is a directory.",
					"Set '%s' to a file, for example %s.".formatted(property, quoted(file.resolve(name + ".log"))));
		}
		Path directory = file.toAbsolutePath().getParent();
		if (directory == null) {
			return null;
		}
		if (!Files.exists(directory)) {
			return failure(failure, is + "in a directory that does not exist (%s).".formatted(quoted(directory)),
					"Create it, or set %s.".formatted(elsewhere));
		}
		if (!Files.isDirectory(directory)) {
			return failure(failure, is + "in %s, which is not a directory.".formatted(quoted(directory)),
					"Set %s.".formatted(elsewhere));
		}
		if (Files.exists(file) && !Files.isWritable(file)) {
			return failure(failure, is + "which this process may not write.",
					"Make it writable by the user the application starts as, or set %s.".formatted(elsewhere));
		}
		if (!Files.exists(file) && !Files.isWritable(directory)) {
			return failure(failure, is + "in a directory this process may not write (%s).".formatted(quoted(directory)),
					"Set %s.".formatted(elsewhere));
		}
		return null;
	}

	private static FailureAnalysis failure(PosixException cause, String problem, String fix) {
		return new FailureAnalysis("Cannot detach: " + problem, fix, cause);
	}

	private static String quoted(Path path) {
		return "'" + ShortenedValue.of(path) + "'";
	}

}
