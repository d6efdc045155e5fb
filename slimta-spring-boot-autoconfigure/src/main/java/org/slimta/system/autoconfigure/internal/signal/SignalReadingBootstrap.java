package org.slimta.system.autoconfigure.internal.signal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.signal.SignalfdPreparation;
import org.slimta.system.internal.signal.StartupRelaunch;

import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.bootstrap.BootstrapRegistryInitializer;

/**
 * <strong>May replace the JVM:</strong> its constructor, which the {@code SpringApplication}
 * constructor calls, can re-execute the JVM in place ({@code execv}, same pid), so that no code
 * after that call runs in the first JVM; {@code slimta.system.signals.relaunch=false} prevents it.
 * <p>
 * The first moment Spring Boot runs code of a starter (the {@code SpringApplication}
 * constructor, long before the configuration files are read): relaunches the JVM for signalfd
 * when its settings ask for it ({@link StartupRelaunch}, on settings read by
 * {@link StartupSettings}), and in a process already prepared starts reading the blocked
 * signals, so that a SIGTERM during start-up ends the application as promptly as the JVM's own
 * handlers would.
 */
public final class SignalReadingBootstrap implements BootstrapRegistryInitializer {

	/**
	 * Decides, and may replace the JVM: instantiated by the {@code SpringApplication} constructor,
	 * earlier than any callback.
	 */
	public SignalReadingBootstrap() {
		Thread thread = Thread.currentThread();
		atStart(null, thread.getContextClassLoader(),
				SignalfdPreparation.whyNotApplicationMain(thread, new Throwable().getStackTrace()));
	}

	/**
	 * Decide at the first moment of this JVM, once: relaunch it for signalfd where the settings
	 * ask for it, start reading signals where it is prepared.
	 * @param args the application's arguments, or {@code null} to take those of the JVM's
	 * command line
	 * @param classLoader where the application's class path resources are
	 * @param notApplicationMain why the running code is not the application's own {@code main},
	 * or {@code null}
	 */
	public static void atStart(@Nullable List<String> args, ClassLoader classLoader,
			@Nullable String notApplicationMain) {
		StartupRelaunch.atStart(args, (arguments) -> StartupSettings.read(arguments, classLoader), notApplicationMain);
	}

	@Override
	public void initialize(BootstrapRegistry registry) {
	}

}
