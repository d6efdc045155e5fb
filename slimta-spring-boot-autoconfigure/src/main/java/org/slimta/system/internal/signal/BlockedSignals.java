package org.slimta.system.internal.signal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The signals a thread blocks, as the kernel reports them in the {@code SigBlk} line of its
 * {@code status} file, and those its process ignores ({@code SigIgn}); read without native calls.
 */
public final class BlockedSignals {

	private BlockedSignals() {
	}

	/**
	 * The signals the calling thread blocks.
	 * @return the signal numbers; empty where {@code /proc} is unavailable
	 */
	public static Set<Integer> ofCurrentThread() {
		try {
			return of(Path.of("/proc/thread-self/status"));
		}
		catch (IOException ex) {
			return Set.of();
		}
	}

	/**
	 * The signals blocked according to a {@code /proc/<pid>/status} or
	 * {@code /proc/<pid>/task/<tid>/status} file.
	 * @param status the file
	 * @return the signal numbers
	 * @throws IOException if the file cannot be read (for example, the thread ended)
	 */
	public static Set<Integer> of(Path status) throws IOException {
		return mask(status, "SigBlk:");
	}

	/**
	 * The signals ignored ({@code SIG_IGN}) according to a {@code /proc/<pid>/status} file.
	 * @param status the file
	 * @return the signal numbers
	 * @throws IOException if the file cannot be read (for example, the process ended)
	 */
	public static Set<Integer> ignored(Path status) throws IOException {
		return mask(status, "SigIgn:");
	}

	private static Set<Integer> mask(Path status, String field) throws IOException {
		for (String line : Files.readAllLines(status)) {
			if (line.startsWith(field)) {
				return decode(line.substring(field.length()).trim());
			}
		}
		throw new IOException("no " + field.substring(0, field.length() - 1) + " line in " + status);
	}

	/**
	 * Decode a signal mask written in hexadecimal, bit {@code n - 1} standing for signal {@code n}.
	 * @param hex the mask, for example {@code 0000000000004003}
	 * @return the signal numbers
	 */
	public static Set<Integer> decode(String hex) {
		Set<Integer> signals = new TreeSet<>();
		for (int digit = 0; digit < hex.length(); digit++) {
			int value = Character.digit(hex.charAt(hex.length() - 1 - digit), 16);
			for (int bit = 0; bit < 4; bit++) {
				if ((value & (1 << bit)) != 0) {
					signals.add(digit * 4 + bit + 1);
				}
			}
		}
		return signals;
	}

}
