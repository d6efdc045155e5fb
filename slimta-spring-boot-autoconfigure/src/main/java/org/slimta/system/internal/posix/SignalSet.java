package org.slimta.system.internal.posix;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * A C {@code sigset_t} as bytes: signal {@code n} is bit {@code n - 1}, in the little-endian words of
 * glibc on x86_64 and aarch64.
 */
final class SignalSet {

	/** Size of glibc's {@code sigset_t}. */
	static final int SIZE = 128;

	private SignalSet() {
	}

	static byte[] of(Collection<Integer> signals) {
		byte[] set = new byte[SIZE];
		for (int signal : signals) {
			if (signal < 1 || signal > SIZE * 8) {
				throw new IllegalArgumentException("no such signal number: " + signal);
			}
			set[(signal - 1) / 8] |= (byte) (1 << ((signal - 1) % 8));
		}
		return set;
	}

	static Set<Integer> decode(byte[] set) {
		Set<Integer> signals = new TreeSet<>();
		for (int bit = 0; bit < set.length * 8; bit++) {
			if ((set[bit / 8] & (1 << (bit % 8))) != 0) {
				signals.add(bit + 1);
			}
		}
		return signals;
	}

}
