package org.slimta.benchmarks.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Starts the measured application without the starter (a), with it on the jdk backend (b)
 * and with its defaults, signalfd and the relaunch in place (c), and relaunched from the first line
 * of {@code main} (d), in turns a, b, c, d, a, b, c, d… so that the machine's noise spreads over all, and reports start-up time, peak RSS,
 * threads, live heap and the jars the starter adds.
 */
final class StartupAndFootprint {

	private final Path plainJar;

	private final Path starterJar;

	private final Path libraries;

	private final Path logs;

	private final Effort effort;

	private final PrintStream progress;

	StartupAndFootprint(Path target, Effort effort, PrintStream progress) {
		this.plainJar = target.resolve("benchmarks-plain.jar");
		this.starterJar = target.resolve("benchmarks-starter.jar");
		this.libraries = target.resolve("lib");
		this.logs = target.resolve("benchmark-logs");
		this.effort = effort;
		this.progress = progress;
	}

	void report(MarkdownReport report) throws IOException, InterruptedException {
		Files.createDirectories(this.logs);
		AddedJars added = AddedJars.between(this.plainJar, this.starterJar, this.libraries);
		List<Case> cases = List.of(new Case("a", "(a) without the starter", this.plainJar),
				new Case("b", "(b) starter, `signals.backend=jdk`", this.starterJar,
						"--slimta.system.signals.backend=jdk"),
				new Case("c", "(c) starter, defaults (signalfd, relaunch in place)", this.starterJar),
				new Case("d", "(d) as (c), relaunched from the first line of `main` (`EarlySignalPreparation`)",
						this.starterJar, List.of("-Dloader.main=org.slimta.benchmarks.app.EarlyPreparedBenchmarkApplication",
								"-cp", this.starterJar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher")));
		Case a = cases.get(0);
		Case c = cases.get(2);
		for (int round = 1; round <= this.effort.startupRuns(); round++) {
			for (Case measured : cases) {
				if (measured.notMeasured == null) {
					measure(measured, round, added);
				}
			}
			if (c.notMeasured == null && !"signalfd".equals(c.signals)) {
				c.notMeasured = "not measured yet: with default settings the application reports `signals="
						+ c.signals + "`; the signalfd reader and the relaunch are not on this branch";
				c.runs.clear();
			}
		}

		report.section("Start-up",
				"The same web application (webmvc + actuator) as two executable jars that differ only by the "
						+ "starter, started with `java -jar` (d: through `PropertiesLauncher` with its own main class) on a "
						+ "free loopback port, in turns a, b, c, d, a, b, c, d… ("
						+ this.effort.startupRuns() + " runs each). Start-up is from just before the process is "
						+ "spawned to the first `200` of `GET /actuator/health/ping` (which no health contributor "
						+ "delays), and the CPU time the process used until then (all threads, both JVMs of a "
						+ "relaunch: less sensitive than wall time to what else runs on the machine); then one full "
						+ "`GET /actuator/health` is timed; peak RSS is `VmHWM` from `/proc/<pid>/status` after it. "
						+ "Relaunch is the time from the process's start to the `execve` of the relaunch, as the "
						+ "relaunch records it (`-Dorg.slimta.system.prepared.relaunched-after`, from the kernel's "
						+ "process start time in 10 ms ticks). Median (min–max); ratios of medians.",
				"case", "start-up, ms", "× (a)", "CPU time, ms", "× (a)", "relaunch, ms", "first full health, ms",
				"peak RSS, MiB", "× (a)", "`signals` in health", "target");
		for (Case measured : cases) {
			if (measured.notMeasured != null) {
				report.row(measured.title, measured.notMeasured, "", "", "", "", "", "", "", "", target(measured, null, null));
				continue;
			}
			Sample startup = measured.sample(Run::startup);
			Sample rss = measured.sample(Run::peakRss);
			Sample cpu = measured.sample(Run::cpu);
			boolean relaunched = measured.runs.stream().allMatch((run) -> run.relaunchedAfterMillis != null);
			report.row(measured.title, startup.medianAndRange(0), startup.ratioTo(a.sample(Run::startup)),
					cpu.medianAndRange(0), cpu.ratioTo(a.sample(Run::cpu)),
					relaunched ? measured.sample(Run::relaunchedAfter).medianAndRange(0) : "",
					measured.sample(Run::firstHealth).medianAndRange(0), rss.medianAndRange(1), rss.ratioTo(a.sample(Run::peakRss)),
					(measured == a) ? "" : "`" + measured.signals + "`", target(measured, startup.median() / a.sample(Run::startup).median(),
							cpu.median() / a.sample(Run::cpu).median()));
		}

		report.section("Footprint",
				"From the same runs, after the full health answer: live heap after a full collection (`jcmd <pid> "
						+ "GC.class_histogram`), the part of it in objects of the starter's classes (every package "
						+ "of the jars it adds), and the threads (`/proc/<pid>/task/*/comm`). Median (min–max).",
				"figure", "(a) without the starter", "(b) jdk backend", "(c) defaults", "target");
		Sample heapA = a.sample(Run::liveHeapKibibytes);
		report.row("live heap, KiB; difference of medians to (a)", heapA.medianAndRange(0), heapCell(cases.get(1), heapA),
				heapCell(c, heapA), "< +1024 KiB: " + UuidThroughput.met(withinHeapTarget(cases.get(1), heapA)
						&& withinHeapTarget(c, heapA)));
		report.row("of which objects of the starter's classes, KiB",
				a.sample(Run::starterObjectsKibibytes).medianAndRange(1), starterObjectsCell(cases.get(1)),
				starterObjectsCell(c), "");
		Sample threadsA = a.sample(Run::threadCount);
		report.row("threads", threadsA.medianAndRange(0), threadsCell(cases.get(1), a), threadsCell(c, a),
				"+1 at most: " + UuidThroughput.met(addedThreads(cases.get(1), a) <= 1 && addedThreads(c, a) <= 1));

		report.row("jars added to the application", "", formatJars(added), "same as (b)", "");
	}

	private void measure(Case measured, int round, AddedJars added) throws IOException, InterruptedException {
		Path log = this.logs.resolve("startup-" + measured.id + "-" + round + ".log");
		try (AppProcess app = AppProcess.start(measured.launch, log, null, measured.args)) {
			Run run = new Run();
			run.startupMillis = app.startupMillis();
			run.cpuMillis = app.cpuMillis();
			// the first full health answer is where the starter's health component first calls the kernel
			long healthStart = System.nanoTime();
			String health = app.health();
			run.firstHealthMillis = (System.nanoTime() - healthStart) / 1e6;
			if (measured.jar.equals(this.starterJar)) {
				measured.signals = AppProcess.detail(health, "signals");
			}
			run.peakRssMebibytes = app.statusMebibytes("VmHWM");
			run.threads = app.threadNames();
			run.relaunchedAfterMillis = app.relaunchedAfterMillis();
			ClassHistogram histogram = app.classHistogram();
			run.liveHeapBytes = histogram.totalBytes();
			run.starterObjectsBytes = histogram.bytesInPackages(added.packages());
			measured.runs.add(run);
			this.progress.printf("startup %s run %d: %.0f ms (CPU %.0f ms), health %.0f ms, VmHWM %.1f MiB, %d threads, live heap %d KiB%n",
					measured.id, round, run.startupMillis, run.cpuMillis, run.firstHealthMillis, run.peakRssMebibytes, run.threads.size(),
					run.liveHeapBytes / 1024);
		}
	}

	// Start-up and CPU time both within the target ratio.
	private static String target(Case measured, Double ratio, Double cpuRatio) {
		double limit = switch (measured.id) {
			case "b", "d" -> 1.05;
			case "c" -> 1.10;
			default -> 0;
		};
		if (limit == 0) {
			return "baseline";
		}
		String target = String.format(java.util.Locale.ROOT, "≤ %.2f", limit);
		return (ratio != null) ? target + ": " + UuidThroughput.met(ratio <= limit && cpuRatio <= limit) : target;
	}

	private static String heapCell(Case measured, Sample heapA) {
		if (measured.notMeasured != null) {
			return "not measured yet";
		}
		Sample heap = measured.sample(Run::liveHeapKibibytes);
		return heap.medianAndRange(0) + "; " + signed(heap.median() - heapA.median()) + " KiB";
	}

	private static String starterObjectsCell(Case measured) {
		return (measured.notMeasured != null) ? "not measured yet"
				: measured.sample(Run::starterObjectsKibibytes).medianAndRange(1);
	}

	private static boolean withinHeapTarget(Case measured, Sample heapA) {
		return measured.notMeasured != null || measured.sample(Run::liveHeapKibibytes).median() - heapA.median() < 1024;
	}

	private static String threadsCell(Case measured, Case a) {
		if (measured.notMeasured != null) {
			return "not measured yet";
		}
		Map<String, Double> extra = threadDifference(measured, a);
		Map<String, Double> missing = threadDifference(a, measured);
		return measured.sample(Run::threadCount).medianAndRange(0) + "; added: " + threadNames(extra)
				+ (missing.isEmpty() ? "" : "; in place of: " + threadNames(missing));
	}

	private static String threadNames(Map<String, Double> counts) {
		return counts.isEmpty() ? "none"
				: counts.entrySet()
					.stream()
					.map((e) -> "`" + e.getKey() + "`" + ((e.getValue() != 1) ? " ×" + e.getValue() : ""))
					.collect(Collectors.joining(", "));
	}

	// Threads more than without the starter (-Xrs starts the Attach Listener in place of the Signal Dispatcher).
	private static int addedThreads(Case measured, Case a) {
		return (measured.notMeasured != null) ? 0
				: (int) Math.ceil(measured.sample(Run::threadCount).median() - a.sample(Run::threadCount).median());
	}

	/** Thread names whose median count per run is higher in one case than in another, and by how much. */
	private static Map<String, Double> threadDifference(Case measured, Case other) {
		TreeSet<String> names = new TreeSet<>();
		measured.runs.forEach((run) -> names.addAll(run.threads));
		Map<String, Double> extra = new LinkedHashMap<>();
		for (String name : names) {
			double more = measured.countOf(name) - other.countOf(name);
			if (more > 0) {
				extra.put(name, more);
			}
		}
		return extra;
	}

	private static String formatJars(AddedJars added) {
		return String.format(java.util.Locale.ROOT, "%.2f MiB in %d jars: ", added.totalBytes() / 1048576.0,
				added.sizes().size())
				+ added.sizes()
					.entrySet()
					.stream()
					.map((e) -> e.getKey() + " " + (e.getValue() + 512) / 1024 + " KiB")
					.collect(Collectors.joining(", "));
	}

	private static String signed(double value) {
		return ((value >= 0) ? "+" : "") + Sample.format(value, 0);
	}

	private static final class Case {

		final String id;

		final String title;

		final Path jar;

		final List<String> launch;

		final String[] args;

		final List<Run> runs = new ArrayList<>();

		String signals;

		String notMeasured;

		Case(String id, String title, Path jar, String... args) {
			this(id, title, jar, List.of("-jar", jar.toString()), args);
		}

		Case(String id, String title, Path jar, List<String> launch, String... args) {
			this.id = id;
			this.title = title;
			this.jar = jar;
			this.launch = launch;
			this.args = args;
		}

		Sample sample(Function<Run, Double> figure) {
			return Sample.of(this.runs.stream().map(figure).toList());
		}

		double countOf(String threadName) {
			return sample((run) -> (double) run.threads.stream().filter(threadName::equals).count()).median();
		}

	}

	private static final class Run {

		double startupMillis;

		double cpuMillis;

		double firstHealthMillis;

		double peakRssMebibytes;

		List<String> threads;

		Double relaunchedAfterMillis;

		long liveHeapBytes;

		long starterObjectsBytes;

		Double startup() {
			return this.startupMillis;
		}

		Double cpu() {
			return this.cpuMillis;
		}

		Double firstHealth() {
			return this.firstHealthMillis;
		}

		Double peakRss() {
			return this.peakRssMebibytes;
		}

		Double relaunchedAfter() {
			return this.relaunchedAfterMillis;
		}

		Double threadCount() {
			return (double) this.threads.size();
		}

		Double liveHeapKibibytes() {
			return this.liveHeapBytes / 1024.0;
		}

		Double starterObjectsKibibytes() {
			return this.starterObjectsBytes / 1024.0;
		}

	}

}
