package org.slimta.system.autoconfigure.internal.signal;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slimta.system.autoconfigure.EarlySignalPreparation;
import org.slimta.system.autoconfigure.SignalsProperties;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.autoconfigure.internal.OncePerJvmEnvironmentPostProcessor;
import org.slimta.system.autoconfigure.signal.SignalAutoConfiguration;
import org.slimta.system.internal.signal.RelaunchSettings;
import org.slimta.system.internal.signal.SignalfdPreparation;
import org.slimta.system.internal.signal.SignalfdPreparation.Assessment;
import org.slimta.system.internal.signal.SignalfdPreparation.Verdict;
import org.slimta.system.internal.signal.SignalfdReader;
import org.slimta.system.internal.signal.StartupRelaunch;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalBackend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks the relaunch for signalfd, decided at the first moment of the JVM
 * ({@link SignalReadingBootstrap}, {@link EarlySignalPreparation}), against the configuration
 * Spring Boot has read: relaunches late where that configuration asks for signalfd and the first
 * moment could not see it, makes an already prepared process act as the configuration asks, and
 * says in one line what it did where they disagree; otherwise records why the JVM's handlers are
 * used. Once per JVM, as every {@link OncePerJvmEnvironmentPostProcessor}.
 */
public final class SignalPreparationEnvironmentPostProcessor extends OncePerJvmEnvironmentPostProcessor {

	/** The bean that holds what this post-processor decided: the auto-configuration takes it. */
	public static final String ASSESSMENT_BEAN_NAME = "slimtaSignalfdAssessment";

	/** Right after the configuration files were read, and after the daemon decision. */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 2;

	private static final String WHERE = "set it on the command line, as a system property or environment variable,"
			+ " or in a configuration file Spring Boot reads (application.yml, a profile's, an imported one), where the"
			+ " start-up reads it (docs/relaunch.md: when the relaunch is decided)";

