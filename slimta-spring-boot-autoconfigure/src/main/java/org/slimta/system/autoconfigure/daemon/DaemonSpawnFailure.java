package org.slimta.system.autoconfigure.daemon;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slimta.system.ShortenedValue;
import org.slimta.system.autoconfigure.DaemonProperties;
import org.slimta.system.posix.PosixException;

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
	 * What went wrong and how to fix it, for the launcher to print.
	 * @param daemon the daemon properties the spawn used
	 * @param failure what the spawn threw
	 * @return the property, its value and what is wrong with it, then the fix on a line of its
	 * own; or the errno if none of them explains it
	 */
	static String explain(DaemonProperties daemon, PosixException failure) {
		String explanation = workingDirectory(daemon.getWorkingDirectory());
		if (explanation == null) {
			explanation = output("stdout", daemon.getStdout());
		}
		if (explanation == null) {
			explanation = output("stderr", daemon.getStderr());
		}
		// None of them: the system's own reason (the java program gone, no memory or processes left).
		return "Cannot detach: " + ((explanation != null) ? explanation : failure.getMessage());
	}

	private static String workingDirectory(Path directory) {
		String property = PREFIX + "working-directory";
		String is = "'" + property + "' is " + quoted(directory) + ", ";
		if (!Files.exists(directory)) {
			return is + "which does not exist.%nCreate it, or set '%s' to an existing directory.".formatted(property);
		}
		if (!Files.isDirectory(directory)) {
			return is + "which is not a directory.%nSet '%s' to an existing directory.".formatted(property);
		}
		if (!Files.isExecutable(directory)) {
			return is + "which this process may not enter.%nSet '%s' to a directory the user '%s' may enter."
				.formatted(property, System.getProperty("user.name"));
		}
		return null;
	}

	private static String output(String name, Path file) {
		String property = PREFIX + name;
		String is = "'" + property + "' is " + quoted(file) + ", ";
		String elsewhere = "'%s' to a file in a directory the application can write when it starts".formatted(property);
		if (Files.isDirectory(file)) {
			return is + "which is a directory.%nSet '%s' to a file, for example %s.".formatted(property,
					quoted(file.resolve(name + ".log")));
		}
		Path directory = file.toAbsolutePath().getParent();
		if (directory == null) {
			return null;
		}
		if (!Files.exists(directory)) {
			return is + "in a directory that does not exist (%s).%nCreate it, or set %s.".formatted(quoted(directory),
					elsewhere);
		}
		if (!Files.isDirectory(directory)) {
			return is + "in %s, which is not a directory.%nSet %s.".formatted(quoted(directory), elsewhere);
		}
		if (Files.exists(file) && !Files.isWritable(file)) {
			return is + "which this process may not write.%nMake it writable by the user the application starts as, or set %s."
				.formatted(elsewhere);
		}
		if (!Files.exists(file) && !Files.isWritable(directory)) {
			return is + "in a directory this process may not write (%s).%nSet %s.".formatted(quoted(directory),
					elsewhere);
		}
		return null;
	}

	private static String quoted(Path path) {
		return "'" + ShortenedValue.of(path) + "'";
	}

}
