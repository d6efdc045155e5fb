package org.slimta.system.autoconfigure.internal;

import org.slimta.system.signal.Signal;

import org.springframework.core.convert.converter.Converter;

/**
 * Reads signal names as users write them ({@code SIGHUP}, {@code hup}, {@code Term}), which
 * Spring's own enum conversion would reject without the {@code SIG} prefix.
 */
public final class StringToSignalConverter implements Converter<String, Signal> {

	@Override
	public Signal convert(String source) {
		return Signal.parse(source);
	}

}
