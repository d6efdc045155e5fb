package org.slimta.system.autoconfigure.signal;

import org.slimta.system.signal.SignalfdPreparation;
import org.slimta.system.signal.StartupRelaunch;

import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.bootstrap.BootstrapRegistryInitializer;

/**
 * <strong>May replace the JVM:</strong> its constructor, which the {@code SpringApplication}
 * constructor calls, can re-execute the JVM in place ({@code execv}, same pid), so that no code
 * after that call runs in the first JVM; {@code slimta.system.signals.relaunch=false} prevents it.
 * <p>
 * The first moment Spring Boot runs code of a starter (the {@code SpringApplication}
 * constructor, long before the configuration files are read): relaunches the JVM for signalfd
 * when its settings ask for it ({@link StartupRelaunch}), and in a process already prepared
 * starts reading the blocked signals, so that a SIGTERM during start-up ends the application as
 * promptly as the JVM's own handlers would.
 */
public final class SignalReadingBootstrap implements BootstrapRegistryInitializer {

	/**
	 * Decides, and may replace the JVM: instantiated by the {@code SpringApplication} constructor,
	 * earlier than any callback.
	 */
	public SignalReadingBootstrap() {
		Thread thread = Thread.currentThread();
		StartupRelaunch.atStart(null, thread.getContextClassLoader(),
				SignalfdPreparation.whyNotApplicationMain(thread, new Throwable().getStackTrace()));
	}

	@Override
	public void initialize(BootstrapRegistry registry) {
	}

}
