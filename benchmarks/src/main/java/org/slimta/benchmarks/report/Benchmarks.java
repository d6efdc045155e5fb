package org.slimta.benchmarks.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every benchmark and prints the report as Markdown on standard output; progress goes
 * to standard error. Arguments: {@code --quick} for short runs, then the sections to run
 * ({@code uuid}, {@code startup}, {@code aot}, {@code signals}, {@code daemon}; all by default).
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		Effort effort = Effort.DEFAULT;
		List<String> sections = new ArrayList<>();
		for (String arg : args) {
			if (arg.equals("--quick")) {
				effort = Effort.QUICK;
			}
			else if (List.of("uuid", "startup", "aot", "signals", "daemon").contains(arg)) {
				sections.add(arg);
			}
			else {
				throw new IllegalArgumentException("unknown argument '" + arg
						+ "'; accepted: --quick, uuid, startup, aot, signals, daemon");
			}
		}
		if (sections.isEmpty()) {
			sections = List.of("uuid", "startup", "aot", "signals", "daemon");
		}
		Path target = Path.of(System.getProperty("benchmarks.target", "benchmarks/target"));
		PrintStream progress = System.err;
		MarkdownReport report = new MarkdownReport();
		BenchmarkSetup setup = new BenchmarkSetup(target, effort, progress);
		if (sections.contains("uuid")) {
			new UuidThroughput(effort, progress).report(report);
		}
		if (sections.contains("startup")) {
			new StartupAndFootprint(setup).report(report);
		}
		if (sections.contains("aot")) {
			new AotCacheStartup(setup).report(report);
		}
		if (sections.contains("signals")) {
			new SignalLatency(setup).report(report);
			new ExitOnSigterm(setup).report(report);
		}
		if (sections.contains("daemon")) {
			new DaemonStartup(setup).report(report);
		}
		System.out.print(report);
	}

}
