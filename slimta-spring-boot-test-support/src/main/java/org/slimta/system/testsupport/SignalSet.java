package org.slimta.system.testsupport;

import java.math.BigInteger;
import java.util.Set;
import java.util.TreeSet;

/**
 * The signals of a mask as {@code /proc/<pid>/status} writes it ({@code SigBlk}, {@code SigIgn},
 * {@code SigCgt}, {@code ShdPnd}...): hexadecimal, bit {@code n - 1} standing for signal {@code n}.
 */
public final class SignalSet {

	private SignalSet() {
	}

	/**
	 * The signal numbers of a mask.
	 * @param hex the mask, for example {@code 0000000000004003}
	 * @return the numbers in ascending order, for example 1, 2 and 15
	 */
	public static Set<Integer> decode(String hex) {
		BigInteger mask = new BigInteger(hex.strip(), 16);
		Set<Integer> signals = new TreeSet<>();
		for (int bit = mask.getLowestSetBit(); bit >= 0; bit = mask.getLowestSetBit()) {
			signals.add(bit + 1);
			mask = mask.clearBit(bit);
		}
		return signals;
	}

}
