package org.slimta.system.autoconfigure;

import java.util.List;

import org.slimta.system.autoconfigure.internal.signal.SignalReadingBootstrap;
import org.slimta.system.internal.signal.SignalfdPreparation;

/**
 * Prepares the process for {@code signalfd} from the first line of {@code main}, before Spring
 * Boot is loaded, so that the re-execution in place costs little more than a second JVM start:
 * <pre class="code">
 * public static void main(String[] args) {
 *     EarlySignalPreparation.prepare(args);
 *     SpringApplication.run(MyApplication.class, args);
 * }
 * </pre>
 * It decides as the starter does without it, on {@code slimta.system.*} from the command line,
 * system properties, environment variables and the configuration files (see docs/relaunch.md,
 * "When the relaunch is decided"), read and bound by Spring Boot's own configuration data loading and
 * binder. Optional: without this call the starter relaunches from the
 * {@code SpringApplication} constructor, a little later.
 *
 * @since 0.1.0
 */
public final class EarlySignalPreparation {

	private EarlySignalPreparation() {
	}

	/**
	 * Re-execute this JVM in place with the handled signals blocked, if it must and can; return
	 * otherwise. In the re-executed JVM, start reading the signals and return at once.
	 * @param args the application's arguments, as given to {@code main}
	 */
	public static void prepare(String... args) {
		SignalReadingBootstrap.atStart(List.of(args), Thread.currentThread().getContextClassLoader(),
				SignalfdPreparation.whyNotApplicationMain(Thread.currentThread(), new Throwable().getStackTrace()));
	}

}
