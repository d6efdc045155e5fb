package org.slimta.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One way of starting the measured application, and its runs so far: which jar, how it is
 * launched, with which arguments, and what the starter reported.
 */
final class StartupCase {

	final String id;

	final String title;

	final Path jar;

	final List<String> launch;

	final String[] args;

	final List<StartupRun> runs = new ArrayList<>();

	String signals;

	String notMeasured;

	StartupCase(String id, String title, Path jar, String... args) {
		this(id, title, jar, List.of("-jar", jar.toString()), args);
	}

	StartupCase(String id, String title, Path jar, List<String> launch, String... args) {
		this.id = id;
		this.title = title;
		this.jar = jar;
		this.launch = launch;
		this.args = args;
	}

	Sample sample(Function<StartupRun, Double> figure) {
		return Sample.of(this.runs.stream().map(figure).toList());
	}

	double countOf(String threadName) {
		return sample((run) -> (double) run.threads.stream().filter(threadName::equals).count()).median();
	}

}
