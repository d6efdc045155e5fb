package org.slimta.system.autoconfigure;

import org.slimta.system.ShortenedValue;
import org.slimta.system.daemon.PidFileNotWritableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start refused because {@code slimta.system.daemon.pid-file} cannot be written: a
 * missing directory, one the process may not write, a path that is a directory; and what to do.
 */
class PidFileNotWritableFailureAnalyzer extends AbstractFailureAnalyzer<PidFileNotWritableException> {

	private static final String PROPERTY = "slimta.system.daemon.pid-file";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PidFileNotWritableException cause) {
		String file = quoted(cause.getPath().toString());
		String where = quoted(cause.getWhere().toString());
		String description = "The pid file " + file + " (property '" + PROPERTY + "') cannot be written: "
				+ problem(cause, where) + ".";
		return new FailureAnalysis(description, action(cause, file, where), cause);
	}

	private static String problem(PidFileNotWritableException cause, String where) {
		return switch (cause.getReason()) {
			case MISSING_DIRECTORY -> "the directory " + where + " does not exist";
			case NOT_A_DIRECTORY -> where + " is a file, not a directory";
			case DIRECTORY_NOT_WRITABLE -> "this process (user '" + System.getProperty("user.name")
					+ "') may not create a file in the directory " + where + " (" + cause.getDetail() + ")";
			case FILE_NOT_WRITABLE -> "the file exists and this process (user '" + System.getProperty("user.name")
					+ "') may not write it (" + cause.getDetail() + ")";
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
			case DIRECTORY_NOT_WRITABLE -> "Start the application as a user that may write " + where
					+ ", or " + elsewhere + ".";
			case FILE_NOT_WRITABLE -> "Remove " + file + " if no instance of the application runs, or " + elsewhere
					+ ".";
			case IS_A_DIRECTORY -> "Set '" + PROPERTY + "' to a file name, for example "
					+ quoted(cause.getPath().resolve("application.pid").toString()) + ".";
			case OTHER -> Character.toUpperCase(elsewhere.charAt(0)) + elsewhere.substring(1) + ".";
		};
	}

	private static String quoted(String value) {
		return "'" + ShortenedValue.of(value) + "'";
	}

}
