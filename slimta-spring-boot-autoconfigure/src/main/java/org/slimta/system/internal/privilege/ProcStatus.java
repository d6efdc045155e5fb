package org.slimta.system.internal.privilege;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reading a {@code /proc/.../status} file, for {@link ThreadCredentials} and
 * {@link ThreadCapabilities}.
 */
final class ProcStatus {

	private ProcStatus() {
	}

	static String read(Path status) {
		try {
			return Files.readString(status);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String field(List<String> lines, String name) {
		return lines.stream()
			.filter((line) -> line.startsWith(name))
			.map((line) -> line.substring(name.length()).trim())
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no " + name + " line in the status"));
	}

}
