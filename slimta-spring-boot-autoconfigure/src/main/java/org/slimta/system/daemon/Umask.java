package org.slimta.system.daemon;

import org.slimta.system.internal.InvalidValueException;

/**
 * A file mode creation mask, written in octal as for the {@code umask} command.
 *
 * @param bits the permission bits to clear, from {@code 0} to {@code 0777}
 *
 * @since 0.1.0
 */
public record Umask(int bits) {

	private static final String ACCEPTED = "an octal number from 0 to 0777, for example 022 or 027";

	/**
	 * Create a mask.
	 * @param bits the permission bits to clear, from {@code 0} to {@code 0777}
	 */
	public Umask {
		if (bits < 0 || bits > 0777) {
			throw new InvalidValueException(Integer.toOctalString(bits), "umask out of range", ACCEPTED);
		}
	}

	/**
	 * Parse an octal mask such as {@code 022}, {@code 0027} or {@code 0}.
	 * @param octal the mask in octal digits
	 * @return the mask
	 * @throws InvalidValueException if the text is not octal or out of range
	 */
	public static Umask valueOf(String octal) {
		String digits = octal.trim();
		if (!digits.matches("[0-7]+")) {
			throw new InvalidValueException(octal, "'" + octal + "' is not an octal umask", ACCEPTED);
		}
		String significant = digits.replaceFirst("^0+(?=.)", "");
		if (significant.length() > 3) {
			throw new InvalidValueException(octal, "umask '" + octal + "' is larger than 0777", ACCEPTED);
		}
		return new Umask(Integer.parseInt(significant, 8));
	}

	@Override
	public String toString() {
		return String.format("%04o", this.bits);
	}

}
