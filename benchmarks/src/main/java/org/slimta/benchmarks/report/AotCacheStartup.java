package org.slimta.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.slimta.system.testsupport.JavaCommand;
import org.slimta.system.testsupport.JavaProcess;
import org.slimta.system.testsupport.TemporaryDirectories;

/**
 * Start-up with Spring Boot's recipe for an efficient deployment on JDK 25: the starter's jar
 * extracted ({@code -Djarmode=tools extract}), one AOT cache trained per case
 * ({@code -XX:AOTCacheOutput}, {@code -Dspring.context.exit=onRefresh}), then the starts with
 * {@code -XX:AOTCache} in turns: the defaults (signalfd, the relaunch in place) against
 * {@code signals.backend=jdk}, each with its own cache. Counts the {@code [error]} and
 * {@code [warning]} lines of {@code aot} every start printed: a cache that one of the two JVMs of a
 * relaunch cannot map says so there, and that JVM starts cold.
 */
final class AotCacheStartup {

	private static final Duration TRAINING = Duration.ofMinutes(3);

	private static final double TARGET = 1.10;

	private final BenchmarkSetup setup;

	AotCacheStartup(BenchmarkSetup setup) {
		this.setup = setup;
	}

	void report(MarkdownReport report) throws IOException, InterruptedException {
		String title = "Start-up with an AOT cache (JDK 25)";
		if (Runtime.version().feature() < 25) {
			report.section(title, "Needs JDK 25 (`-XX:AOTCacheOutput`): this run's JDK is " + Runtime.version()
					+ "; run `JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/run aot`.", "case", "start-up, ms");
			return;
		}
		Path directory = this.setup.logs().resolve("aot");
		TemporaryDirectories.delete(directory);
		Files.createDirectories(directory);
		Path jar = extract(directory);
		List<AotCase> cases = List.of(new AotCase("b", "(b) starter, `signals.backend=jdk`, its own cache",
				directory.resolve("b.aot"), "--slimta.system.signals.backend=jdk"),
				new AotCase("c", "(c) starter, defaults (signalfd, relaunch in place), its own cache", directory.resolve("c.aot")));
		for (AotCase measured : cases) {
			train(jar, measured, directory);
		}
		for (int round = 1; round <= this.setup.effort().startupRuns(); round++) {
			for (AotCase measured : cases) {
				measure(jar, measured, round, directory);
			}
		}
		Sample b = Sample.of(cases.get(0).startups);
		report.section(title,
				"The measured application with the starter, extracted with `java -Djarmode=tools -jar "
						+ "benchmarks-starter.jar extract`; for each case one training run (`-XX:AOTCacheOutput=<case>.aot "
						+ "-Dspring.context.exit=onRefresh`, with the case's arguments), then starts with `-XX:AOTCache=<case>.aot` in "
						+ "turns b, c, b, c… (" + this.setup.effort().startupRuns() + " runs each), timed as in the start-up "
						+ "section (spawn to the first `200` of `/actuator/health/ping`). `aot` lines: the `[error]` and "
						+ "`[warning]` lines of `aot` all starts of the case printed. Median (min–max); ratio of medians.",
				"case", "start-up, ms", "× (b)", "`aot` lines", "`signals` in health", "target");
		for (AotCase measured : cases) {
			Sample startup = Sample.of(measured.startups);
			boolean baseline = measured == cases.get(0);
			String target = baseline ? "baseline"
					: String.format(Locale.ROOT, "≤ %.2f, no `aot` line: %s", TARGET,
							UuidThroughput.met(startup.median() / b.median() <= TARGET && measured.aotLines == 0));
			report.row(measured.title, startup.medianAndRange(0), startup.ratioTo(b), Long.toString(measured.aotLines),
					"`" + measured.signals + "`", target);
		}
	}

	private Path extract(Path directory) throws IOException, InterruptedException {
		Path application = directory.resolve("application");
		run(List.of("-Djarmode=tools", "-jar", this.setup.starterJar().toAbsolutePath().toString(), "extract",
				"--destination", application.toString()), directory.resolve("extract.log"));
		return application.resolve(this.setup.starterJar().getFileName());
	}

	private void train(Path jar, AotCase measured, Path directory) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("-XX:AOTCacheOutput=" + measured.cache,
				"-Dspring.context.exit=onRefresh", "-jar", jar.toString(), "--server.port=0"));
		command.addAll(List.of(measured.args));
		run(command, directory.resolve("training-" + measured.id + ".log"));
		if (!Files.isRegularFile(measured.cache)) {
			throw new IOException("the training run of " + measured.id + " wrote no " + measured.cache);
		}
		this.setup.progress().printf("aot %s: trained %s (%d MiB)%n", measured.id, measured.cache.getFileName(),
				Files.size(measured.cache) >> 20);
	}

	private void measure(Path jar, AotCase measured, int round, Path directory) throws IOException, InterruptedException {
		Path log = directory.resolve("start-" + measured.id + "-" + round + ".log");
		try (AppProcess app = AppProcess.start(List.of("-XX:AOTCache=" + measured.cache, "-jar", jar.toString()), log, null,
				measured.args)) {
			measured.startups.add(app.startupMillis());
			measured.signals = AppProcess.detail(app.health(), "signals");
		}
		long aotLines;
		try (Stream<String> lines = Files.lines(log)) {
			aotLines = lines.filter((line) -> line.contains("[error][aot]") || line.contains("[warning][aot]")).count();
		}
		measured.aotLines += aotLines;
		this.setup.progress().printf("aot %s run %d: %.0f ms, %d aot lines%n", measured.id, round,
				measured.startups.get(measured.startups.size() - 1), aotLines);
	}

	private static void run(List<String> launch, Path log) throws IOException, InterruptedException {
		try (JavaProcess process = JavaCommand.launch(launch).outputTo(log).start()) {
			OptionalInt status = process.exitStatusWithin(TRAINING);
			if (status.isEmpty() || status.getAsInt() != 0) {
				throw new IOException(String.join(" ", launch) + (status.isEmpty() ? " still ran after " + TRAINING
						: " ended with status " + status.getAsInt()) + "; see " + log);
			}
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// JavaProcess.close() declares Exception.
			throw new IOException(ex);
		}
	}

	private static final class AotCase {

		final String id;

		final String title;

		final Path cache;

		final String[] args;

		final List<Double> startups = new ArrayList<>();

		long aotLines;

		String signals;

		AotCase(String id, String title, Path cache, String... args) {
			this.id = id;
			this.title = title;
			this.cache = cache;
			this.args = args;
		}

	}

}
