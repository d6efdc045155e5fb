package org.slimta.system.autoconfigure;

import org.slimta.system.signal.SignalfdReader;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Prepares the process for {@code signalfd} from the first line of {@code main}, before Spring
 * Boot starts, so that the re-execution in place costs little more than a second JVM start:
 * <pre class="code">
 * public static void main(String[] args) {
 *     EarlySignalPreparation.prepare(args);
 *     SpringApplication.run(MyApplication.class, args);
 * }
 * </pre>
 * It reads {@code slimta.system.*} from the command line, system properties, environment
 * variables and the configuration files as Spring Boot would, and decides exactly as the
 * starter does without it; where the JVM is not re-executed, Spring Boot's start-up decides
 * again and logs why. Optional: without this call the starter relaunches from inside Spring
 * Boot's start-up.
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
		if (SignalfdReader.startIfPrepared().isPresent()) {
			return;
		}
		StandardEnvironment environment = new StandardEnvironment();
		if (args.length > 0) {
			environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		}
		ConfigDataEnvironmentPostProcessor.applyTo(environment);
		SlimtaSystemProperties properties;
		try {
			properties = SlimtaSystemPropertiesBinder.bind(environment);
		}
		catch (RuntimeException ex) {
			// Spring Boot binds the same properties again and explains the failure.
			return;
		}
		SignalPreparationEnvironmentPostProcessor.prepare(properties);
	}

}
