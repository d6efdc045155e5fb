package org.slimta.system;

/**
 * A value the user supplied, cut to a length a message can quote: a pasted file or a runaway
 * variable in a property still gives a readable failure, not pages of it.
 */
public final class ShortenedValue {

	/** Long enough for any sensible value, short enough that a pasted file does not flood the log. */
	public static final int LENGTH = 60;

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
