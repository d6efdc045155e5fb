package org.slimta.benchmarks.report;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slimta.benchmarks.app.SignalProbe;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.signal.Signal;

/**
 * Latency from {@code kill} to a plain {@code @EventListener} of {@code SignalEvent}, per
 * signal backend: the driver takes {@code System.nanoTime()} just before {@code kill(2)}, the
 * application's listener takes it on entry and prints it; both read CLOCK_MONOTONIC. signalfd is
 * measured with each implementation of the native calls the JDK can run: the foreign function API
 * (the default on JDK 22+) and jnr ({@code -Dorg.slimta.system.native=jnr}, the only one before).
 */
final class SignalLatency {

	private static final Signal SIGNAL = Signal.SIGHUP;

	private static final List<Variant> VARIANTS = List.of(new Variant("jdk", "jdk", null, List.of()),
			new Variant("signalfd (ffm)", "signalfd", "ffm", List.of()),
			new Variant("signalfd (jnr)", "signalfd", "jnr", List.of("-Dorg.slimta.system.native=jnr")));

	private final BenchmarkSetup setup;

	SignalLatency(BenchmarkSetup setup) {
		this.setup = setup;
	}

	void report(MarkdownReport report) throws IOException, InterruptedException {
		Map<String, Object> results = new LinkedHashMap<>();
		for (Variant variant : VARIANTS) {
			boolean foreign = "ffm".equals(variant.implementation());
			// The application runs on the driver's JDK (java.home); before 22 its default is jnr.
			results.put(variant.label(), (foreign && Runtime.version().feature() < 22)
					? "not measured: the foreign function API needs JDK 22+, this is " + Runtime.version().feature()
					: measure(variant));
		}
		report.section("Signals",
				"Latency from `kill(pid, SIGHUP)` in the driver to the entry of a plain `@EventListener void "
						+ "on(SignalEvent)` in the application with the starter, " + this.setup.effort().signals()
						+ " signals one at a time after " + this.setup.effort().warmupSignals() + " not counted; both "
						+ "ends read `System.nanoTime()` (CLOCK_MONOTONIC). signalfd with the native calls through "
						+ "`java.lang.foreign` (ffm, the default on JDK 22+) and through jnr "
						+ "(`-Dorg.slimta.system.native=jnr` given to the application). Microseconds.",
				"backend", "median (IQR)", "99th percentile", "max", "× jdk (median, p99)", "target");
		Sample jdk = (results.get("jdk") instanceof Sample sample) ? sample : null;
		for (Variant variant : VARIANTS) {
			Object result = results.get(variant.label());
			boolean signalfd = variant.backend().equals("signalfd");
			String target = signalfd ? "p99 < 1000 µs and ≤ jdk's" : "baseline";
			if (!(result instanceof Sample latency)) {
				report.row("`" + variant.label() + "`", (String) result, "", "", "", target);
				continue;
			}
			String ratio = (jdk != null) ? latency.ratioTo(jdk) + ", "
					+ Sample.format(latency.quantile(0.99) / jdk.quantile(0.99), 2) : "";
			if (signalfd) {
				boolean met = latency.quantile(0.99) < 1000 && (jdk == null || latency.quantile(0.99) <= jdk.quantile(0.99));
				target += ": " + UuidThroughput.met(met);
			}
			report.row("`" + variant.label() + "`", latency.medianAndQuartiles(0), Sample.format(latency.quantile(0.99), 0),
					Sample.format(latency.max(), 0), ratio, target);
		}
	}

	/** The latencies in µs, or the reason they were not measured. */
	private Object measure(Variant variant) throws IOException, InterruptedException {
		String backend = variant.backend();
		List<String> launch = new ArrayList<>(variant.jvmOptions());
		launch.add("-jar");
		launch.add(this.setup.starterJar().toString());
		BlockingQueue<Long> received = new LinkedBlockingQueue<>();
		Deque<String> lastLines = new ArrayDeque<>();
		try (AppProcess app = AppProcess.start(launch, null, (line) -> {
			if (line.startsWith(SignalProbe.PREFIX)) {
				received.add(Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)));
			}
			else {
				synchronized (lastLines) {
					lastLines.addLast(line);
					if (lastLines.size() > 20) {
						lastLines.removeFirst();
					}
				}
			}
		}, "--benchmarks.signal-probe=true", "--slimta.system.signals.backend=" + backend,
				"--slimta.system.signals.handled=" + SIGNAL + ",SIGINT,SIGTERM")) {
			String reported = app.healthDetail("signals");
			if (!backend.equals(reported)) {
				// without a reader a SIGHUP would end the JVM: do not send any
				return "not measured yet: asked for `" + backend + "`, the application reports `signals="
						+ reported + "` (the signals feature is not on this branch)";
			}
			String implementation = app.healthDetail("native");
			if (variant.implementation() != null && !variant.implementation().equals(implementation)) {
				return "not measured: asked for `" + variant.implementation() + "`, the application reports `native="
						+ implementation + "`";
			}
			int pid = (int) app.pid();
			List<Double> latencies = new ArrayList<>();
			int total = this.setup.effort().warmupSignals() + this.setup.effort().signals();
			for (int i = 0; i < total; i++) {
				long sent = System.nanoTime();
				Posix.get().kill(pid, SIGNAL.number());
				Long heard = received.poll(5, TimeUnit.SECONDS);
				if (heard == null) {
					synchronized (lastLines) {
						throw new IOException("no SignalEvent within 5 s of signal " + (i + 1) + " (" + variant.label()
								+ "); last output:\n" + String.join("\n", lastLines));
					}
				}
				if (i >= this.setup.effort().warmupSignals()) {
					latencies.add((heard - sent) / 1000.0);
				}
				// let the listener's thread finish before the next signal, so none is sent to a busy reader
				Thread.sleep(2);
			}
			Sample sample = Sample.of(latencies);
			this.setup.progress().printf("signals %s: median %.0f µs, p99 %.0f µs%n", variant.label(), sample.median(),
					sample.quantile(0.99));
			return sample;
		}
	}

	// implementation: the native calls asked for, as the health detail `native` reports them; null for jdk.
	private record Variant(String label, String backend, String implementation, List<String> jvmOptions) {
	}

}
