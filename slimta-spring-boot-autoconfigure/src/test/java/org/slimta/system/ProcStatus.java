package org.slimta.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the kernel says about this process in {@code /proc/self/status}: the independent check
 * for what the native calls report.
 */
public final class ProcStatus {

	private ProcStatus() {
	}

	/**
	 * The effective id from a {@code Uid:} or {@code Gid:} line (real, effective, saved, filesystem).
	 * @param field {@code "Uid:"} or {@code "Gid:"}
	 * @return the effective id
	 */
	public static int effectiveId(String field) {
		try {
			return Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter((line) -> line.startsWith(field))
				.map((line) -> Integer.parseInt(line.split("\\s+")[2]))
				.findFirst()
				.orElseThrow();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
