package org.slimta.benchmarks.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;
import org.slimta.benchmarks.uuid.UuidBenchmark;

/**
 * Runs {@link UuidBenchmark} at 1 and 2 threads and writes each generator's throughput with
 * its ratio to {@code UUID.randomUUID()} and to java-uuid-generator of the same version.
 */
final class UuidThroughput {

	private static final int[] THREADS = { 1, 2 };

	private final Effort effort;

	private final PrintStream progress;

	UuidThroughput(Effort effort, PrintStream progress) {
		this.effort = effort;
		this.progress = progress;
	}

	void report(MarkdownReport report) throws RunnerException {
		Map<String, Sample> results = new HashMap<>();
		for (int threads : THREADS) {
			Options options = new OptionsBuilder().include(UuidBenchmark.class.getName() + "\\.")
				.threads(threads)
				.forks(this.effort.jmhForks())
				.warmupIterations(this.effort.jmhWarmupIterations())
				.warmupTime(TimeValue.seconds(1))
				.measurementIterations(this.effort.jmhIterations())
				.measurementTime(TimeValue.seconds(1))
				// JUG's version 1 timer logs a warning for every millisecond it runs ahead of the clock
				.jvmArgsAppend("-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider")
				.build();
			Runner runner = new Runner(options, OutputFormatFactory.createFormatInstance(this.progress, VerboseMode.NORMAL));
			for (RunResult result : runner.run()) {
				String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
				results.put(method + "/" + threads, perIteration(result.getPrimaryResult().getStatistics()));
			}
		}
		Sample first = results.values().iterator().next();
		report.section("UUIDs",
				"JMH throughput of one generator shared by all threads (as one `IdGenerator` bean is), in ids "
						+ "per microsecond: median (min–max) over " + first.size() + " one-second iterations ("
						+ this.effort.jmhForks() + " forks × " + this.effort.jmhIterations()
						+ "). JUG is com.fasterxml.uuid:java-uuid-generator 5.1.0 with its defaults: "
						+ "`randomBasedGenerator()` and `timeBasedEpochGenerator()` draw from one shared "
						+ "`new SecureRandom()` (NativePRNG on Linux), as `UUID.randomUUID()` does.",
				"generator", "threads", "ids/µs", "× `UUID.randomUUID()`", "× JUG, same version", "target");
		List<String[]> kinds = new ArrayList<>();
		kinds.add(new String[] { "`UUID.randomUUID()` (JDK)", "jdkRandomUuid", null, "" });
		kinds.add(new String[] { "slimta version 4", "slimtaV4", "jugV4", "≥ 4× JDK at 2 threads" });
		kinds.add(new String[] { "JUG version 4", "jugV4", null, "" });
		kinds.add(new String[] { "slimta version 7", "slimtaV7", "jugV7", "≥ 1× JUG" });
		kinds.add(new String[] { "JUG version 7", "jugV7", null, "" });
		kinds.add(new String[] { "slimta version 1", "slimtaV1", "jugV1", "" });
		kinds.add(new String[] { "JUG version 1", "jugV1", null, "" });
		for (String[] kind : kinds) {
			for (int threads : THREADS) {
				Sample ours = results.get(kind[1] + "/" + threads);
				Sample jdk = results.get("jdkRandomUuid/" + threads);
				Sample jug = (kind[2] != null) ? results.get(kind[2] + "/" + threads) : null;
				report.row(kind[0], Integer.toString(threads), ours.medianAndRange(1), ours.ratioTo(jdk),
						(jug != null) ? ours.ratioTo(jug) : "", verdict(kind[1], threads, ours, jdk, jug, kind[3]));
			}
		}
	}

	private static String verdict(String method, int threads, Sample ours, Sample jdk, Sample jug, String target) {
		if (method.equals("slimtaV4") && threads == 2) {
			return target + ": " + met(ours.median() >= 4 * jdk.median());
		}
		if (method.equals("slimtaV7")) {
			return target + ": " + met(ours.median() >= jug.median());
		}
		return "";
	}

	static String met(boolean met) {
		return met ? "**met**" : "**missed**";
	}

	/** JMH aggregates the forks' iterations into one statistics object; keep every value. */
	private static Sample perIteration(Statistics statistics) {
		double[] values = new double[(int) statistics.getN()];
		java.util.Iterator<Map.Entry<Double, Long>> it = statistics.getRawData();
		int i = 0;
		while (it.hasNext()) {
			Map.Entry<Double, Long> entry = it.next();
			for (long n = 0; n < entry.getValue(); n++) {
				values[i++] = entry.getKey();
			}
		}
		return Sample.of(values);
	}

}
