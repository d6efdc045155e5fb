package org.slimta.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the kernel shows of another process under {@code /proc}, for the child-process tests.
 */
final class ProcFiles {

	private ProcFiles() {
	}

	/**
	 * A field of a {@code /proc/<pid>/status} file.
	 * @param status the file
	 * @param name the field with its colon, for example {@code "Umask:"}
	 * @return its value, trimmed
	 */
	static String field(Path status, String name) throws IOException {
		return Files.readAllLines(status)
			.stream()
			.filter((line) -> line.startsWith(name))
			.map((line) -> line.substring(name.length()).trim())
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Wait until a process is gone (ended and reaped), and fail if it is not within 30 seconds.
	 * @param pid the process
	 */
	static void awaitGone(long pid) throws Exception {
		Path proc = Path.of("/proc", Long.toString(pid));
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (Files.exists(proc) && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(proc).as("process %d gone", pid).doesNotExist();
	}

}
