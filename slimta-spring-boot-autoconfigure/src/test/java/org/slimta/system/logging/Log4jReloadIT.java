package org.slimta.system.logging;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.posix.Posix;
import org.slimta.system.signal.ChildProcessLauncher;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.Linux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "HUP reopens the logs" with Log4j2 as the logging system: {@link TickingApplication} as a real
 * child JVM whose class path has Log4j2 instead of Logback, its {@code logging.file.name} moved
 * away three times as logrotate does, each time followed by SIGHUP.
 */
class Log4jReloadIT {

	private static final Pattern TICK = Pattern.compile("tick ([0-9]+)$");

	@TempDir
	Path directory;

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("signals are sent with kill(2)");
	}

	@Test
	void theLogFileIsReopenedAfterEachRotationAndNoLineIsLost() throws Exception {
		Path log = this.directory.resolve("app.log");
		Path output = this.directory.resolve("output.txt");
		String classPath = log4jClassPath();
		// Without Logback, Spring Boot logs through Log4j2.
		assertThat(classPath).contains("log4j-core").doesNotContain("logback");
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"--enable-native-access=ALL-UNNAMED", "-cp", classPath, TickingApplication.class.getName(),
				"--spring.main.web-application-type=none", "--logging.file.name=" + log);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		Process process = new ChildProcessLauncher().start(builder);
		try {
			await(() -> ticks(log) > 100, "ticks in " + log, output);
			for (int rotation = 1; rotation <= 3; rotation++) {
				Path moved = this.directory.resolve("app.log." + rotation);
				Files.move(log, moved);
				Posix.get().kill((int) process.pid(), Signal.SIGHUP.number());
				await(() -> Files.exists(log) && Files.readString(log).contains("Reloaded after SIGHUP"),
						"the reload line in a new " + log, output);
				assertThat(Files.readString(log)).contains("log file " + log);
				await(() -> ticks(log) > 100, "ticks in the new " + log, output);
			}
			Posix.get().kill((int) process.pid(), Signal.SIGTERM.number());
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(output)).isTrue();
			assertThat(process.exitValue()).isEqualTo(143);
		}
		finally {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		Map<Long, Integer> seen = new TreeMap<>();
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.filter((file) -> file.getFileName().toString().startsWith("app.log")).toList()) {
				for (String line : lines(file)) {
					Matcher matcher = TICK.matcher(line);
					if (matcher.find()) {
						seen.merge(Long.parseLong(matcher.group(1)), 1, Integer::sum);
					}
				}
			}
		}
		// Log4j2 reopened the file through a rollover whose file was gone: it archived nothing.
		assertThat(this.directory).isDirectoryNotContaining("glob:**/*.gz");
		long last = ((TreeMap<Long, Integer>) seen).lastKey();
		assertThat(seen).hasSize((int) last).allSatisfy((tick, times) -> assertThat(times).as("tick %d", tick).isOne());
	}

	private static long ticks(Path log) throws IOException {
		if (!Files.exists(log)) {
			return 0;
		}
		return Files.readAllLines(log).stream().filter((line) -> TICK.matcher(line).find()).count();
	}

	private static List<String> lines(Path file) throws IOException {
		if (!file.getFileName().toString().endsWith(".gz")) {
			return Files.readAllLines(file);
		}
		try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
	}

	// This module's test class path with Log4j2 as the only logging system, as spring-boot-starter-log4j2 gives.
	private static String log4jClassPath() {
		String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> entries = new ArrayList<>();
		for (String entry : testClassPath.split(File.pathSeparator)) {
			String name = Path.of(entry).getFileName().toString();
			if (!name.startsWith("logback-") && !name.startsWith("log4j-to-slf4j")) {
				entries.add(entry);
			}
		}
		return String.join(File.pathSeparator, entries);
	}

	private static void await(Condition condition, String what, Path output) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.holds()) {
				return;
			}
			Thread.sleep(20);
		}
		throw new TimeoutException("no " + what + " within 60 s:\n" + Files.readString(output));
	}

	@FunctionalInterface
	private interface Condition {

		boolean holds() throws Exception;

	}

}
