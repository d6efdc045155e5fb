package org.slimta.benchmarks.report;

import java.util.List;

/** What one start of the measured application showed. */
final class StartupRun {

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
