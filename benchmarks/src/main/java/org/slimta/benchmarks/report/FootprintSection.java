package org.slimta.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The footprint section of the report, from the runs of the start-up cases: live heap, the part
 * of it in the starter's objects, threads and the jars the starter adds, each against its target.
 */
final class FootprintSection {

	// The thread jffi starts for its clean-ups (java.lang.ref.Cleaner names them Cleaner-<n>).
	private static final Pattern JFFI_CLEANER = Pattern.compile("Cleaner-\\d+");

	private FootprintSection() {
	}

	/**
	 * Write the section.
	 * @param report the report
	 * @param a the case without the starter
	 * @param b the case on the jdk backend
	 * @param c the case with the starter's defaults
	 * @param added the jars the starter adds
	 */
	static void write(MarkdownReport report, StartupCase a, StartupCase b, StartupCase c, AddedJars added) {
		report.section("Footprint",
				"From the same runs, after the full health answer: live heap after a full collection (`jcmd <pid> "
						+ "GC.class_histogram`), the part of it in objects of the starter's classes (every package "
						+ "of the jars it adds), and the threads (`/proc/<pid>/task/*/comm`). Median (min–max).",
				"figure", "(a) without the starter", "(b) jdk backend", "(c) defaults", "target");
		Sample heapA = a.sample(StartupRun::liveHeapKibibytes);
		report.row("live heap, KiB; difference of medians to (a)", heapA.medianAndRange(0), heapCell(b, heapA),
				heapCell(c, heapA), "< +1024 KiB: " + UuidThroughput.met(withinHeapTarget(b, heapA)
						&& withinHeapTarget(c, heapA)));
		report.row("of which objects of the starter's classes, KiB",
				a.sample(StartupRun::starterObjectsKibibytes).medianAndRange(1), starterObjectsCell(b),
				starterObjectsCell(c), "");
		Sample threadsA = a.sample(StartupRun::threadCount);
		report.row("threads", threadsA.medianAndRange(0), threadsCell(b, a), threadsCell(c, a),
				"+1 of the starter's own at most (jffi's `Cleaner-N` on JDK 17–21 not counted): "
						+ UuidThroughput.met(addedThreads(b, a) <= 1 && addedThreads(c, a) <= 1));

		report.row("jars added to the application", "", formatJars(added), "same as (b)", "");
	}

	private static String heapCell(StartupCase measured, Sample heapA) {
		if (measured.notMeasured != null) {
			return "not measured yet";
		}
		Sample heap = measured.sample(StartupRun::liveHeapKibibytes);
		return heap.medianAndRange(0) + "; " + signed(heap.median() - heapA.median()) + " KiB";
	}

	private static String starterObjectsCell(StartupCase measured) {
		return (measured.notMeasured != null) ? "not measured yet"
				: measured.sample(StartupRun::starterObjectsKibibytes).medianAndRange(1);
	}

	private static boolean withinHeapTarget(StartupCase measured, Sample heapA) {
		return measured.notMeasured != null || measured.sample(StartupRun::liveHeapKibibytes).median() - heapA.median() < 1024;
	}

	private static String threadsCell(StartupCase measured, StartupCase a) {
		if (measured.notMeasured != null) {
			return "not measured yet";
		}
		Map<String, Double> extra = threadDifference(measured, a);
		Map<String, Double> missing = threadDifference(a, measured);
		return measured.sample(StartupRun::threadCount).medianAndRange(0) + "; added: " + threadNames(extra)
				+ (missing.isEmpty() ? "" : "; in place of: " + threadNames(missing));
	}

	private static String threadNames(Map<String, Double> counts) {
		return counts.isEmpty() ? "none"
				: counts.entrySet()
					.stream()
					.map((e) -> "`" + e.getKey() + "`" + ((e.getValue() != 1) ? " ×" + e.getValue() : ""))
					.collect(Collectors.joining(", "));
	}

	// Threads more than without the starter (-Xrs starts the Attach Listener in place of the Signal Dispatcher),
	// but for the cleaner thread jffi starts on JDK 17-21: saving it took a JDK-internal export, which cost the
	// AOT cache and CDS archives their use, and JDK 22+ makes no jffi call.
	private static int addedThreads(StartupCase measured, StartupCase a) {
		if (measured.notMeasured != null) {
			return 0;
		}
		double added = 0;
		for (Map.Entry<String, Double> thread : threadDifference(measured, a).entrySet()) {
			if (!JFFI_CLEANER.matcher(thread.getKey()).matches()) {
				added += thread.getValue();
			}
		}
		for (double missing : threadDifference(a, measured).values()) {
			added -= missing;
		}
		return (int) Math.ceil(added);
	}

	/** Thread names whose median count per run is higher in one case than in another, and by how much. */
	private static Map<String, Double> threadDifference(StartupCase measured, StartupCase other) {
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

}
