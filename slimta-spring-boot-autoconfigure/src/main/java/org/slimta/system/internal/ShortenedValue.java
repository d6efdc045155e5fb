package org.slimta.system.internal;

import java.nio.file.Path;

/**
 * A value the user supplied, cut to a length a message can quote: a pasted file or a runaway
 * variable in a property still gives a readable failure, not pages of it.
 */
public final class ShortenedValue {

	/** Long enough for any sensible value, short enough that a pasted file does not flood the log. */
	public static final int LENGTH = 60;

	/** Long enough for any path one would type, a generated temporary one included. */
	public static final int PATH_LENGTH = 200;

	private ShortenedValue() {
	}

	/**
	 * The value itself if it has at most {@value #LENGTH} characters, else its first {@value #LENGTH}
	 * and an ellipsis.
	 * @param value the value, as given
	 * @return the value to quote
	 */
	public static String of(String value) {
		return of(value, LENGTH);
	}

	/**
	 * The path as text if it has at most {@value #PATH_LENGTH} characters, else its first
	 * {@value #PATH_LENGTH} and an ellipsis.
	 * @param path the path, as given
	 * @return the path to quote
	 */
	public static String of(Path path) {
		return of(path.toString(), PATH_LENGTH);
	}

	/**
	 * The text itself if it has at most {@code length} characters (code points), else its first
	 * {@code length} and an ellipsis.
	 * @param text the text
	 * @param length the most characters to keep
	 * @return the text to quote
	 */
	public static String of(String text, int length) {
		if (text.codePointCount(0, text.length()) <= length) {
			return text;
		}
		return text.substring(0, text.offsetByCodePoints(0, length)) + "…";
	}

}
