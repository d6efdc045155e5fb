package org.slimta.system.autoconfigure.internal;

import org.slimta.system.internal.InvalidValueException;
import org.slimta.system.daemon.Umask;

import org.springframework.core.convert.converter.Converter;

/**
 * Refuses a umask that YAML already turned into a number: YAML reads {@code 022} as 18 and
 * {@code 27} as twenty-seven, so the digits the user meant cannot be recovered. Only 0 is clear.
 */
public final class NumberToUmaskConverter implements Converter<Integer, Umask> {

	@Override
	public Umask convert(Integer source) {
		if (source == 0) {
			return new Umask(0);
		}
		throw new InvalidValueException(source.toString(),
				"YAML read this umask as the number " + source + ", not as octal digits",
				"an octal number in quotes, for example umask: \"027\"");
	}

}
