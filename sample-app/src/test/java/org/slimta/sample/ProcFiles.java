package org.slimta.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
	 * The environment of a process, from {@code /proc/<pid>/environ}.
	 * @param pid the process
	 * @return its variables
	 */
	static Map<String, String> environment(long pid) throws IOException {
		byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
		Map<String, String> environment = new HashMap<>();
		Arrays.stream(new String(environ, StandardCharsets.UTF_8).split("\0"))
			.filter((entry) -> entry.indexOf('=') > 0)
			.forEach((entry) -> environment.put(entry.substring(0, entry.indexOf('=')),
					entry.substring(entry.indexOf('=') + 1)));
		return environment;
	}

	/**
	 * The kernel's name of each thread of a process (15 characters at most), from
	 * {@code /proc/<pid>/task/<tid>/comm}.
	 * @param pid the process
	 * @return the names
	 */
	static List<String> threadNames(long pid) throws IOException {
		List<String> names = new ArrayList<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks.toList()) {
				try {
					names.add(Files.readString(task.resolve("comm")).strip());
				}
				catch (IOException ex) {
					// The thread ended while listed.
				}
			}
		}
		return names;
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