	/**
	 * Create the post-processor.
	 * @param logFactory logs that appear once logging is set up
	 */
	public SignalPreparationEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		super(logFactory, "org.slimta.system.signal", ORDER);
	}

	@Override
	protected void postProcessEnvironment(SlimtaSystemProperties properties, ConfigurableEnvironment environment,
			SpringApplication application) {
		Optional<Long> relaunchedAfter = SignalfdPreparation.relaunchedAfter();
		if (relaunchedAfter.isPresent()) {
			SignalfdReader.current().ifPresent((reader) -> reconcile(reader, properties, environment, relaunchedAfter.get()));
		}
		Assessment assessment = prepare(properties);
		if (assessment == null) {
			return;
		}
		if (assessment.verdict() == Verdict.PREPARED) {
			Set<Signal> handled = properties.getSignals().getHandled();
			this.logger.info("Signals " + handled + " are blocked in every thread of pid "
					+ ProcessHandle.current().pid() + " and read from signalfd"
					+ relaunchedAfter.map((millis) -> "; the JVM was relaunched for it " + millis
							+ " ms after the process started").orElse("")
					+ SignalfdReader.current().map((reader) -> notTaken(reader.signals(), handled)).orElse(""));
		}
		application.addInitializers((context) -> context.getBeanFactory()
			.registerSingleton(ASSESSMENT_BEAN_NAME, assessment));
	}

	/**
	 * Forget that this JVM already ran the post-processor, for tests that start several
	 * applications in one JVM.
	 */
	static void forgetFirstRun() {
		forgetFirstRun(SignalPreparationEnvironmentPostProcessor.class);
		StartupRelaunch.forget();
	}

	/**
	 * Decide with the final configuration, and re-execute the JVM in place when it must and the
	 * first moment did not. Returns only if the JVM was not replaced.
	 * @param properties {@code slimta.system.*}
	 * @return the decision, or {@code null} where there is nothing to decide (signals disabled,
	 * or the jdk backend asked for)
	 */
	static @Nullable Assessment prepare(SlimtaSystemProperties properties) {
		SignalsProperties signals = properties.getSignals();
		if (!properties.isEnabled() || !signals.isEnabled() || signals.getBackend() == SignalBackend.JDK) {
			return null;
		}
		String notApplicationMain = SignalfdPreparation.whyNotApplicationMain(Thread.currentThread(),
				new Throwable().getStackTrace());
		return StartupRelaunch.relaunch(signals.getHandled(), signals.getShutdownOn(), signals.isRelaunch(),
				properties.getSockets().isActivation(), notApplicationMain);
	}

	// A relaunched process: act as the final configuration asks, and say where it differs from what the relaunch read.
	private void reconcile(SignalfdReader reader, SlimtaSystemProperties properties, ConfigurableEnvironment environment,
			long relaunchedAfter) {
		RelaunchSettings settings = StartupSettings.of(properties);
		Set<Signal> taken = settings.takesSignals() ? settings.handled() : Set.of();
		Set<Signal> ending = reader.actAsTheJvmFor(taken, settings.takesSignals() ? settings.shutdownOn() : Set.of());
		RelaunchSettings atStart;
		String unreadable = null;
		try {
			atStart = StartupRelaunch.settingsAtStart();
		}
		catch (RuntimeException ex) {
			atStart = null;
			unreadable = ex.getMessage();
		}
		if (atStart != null && !atStart.wantsSignalfd() && settings.wantsSignalfd()) {
			this.logger.warn("The JVM was relaunched for signalfd only once the configuration files were read, "
					+ relaunchedAfter + " ms after the process started: " + describe(atStart.differences(settings), environment)
					+ " is set where the start-up does not read it; " + WHERE);
			return;
		}
		if (atStart == null) {
			this.logger.warn("The JVM was relaunched for signalfd only once the configuration files were read, "
					+ relaunchedAfter + " ms after the process started: the start-up could not read slimta.system.* ("
					+ unreadable + ")");
			return;
		}
		Map<String, String> differences = atStart.differences(settings);
		differences.remove("slimta.system.signals.shutdown-on");
		differences.remove("slimta.system.daemon.enabled");
		if (differences.isEmpty()) {
			return;
		}
		Set<Signal> unread = EnumSet.noneOf(Signal.class);
		unread.addAll(taken);
		unread.removeAll(reader.signals());
		Set<Signal> ignored = EnumSet.noneOf(Signal.class);
		ignored.addAll(reader.signals());
		ignored.removeAll(taken);
		ignored.removeAll(ending);
		ignored.remove(Signal.SIGQUIT);
		Set<Signal> published = EnumSet.noneOf(Signal.class);
		published.addAll(taken);
		published.retainAll(reader.signals());
		StringBuilder done = new StringBuilder("signals " + reader.signals() + " stay blocked and are read from signalfd");
		if (!published.isEmpty()) {
			done.append(", ").append(published).append(" published as SignalEvents");
		}
		if (!unread.isEmpty()) {
			done.append(", ").append(unread).append(" not read (they keep their default action)");
		}
		if (!ending.isEmpty()) {
			done.append(", ").append(ending).append(" end the JVM as its own handlers would while the application does not take them");
		}
		if (!ignored.isEmpty()) {
			done.append(", ").append(ignored).append(" ignored");
		}
		this.logger.warn("The JVM was relaunched for signalfd before " + describe(differences, environment)
				+ " could be read: " + done + "; " + WHERE);
	}

	// The JVM's own handlers end it on HUP, INT and TERM: say what the application leaves to them.
	private static String notTaken(Set<Signal> read, Set<Signal> handled) {
		Set<Signal> ending = SignalfdPreparation.endingAsTheJvmWould(read, handled, Set.of());
		Set<Signal> ignored = EnumSet.of(Signal.SIGHUP, Signal.SIGINT, Signal.SIGTERM);
		ignored.removeAll(read);
		String said = ending.isEmpty() ? ""
				: "; " + ending + ", which the application does not take (slimta.system.signals.handled), end the JVM"
						+ " as its own handlers would";
		return said + (ignored.isEmpty() ? ""
				: "; " + ignored + " stay ignored, as they were when the process started (nohup), as the JVM leaves them");
	}

	// name=value (origin), as Spring Boot knows the origin.
	private static String describe(Map<String, String> differences, ConfigurableEnvironment environment) {
		StringBuilder described = new StringBuilder();
		differences.forEach((name, value) -> {
			described.append(described.isEmpty() ? "" : ", ").append(name).append('=').append(value);
			origin(name, environment).ifPresent((origin) -> described.append(" (").append(origin).append(')'));
		});
		return described.toString();
	}

	private static Optional<String> origin(String name, ConfigurableEnvironment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			for (String candidate : List.of(name, name + "[0]")) {
				ConfigurationProperty property = source.getConfigurationProperty(ConfigurationPropertyName.of(candidate));
				if (property != null) {
					return Optional.ofNullable(property.getOrigin()).map(Object::toString);
				}
			}
		}
		return Optional.empty();
	}

}
