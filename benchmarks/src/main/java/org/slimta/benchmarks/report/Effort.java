package org.slimta.benchmarks.report;

/**
 * How long to measure: the default for figures worth recording, {@code --quick} for a check
 * that everything runs.
 */
record Effort(int jmhForks, int jmhWarmupIterations, int jmhIterations, int startupRuns, int signals) {

	static final Effort DEFAULT = new Effort(2, 3, 5, 7, 1000);

	static final Effort QUICK = new Effort(1, 1, 3, 3, 200);

	/** Signals sent and not counted, so that both backends are measured warm. */
	int warmupSignals() {
		return this.signals / 10;
	}

}
