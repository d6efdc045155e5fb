package org.slimta.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the measured application without the starter (a), with it on the jdk backend (b)
 * and with its defaults, signalfd and the relaunch in place (c), and relaunched from the first line
 * of {@code main} (d), in turns a, b, c, d, a, b, c, d… so that the machine's noise spreads over all, and reports start-up time, peak RSS,
 * threads, live heap and the jars the starter adds.
 */
final class StartupAndFootprint {

	private final BenchmarkSetup setup;

	StartupAndFootprint(BenchmarkSetup setup) {
		this.setup = setup;
	}

	void report(MarkdownReport report) throws IOException, InterruptedException {
		Files.createDirectories(this.setup.logs());
		AddedJars added = AddedJars.between(this.setup.plainJar(), this.setup.starterJar(), this.setup.libraries());
		List<StartupCase> cases = List.of(new StartupCase("a", "(a) without the starter", this.setup.plainJar()),
				new StartupCase("b", "(b) starter, `signals.backend=jdk`", this.setup.starterJar(),
						"--slimta.system.signals.backend=jdk"),
				new StartupCase("c", "(c) starter, defaults (signalfd, relaunch in place)", this.setup.starterJar()),
				new StartupCase("d", "(d) as (c), relaunched from the first line of `main` (`EarlySignalPreparation`)",
						this.setup.starterJar(), List.of("-Dloader.main=org.slimta.benchmarks.app.EarlyPreparedBenchmarkApplication",
								"-cp", this.setup.starterJar().toString(), "org.springframework.boot.loader.launch.PropertiesLauncher")));
		StartupCase a = cases.get(0);
		StartupCase c = cases.get(2);
		for (int round = 1; round <= this.setup.effort().startupRuns(); round++) {
			for (StartupCase measured : cases) {
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
						+ this.setup.effort().startupRuns() + " runs each). Start-up is from just before the process is "
						+ "spawned to the first `200` of `GET /actuator/health/ping` (which no health contributor "
						+ "delays), and the CPU time the process used until then (all threads, both JVMs of a "
						+ "relaunch: less sensitive than wall time to what else runs on the machine); then one full "
						+ "`GET /actuator/health` is timed; peak RSS is `VmHWM` from `/proc/<pid>/status` after it. "
						+ "Relaunch is the time from the process's start to the `execve` of the relaunch, as the "
						+ "relaunch records it (`-Dorg.slimta.system.prepared.relaunched-after`, from the kernel's "
						+ "process start time in 10 ms ticks). Median (min–max); ratios of medians.",
				"case", "start-up, ms", "× (a)", "CPU time, ms", "× (a)", "relaunch, ms", "first full health, ms",
				"peak RSS, MiB", "× (a)", "`signals` in health", "target");
		for (StartupCase measured : cases) {
			if (measured.notMeasured != null) {
				report.row(measured.title, measured.notMeasured, "", "", "", "", "", "", "", "", target(measured, null, null));
				continue;
			}
			Sample startup = measured.sample(StartupRun::startup);
			Sample rss = measured.sample(StartupRun::peakRss);
			Sample cpu = measured.sample(StartupRun::cpu);
			boolean relaunched = measured.runs.stream().allMatch((run) -> run.relaunchedAfterMillis != null);
			report.row(measured.title, startup.medianAndRange(0), startup.ratioTo(a.sample(StartupRun::startup)),
					cpu.medianAndRange(0), cpu.ratioTo(a.sample(StartupRun::cpu)),
					relaunched ? measured.sample(StartupRun::relaunchedAfter).medianAndRange(0) : "",
					measured.sample(StartupRun::firstHealth).medianAndRange(0), rss.medianAndRange(1), rss.ratioTo(a.sample(StartupRun::peakRss)),
					(measured == a) ? "" : "`" + measured.signals + "`", target(measured, startup.median() / a.sample(StartupRun::startup).median(),
							cpu.median() / a.sample(StartupRun::cpu).median()));
		}

		FootprintSection.write(report, a, cases.get(1), c, added);
	}

	private void measure(StartupCase measured, int round, AddedJars added) throws IOException, InterruptedException {
		Path log = this.setup.logs().resolve("startup-" + measured.id + "-" + round + ".log");
		try (AppProcess app = AppProcess.start(measured.launch, log, null, measured.args)) {
			StartupRun run = new StartupRun();
			run.startupMillis = app.startupMillis();
			run.cpuMillis = app.cpuMillis();
			// the first full health answer is where the starter's health component first calls the kernel
			long healthStart = System.nanoTime();
			String health = app.health();
			run.firstHealthMillis = (System.nanoTime() - healthStart) / 1e6;
			if (measured.jar.equals(this.setup.starterJar())) {
				measured.signals = AppProcess.detail(health, "signals");
			}
			run.peakRssMebibytes = app.statusMebibytes("VmHWM");
			run.threads = app.threadNames();
			run.relaunchedAfterMillis = app.relaunchedAfterMillis();
			ClassHistogram histogram = app.classHistogram();
			run.liveHeapBytes = histogram.totalBytes();
			run.starterObjectsBytes = histogram.bytesInPackages(added.packages());
			measured.runs.add(run);
			this.setup.progress().printf("startup %s run %d: %.0f ms (CPU %.0f ms), health %.0f ms, VmHWM %.1f MiB, %d threads, live heap %d KiB%n",
					measured.id, round, run.startupMillis, run.cpuMillis, run.firstHealthMillis, run.peakRssMebibytes, run.threads.size(),
					run.liveHeapBytes / 1024);
		}
	}

	// Start-up and CPU time both within the target ratio.
	private static String target(StartupCase measured, Double ratio, Double cpuRatio) {
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

}
