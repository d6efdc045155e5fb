package org.slimta.sample;

import org.slimta.system.autoconfigure.EarlySignalPreparation;

import org.springframework.boot.SpringApplication;

/**
 * The same application, prepared for signalfd from the first line of {@code main}, before Spring
 * Boot starts: the relaunch then costs little more than a second JVM start. Run it with
 * {@code java -Dloader.main=org.slimta.sample.EarlyPreparedSampleApplication -cp sample-app.jar
 * org.springframework.boot.loader.launch.PropertiesLauncher}.
 */
public final class EarlyPreparedSampleApplication {

	private EarlyPreparedSampleApplication() {
	}

	public static void main(String[] args) {
		EarlySignalPreparation.prepare(args);
		SpringApplication.run(SampleApplication.class, args);
	}

}
