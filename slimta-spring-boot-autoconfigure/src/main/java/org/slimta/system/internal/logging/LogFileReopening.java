package org.slimta.system.internal.logging;

import org.jspecify.annotations.Nullable;

/**
 * What reopening one log file did.
 *
 * @param appender the name of the appender that writes the file
 * @param file the path of the file
 * @param outcome whether it was reopened
 * @param failure why it was not, for {@link Outcome#FAILED} and {@link Outcome#NOT_SUPPORTED};
 * otherwise {@code null}
 */
public record LogFileReopening(String appender, String file, Outcome outcome, @Nullable Exception failure) {

	/** The file was reopened at its path. */
	public static LogFileReopening reopened(String appender, String file) {
		return new LogFileReopening(appender, file, Outcome.REOPENED, null);
	}

	/**
	 * What a reopening can do.
	 */
	public enum Outcome {

		/** The appender writes to a file freshly opened at its path. */
		REOPENED,

		/** The file at the path is still the one written to, so it was left as it was. */
		UNCHANGED,

		/** The appender cannot reopen its file; it goes on writing to the one it has. */
		NOT_SUPPORTED,

		/** Reopening failed; the appender goes on writing to the file it had. */
		FAILED

	}

}
