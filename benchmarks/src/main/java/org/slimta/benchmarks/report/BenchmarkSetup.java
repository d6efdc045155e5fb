package org.slimta.benchmarks.report;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What every section that starts the measured application runs with: the jars the build put in
 * its target folder, the folder for the applications' logs, how long to measure and where progress
 * goes.
 *
 * @param target the benchmarks module's build folder
 * @param effort how long to measure
 * @param progress where each run is reported as it ends
 */
record BenchmarkSetup(Path target, Effort effort, PrintStream progress) {

	/** The measured application with the starter. */
	Path starterJar() {
		return this.target.resolve("benchmarks-starter.jar");
	}

	/** The same application without the starter. */
	Path plainJar() {
		return this.target.resolve("benchmarks-plain.jar");
	}

	/** A copy of every library, to list the packages of the jars the starter adds. */
	Path libraries() {
		return this.target.resolve("lib");
	}

	/** Where the applications' output goes, one file a run. */
	Path logs() {
		return this.target.resolve("benchmark-logs");
	}

}
