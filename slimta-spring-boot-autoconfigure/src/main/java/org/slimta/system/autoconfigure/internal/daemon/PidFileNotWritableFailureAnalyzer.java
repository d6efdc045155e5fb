package org.slimta.system.autoconfigure.internal.daemon;

import java.nio.file.Path;

import org.slimta.system.internal.ShortenedValue;
import org.slimta.system.internal.daemon.PidFileNotWritableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start refused because {@code slimta.system.daemon.pid-file} cannot be written: a
 * missing directory, one the process may not write, a path that is a directory; and what to do.
 */
public class PidFileNotWritableFailureAnalyzer extends AbstractFailureAnalyzer<PidFileNotWritableException> {

	private static final String PROPERTY = "slimta.system.daemon.pid-file";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PidFileNotWritableException cause) {
		String file = quoted(cause.getPath());
		String where = quoted(cause.getWhere());
		String description = "The pid file " + file + " (property '" + PROPERTY + "') cannot be written: "
				+ problem(cause, where) + ".";
		return new FailureAnalysis(description, action(cause, file, where), cause);
	}

	private static String problem(PidFileNotWritableException cause, String where) {
		return switch (cause.getReason()) {
			case MISSING_DIRECTORY -> "the directory " + where + " does not exist";
			case NOT_A_DIRECTORY -> where + " is a file, not a directory";
			case DIRECTORY_NOT_WRITABLE -> "this process (user '" + user() + "') may not create a file in the directory "
					+ where + " (" + cause.getDetail() + ")";
			case FILE_NOT_WRITABLE -> "the file exists and this process (user '" + user() + "') may not write it ("
					+ cause.getDetail() + ")";
			case IS_A_DIRECTORY -> "it is a directory";
			case OTHER -> cause.getDetail();
		};
	}

	private static String action(PidFileNotWritableException cause, String file, String where) {
		String elsewhere = "set '" + PROPERTY + "' to a file in a directory the application can write when it starts";
		return switch (cause.getReason()) {
			case MISSING_DIRECTORY -> "Create the directory " + where + " (for a systemd service, RuntimeDirectory= "
					+ "makes one under /run), or " + elsewhere + ".";
			case NOT_A_DIRECTORY -> "Set '" + PROPERTY + "' to a file in a directory that exists (" + where
					+ " on its way is a file).";
			case DIRECTORY_NOT_WRITABLE -> "Set '" + PROPERTY + "' to a file in a directory user '" + user()
					+ "' can write, or let that user write " + where + ".";
			case FILE_NOT_WRITABLE -> "Remove " + file + " if no instance of the application runs, or " + elsewhere
					+ ".";
			case IS_A_DIRECTORY -> "Set '" + PROPERTY + "' to a file name, for example "
					+ quoted(cause.getPath().resolve("application.pid")) + ".";
			case OTHER -> Character.toUpperCase(elsewhere.charAt(0)) + elsewhere.substring(1) + ".";
		};
	}

	// The user the pid file is written as: the one the application started as, before any privilege drop.
	private static String user() {
		return System.getProperty("user.name");
	}

	private static String quoted(Path path) {
		return "'" + ShortenedValue.of(path) + "'";
	}

}
