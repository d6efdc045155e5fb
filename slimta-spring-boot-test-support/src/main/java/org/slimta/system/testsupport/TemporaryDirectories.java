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

	/**
	 * Delete the files HotSpot keeps for a JVM in {@code /tmp} (not in {@code java.io.tmpdir}):
	 * the attach socket {@code .java_pid<pid>}, a client's {@code .attach_pid<pid>} and the
	 * performance data file {@code hsperfdata_<user>/<pid>}. A JVM removes them when it exits; one
	 * that was killed does not. Call it only once the JVM has ended: its pid may be reused.
	 * @param pid the ended JVM's pid
	 * @throws UncheckedIOException if a file that is there cannot be deleted
	 */
	public static void deleteJvmFiles(long pid) {
		Path tmp = Path.of("/tmp");
		try {
			Files.deleteIfExists(tmp.resolve(".java_pid" + pid));
			Files.deleteIfExists(tmp.resolve(".attach_pid" + pid));
			try (Stream<Path> perfData = Files.list(tmp)) {
				for (Path directory : perfData.filter((path) -> path.getFileName().toString().startsWith("hsperfdata_"))
					.toList()) {
					Files.deleteIfExists(directory.resolve(Long.toString(pid)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete the files of JVM " + pid + " in " + tmp, ex);
		}
	}

}
