package org.slimta.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;
import org.slimta.system.testsupport.RotatedLogs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "HUP reloads the configuration and reopens the logs", on the packaged sample application run as
 * a real child JVM and checked from outside: an external configuration file edited, a log file
 * moved away as logrotate does, SIGHUP sent, then HTTP, the log files and the health component.
 */
class ReloadIT {

	private static final Pattern LOGGED = Pattern.compile("rotation-([0-9]+)$");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("signals are sent with kill(2)");
	}

	@Test
	void hangupReloadsTheExternalConfigurationFileAsARefreshAndKeepsThePreviousOneWhenItNoLongerParses() throws Exception {
		Path config = writeConfig("greeting: before");
		try (SampleAppProcess app = SampleAppProcess.start(configLocation())) {
			app.awaitHttp();
			assertThat(app.get("/greeting").body()).isEqualTo("before\n");
			writeConfig("greeting: after");
			assertThat(app.get("/greeting").body()).isEqualTo("before\n");
			app.signal(Signal.SIGHUP);
			awaitBody(app, "/greeting", "after\n"::equals);
			awaitBody(app, "/actuator/health", (health) -> reloads(health) == 1);
			Map<String, Object> reload = reloadDetail(app);
			assertThat(reload).containsEntry("count", 1).containsEntry("succeeded", true).containsKey("last");
			assertThat(reload.get("reloaded")).asList().contains("configuration (1 key changed: sample.greeting)");
			assertThat(app.output()).containsPattern("INFO .* Reloaded after SIGHUP from pid "
					+ ProcessHandle.current().pid() + " in [0-9]+ ms: configuration \\(1 key changed: sample.greeting\\)");
			assertThat(config).exists();
			// A refresh, not a second start-up.
			assertThat(app.output().split("are blocked in every thread of pid", -1)).as(app.output()).hasSize(2);
			// The console pattern cuts the thread name to its last 15 characters, the logger name to 40.
			assertThat(app.output().lines().filter((line) -> line.contains("signal-hup]")))
				.noneMatch((line) -> line.contains("EnvironmentPostProcessor"));
			// A file that no longer parses leaves the previous configuration.
			writeConfig("greeting: [unclosed");
			app.signal(Signal.SIGHUP);
			awaitBody(app, "/actuator/health", (health) -> health.contains("\"succeeded\":false"));
			assertThat(app.get("/greeting").body()).isEqualTo("after\n");
			assertThat(app.get("/actuator/health").statusCode()).isEqualTo(200);
			assertThat(reloadDetail(app).get("failures")).asList()
				.singleElement()
				.asString()
				.startsWith("configuration (kept the previous one; fix the file and send SIGHUP again): ")
				.endsWith(this.directory.resolve("application.yml") + ", line 2, column 13: while parsing a flow sequence,"
						+ " expected ',' or ']', but got <stream end> (line 3, column 1)");
			// One line, naming the file, the line and the column: no stack trace.
			List<String> error = app.output()
				.lines()
				.dropWhile((line) -> !line.contains("Reload after SIGHUP"))
				.takeWhile((line) -> !line.contains("Reloaded after SIGHUP"))
				.limit(3)
				.toList();
			assertThat(error).as(app.output()).isNotEmpty();
			assertThat(error.get(0)).matches("(?s).*ERROR .* Reload after SIGHUP from pid [0-9]+ in [0-9]+ ms failed: "
					+ "configuration \\(kept the previous one; fix the file and send SIGHUP again\\): .*"
					+ Pattern.quote(this.directory.resolve("application.yml") + ", line 2, column 13: ") + ".*; reloaded: .*");
			assertThat(error.subList(1, error.size())).as(app.output()).noneMatch((line) -> line.startsWith("\tat ")
					|| line.contains("Exception"));
			// Fixed, the file is read again on the next SIGHUP.
			writeConfig("greeting: fixed");
			app.signal(Signal.SIGHUP);
			awaitBody(app, "/actuator/health", (health) -> reloads(health) == 3);
			assertThat(app.get("/greeting").body()).isEqualTo("fixed\n");
			assertThat(reloadDetail(app)).containsEntry("succeeded", true);
		}
	}

	@Test
	void theLogFileIsReopenedAfterEachRotationAndNoLineIsLost() throws Exception {
		Path log = this.directory.resolve("sample.log");
		try (SampleAppProcess app = SampleAppProcess.start("--logging.file.name=" + log)) {
			app.awaitHttp();
			AtomicBoolean writing = new AtomicBoolean(true);
			AtomicInteger logged = new AtomicInteger();
			List<Throwable> failures = new ArrayList<>();
			// Lines logged all along, while the file is moved and reopened.
			Thread writer = new Thread(() -> {
				try {
					while (writing.get()) {
						int line = logged.get() + 1;
						assertThat(app.post("/log?line=rotation-" + line).statusCode()).isEqualTo(200);
						logged.set(line);
					}
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			});
			writer.start();
			try {
				for (int rotation = 1; rotation <= 3; rotation++) {
					int before = logged.get();
					app.await("lines logged before rotation " + rotation, TIMEOUT, () -> logged.get() > before + 20);
					Path moved = this.directory.resolve("sample.log." + rotation);
					Files.move(log, moved);
					app.signal(Signal.SIGHUP);
					app.await("the reload line in a new " + log, TIMEOUT,
							() -> Files.exists(log) && Files.readString(log).contains("Reloaded after SIGHUP"));
					// Logged once the file was reopened: in the new file, not in the one moved away.
					assertThat(reloadLines(log)).singleElement().asString().endsWith("log file " + log);
					assertThat(reloadLines(moved)).hasSize((rotation == 1) ? 0 : 1);
				}
				int before = logged.get();
				app.await("lines logged after the last rotation", TIMEOUT, () -> logged.get() > before + 20);
			}
			finally {
				writing.set(false);
				writer.join();
			}
			assertThat(failures).isEmpty();
			assertThat(RotatedLogs.numberedLines(log, LOGGED)).hasSize(logged.get())
				.allSatisfy((line, times) -> assertThat(times).as("line %d", line).isOne());
			assertThat(Files.readAllLines(log)).last().asString().endsWith("rotation-" + logged.get());
			// The moved files are closed: only the one at the configured path is open.
			List<Path> open = ProcProcess.of(app.pid()).descriptorTargets().values().stream().map(Path::of).toList();
			assertThat(open).contains(log).noneMatch((path) -> path.getFileName().toString().matches("sample\\.log\\.[0-9]"));
			assertThat(reloadDetail(app)).containsEntry("count", 3).containsEntry("succeeded", true);
		}
	}

	private static List<String> reloadLines(Path file) throws Exception {
		return Files.readAllLines(file).stream().filter((line) -> line.contains("Reloaded after SIGHUP")).toList();
	}

	private String configLocation() {
		return "--spring.config.additional-location=file:" + this.directory + "/";
	}

	private Path writeConfig(String sampleProperties) throws Exception {
		return Files.writeString(this.directory.resolve("application.yml"), "sample:\n  " + sampleProperties + "\n");
	}

	// The reload count, not a thread count of the capabilities detail, which is a "count" too.
	private static int reloads(String health) {
		return JsonPath.<Integer>read(health, "$.components.slimta.details.reload.count");
	}

	private static Map<String, Object> reloadDetail(SampleAppProcess app) throws Exception {
		return JsonPath.read(app.get("/actuator/health").body(), "$.components.slimta.details.reload");
	}

	private static void awaitBody(SampleAppProcess app, String path, Predicate<String> condition) throws Exception {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		String body = "";
		while (System.nanoTime() < deadline) {
			body = app.get(path).body();
			if (condition.test(body)) {
				return;
			}
			Thread.sleep(20);
		}
		throw new TimeoutException("GET " + path + " still answers " + body + "\n" + app.output());
	}

}
