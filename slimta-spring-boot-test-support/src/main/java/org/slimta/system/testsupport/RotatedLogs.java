package org.slimta.system.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A log file and the files logrotate, or the logging system, moved it to, read together: for the
 * tests that a reopen after each rotation loses no line and writes none twice.
 */
public final class RotatedLogs {

	private RotatedLogs() {
	}

	/**
	 * How many times each numbered line was written, in the log file and in every file of its
	 * directory whose name starts with the log file's name ({@code app.log.1}, {@code app.log.2.gz}).
	 * @param log the log file at its configured path
	 * @param numbered what a numbered line holds, the number in its first group
	 * @return the times each number was written, by number
	 * @throws IOException if a file cannot be read
	 */
	public static SortedMap<Long, Integer> numberedLines(Path log, Pattern numbered) throws IOException {
		String name = log.getFileName().toString();
		SortedMap<Long, Integer> seen = new TreeMap<>();
		try (Stream<Path> files = Files.list(log.toAbsolutePath().getParent())) {
			for (Path file : files.filter((file) -> file.getFileName().toString().startsWith(name)).toList()) {
				for (String line : lines(file)) {
					Matcher matcher = numbered.matcher(line);
					if (matcher.find()) {
						seen.merge(Long.parseLong(matcher.group(1)), 1, Integer::sum);
					}
				}
			}
		}
		return seen;
	}

	private static List<String> lines(Path file) throws IOException {
		if (!file.getFileName().toString().endsWith(".gz")) {
			return Files.readAllLines(file);
		}
		try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
	}

}
