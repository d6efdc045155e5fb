package org.slimta.system.internal.logging;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.signal.ChildProcessLauncher;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.JavaCommand;
import org.slimta.system.testsupport.JavaProcess;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.RotatedLogs;

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

	@Test
	void theLogFileIsReopenedAfterEachRotationAndNoLineIsLost() throws Exception {
		Linux.assumeLinux("signals are sent with kill(2)");
		Duration timeout = Duration.ofSeconds(60);
		Path log = this.directory.resolve("app.log");
		String classPath = log4jClassPath();
		// Without Logback, Spring Boot logs through Log4j2.
		assertThat(classPath).contains("log4j-core").doesNotContain("logback");
		try (JavaProcess process = JavaCommand.mainClass(classPath, TickingApplication.class.getName())
			.options("--enable-native-access=ALL-UNNAMED")
			.arguments("--spring.main.web-application-type=none", "--logging.file.name=" + log)
			.named("log4j-reload")
			.mergeErrors()
			.startedBy(new ChildProcessLauncher()::start)
			.start()) {
			process.await("ticks in " + log, timeout, () -> ticks(log) > 100);
			for (int rotation = 1; rotation <= 3; rotation++) {
				Path moved = this.directory.resolve("app.log." + rotation);
				Files.move(log, moved);
				Posix.get().kill((int) process.pid(), Signal.SIGHUP.number());
				process.await("the reload line in a new " + log, timeout,
						() -> Files.exists(log) && Files.readString(log).contains("Reloaded after SIGHUP"));
				assertThat(Files.readString(log)).contains("log file " + log);
				process.await("ticks in the new " + log, timeout, () -> ticks(log) > 100);
			}
			Posix.get().kill((int) process.pid(), Signal.SIGTERM.number());
			assertThat(process.awaitExit(timeout)).isEqualTo(143);
		}
		SortedMap<Long, Integer> seen = RotatedLogs.numberedLines(log, TICK);
		// Log4j2 reopened the file through a rollover whose file was gone: it archived nothing.
		assertThat(this.directory).isDirectoryNotContaining("glob:**/*.gz");
		assertThat(seen).hasSize(seen.lastKey().intValue())
			.allSatisfy((tick, times) -> assertThat(times).as("tick %d", tick).isOne());
	}

	private static long ticks(Path log) throws IOException {
		if (!Files.exists(log)) {
			return 0;
		}
		return Files.readAllLines(log).stream().filter((line) -> TICK.matcher(line).find()).count();
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

}
