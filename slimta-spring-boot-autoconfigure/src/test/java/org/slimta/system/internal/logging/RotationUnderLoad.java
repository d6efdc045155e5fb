package org.slimta.system.internal.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines logged by several threads at once while the log file is moved away and reopened again and
 * again, and the lines found afterwards: for the tests that a reopen loses no line and writes none
 * twice, whatever the logging system.
 */
final class RotationUnderLoad {

	private static final int THREADS = 4;

	private static final int LINES_PER_THREAD = 5_000;

	private RotationUnderLoad() {
	}

	/**
	 * Log from several threads and rotate as long as any of them logs, and at least 20 times.
	 * @param log logs one line
	 * @param rotation moves the file away and reopens it
	 * @return how many lines were logged
	 * @throws Exception if a rotation failed
	 */
	static int logWhileRotating(Consumer<String> log, Rotation rotation) throws Exception {
		List<Thread> writers = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			Thread writer = new Thread(() -> {
				for (int i = 0; i < LINES_PER_THREAD; i++) {
					log.accept(thread + "-" + i);
				}
			});
			writers.add(writer);
			writer.start();
		}
		int rotations = 0;
		while (writers.stream().anyMatch(Thread::isAlive) || rotations < 20) {
			rotations++;
			rotation.rotate(rotations);
		}
		for (Thread writer : writers) {
			writer.join();
		}
		return THREADS * LINES_PER_THREAD;
	}

	/**
	 * The lines of every file in a directory, each of which must be there once.
	 * @param directory the directory
	 * @return the lines
	 * @throws IOException if a file cannot be read
	 */
	static Set<String> linesIn(Path directory) throws IOException {
		Set<String> lines = new HashSet<>();
		List<String> all = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.toList()) {
				all.addAll(Files.readAllLines(file));
			}
		}
		lines.addAll(all);
		assertThat(all).as("no line twice").hasSameSizeAs(lines);
		return lines;
	}

	/** Moves the log file away and reopens it. */
	@FunctionalInterface
	interface Rotation {

		/**
		 * Rotate once.
		 * @param number the rotation's number, from 1
		 * @throws Exception if the file could not be moved or reopened
		 */
		void rotate(int number) throws Exception;

	}

}
