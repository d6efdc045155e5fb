package org.slimta.system.autoconfigure;

import org.slimta.system.signal.SignalfdReader;

import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.bootstrap.BootstrapRegistryInitializer;

/**
 * In a process started for signalfd, starts reading the blocked signals at the first moment
 * Spring Boot runs code of a starter (the {@code SpringApplication} constructor), long before
 * the context exists: a SIGTERM during start-up then ends the application as promptly as the
 * JVM's own handlers would. Does nothing in any other process.
 */
public final class SignalReadingBootstrap implements BootstrapRegistryInitializer {

	/** Starts the reader: instantiated by the {@code SpringApplication} constructor, earlier than any callback. */
	public SignalReadingBootstrap() {
		SignalfdReader.startIfPrepared();
	}

	@Override
	public void initialize(BootstrapRegistry registry) {
	}

}
