package org.slimta.system.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deleting a temporary directory with all it holds, so that a test leaves nothing in {@code /tmp}.
 */
public final class TemporaryDirectories {

	private TemporaryDirectories() {
	}

	/**
	 * Delete a directory and everything below it; nothing happens if it is gone already.
	 * @param directory the directory
	 * @throws UncheckedIOException if something in it cannot be deleted
	 */
	public static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
			for (Path path : deepestFirst) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete " + directory, ex);
		}
	}

}
