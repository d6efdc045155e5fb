package org.slimta.benchmarks.app;

import org.slimta.system.autoconfigure.EarlySignalPreparation;

import org.springframework.boot.SpringApplication;

/**
 * The measured application, prepared for signalfd from the first line of {@code main}: case (d),
 * started through Spring Boot's {@code PropertiesLauncher} from the jar with the starter only.
 */
public final class EarlyPreparedBenchmarkApplication {

	private EarlyPreparedBenchmarkApplication() {
	}

	public static void main(String[] args) {
		EarlySignalPreparation.prepare(args);
		SpringApplication.run(BenchmarkApplication.class, args);
	}

}
