package org.slimta.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slimta.system.internal.posix.Posix;
import org.slimta.system.signal.Signal;

/**
 * Time from {@code kill(pid, SIGTERM)} to the exit of the idle application with the starter, per
 * signal backend: signalfd (the defaults, relaunch in place) against jdk, in turns,
 * {@link Effort#exitRuns()} times each. Every run must end with status 143 (128 + SIGTERM).
 */
final class ExitOnSigterm {

	private static final List<String> BACKENDS = List.of("signalfd", "jdk");

	private static final int EXPECTED_STATUS = 128 + Signal.SIGTERM.number();

	private static final Duration IDLE_WINDOW = Duration.ofMillis(500);

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

	private final BenchmarkSetup setup;

	ExitOnSigterm(BenchmarkSetup setup) {
		this.setup = setup;
	}

	void report(MarkdownReport report) throws IOException, InterruptedException {
		Files.createDirectories(this.setup.logs());
		Map<String, List<Double>> runs = new LinkedHashMap<>();
		BACKENDS.forEach((backend) -> runs.put(backend, new ArrayList<>()));
		for (int round = 1; round <= this.setup.effort().exitRuns(); round++) {
			for (String backend : BACKENDS) {
				double millis = measure(backend, round);
				runs.get(backend).add(millis);
				this.setup.progress().printf("exit %s run %d: %.1f ms%n", backend, round, millis);
			}
		}
		report.section("Exit on SIGTERM",
				"The jar with the starter, started with `java -jar` on a free loopback port, in turns signalfd (its "
						+ "defaults, relaunch in place) and jdk (`--slimta.system.signals.backend=jdk`), "
						+ this.setup.effort().exitRuns() + " runs each. Once it answers `GET /actuator/health/ping`, reports "
						+ "the backend in `/actuator/health` and is idle (at most one clock tick of CPU time in "
						+ IDLE_WINDOW.toMillis() + " ms), the driver takes `System.nanoTime()` just before "
						+ "`kill(pid, SIGTERM)` and again when `Process.waitFor()` returns; every run must exit with "
						+ "status " + EXPECTED_STATUS + " (128 + 15), any other status stops the benchmark. "
						+ "Milliseconds; ratio of medians; within noise: a ratio above 1.00 with signalfd's median "
						+ "inside jdk's interquartile range.",
				"backend", "`kill` → exit, ms: median (IQR)", "min–max", "× jdk", "target");
		Sample jdk = Sample.of(runs.get("jdk"));
		Sample signalfd = Sample.of(runs.get("signalfd"));
		report.row("`jdk`", jdk.medianAndQuartiles(1), range(jdk), "1.00", "baseline");
		report.row("`signalfd`", signalfd.medianAndQuartiles(1), range(signalfd), signalfd.ratioTo(jdk),
				"≤ 1.00 (no slower than jdk): " + verdict(signalfd, jdk));
	}

	private static String range(Sample sample) {
		return Sample.format(sample.min(), 1) + "–" + Sample.format(sample.max(), 1);
	}

	/** Met at a ratio up to 1; within noise while signalfd's median stays below jdk's upper quartile. */
	private static String verdict(Sample signalfd, Sample jdk) {
		if (signalfd.median() <= jdk.median()) {
			return UuidThroughput.met(true);
		}
		return (signalfd.median() <= jdk.quantile(0.75)) ? "**within noise**" : UuidThroughput.met(false);
	}

	/** One start, idle, SIGTERM and exit: milliseconds from {@code kill} to the reaped exit. */
	private double measure(String backend, int round) throws IOException, InterruptedException {
		Path log = this.setup.logs().resolve("exit-" + backend + "-" + round + ".log");
		String[] args = backend.equals("jdk") ? new String[] { "--slimta.system.signals.backend=jdk" } : new String[0];
		try (AppProcess app = AppProcess.start(this.setup.starterJar(), log, null, args)) {
			String reported = app.healthDetail("signals");
			if (!backend.equals(reported)) {
				throw new IOException("asked for the " + backend + " backend, the application reports signals="
						+ reported + "; see " + log);
			}
			if (!app.awaitIdle(IDLE_WINDOW, IDLE_TIMEOUT)) {
				throw new IOException("the application (" + backend + ") was still using CPU "
						+ IDLE_TIMEOUT.toSeconds() + " s after it answered; see " + log);
			}
			int pid = (int) app.pid();
			Posix posix = Posix.get();
			// signal 0 checks the process is there and leaves no first-call cost inside the measure
			posix.kill(pid, 0);
			long sent = System.nanoTime();
			posix.kill(pid, Signal.SIGTERM.number());
			int status = app.awaitExit(EXIT_TIMEOUT);
			long exited = System.nanoTime();
			if (status == -1) {
				throw new IOException("the application (" + backend + ") still ran " + EXIT_TIMEOUT.toSeconds()
						+ " s after SIGTERM; see " + log);
			}
			if (status != EXPECTED_STATUS) {
				throw new IOException("the application (" + backend + ") exited with status " + status
						+ " after SIGTERM, expected " + EXPECTED_STATUS + "; see " + log);
			}
			return (exited - sent) / 1e6;
		}
	}

}
