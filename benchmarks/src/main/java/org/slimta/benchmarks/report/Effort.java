package org.slimta.benchmarks.report;

/**
 * How long to measure: the default for figures worth recording, {@code --quick} for a check
 * that everything runs.
 *
 * @param jmhForks JMH forks per UUID benchmark
 * @param jmhWarmupIterations JMH warm-up iterations per fork
 * @param jmhIterations JMH measured iterations per fork
 * @param startupRuns application starts per start-up and daemon case
 * @param signals signals counted per signal backend
 * @param exitRuns application starts ended by SIGTERM per signal backend
 */
record Effort(int jmhForks, int jmhWarmupIterations, int jmhIterations, int startupRuns, int signals, int exitRuns) {

	static final Effort DEFAULT = new Effort(2, 3, 5, 7, 1000, 11);

	static final Effort QUICK = new Effort(1, 1, 3, 3, 200, 3);

	/** Signals sent and not counted, so that both backends are measured warm. */
	int warmupSignals() {
		return this.signals / 10;
	}

}
