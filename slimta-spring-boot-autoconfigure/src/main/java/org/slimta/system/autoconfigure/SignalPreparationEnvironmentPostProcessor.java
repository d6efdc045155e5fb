package org.slimta.system.autoconfigure;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.slimta.system.signal.SignalBackend;
import org.slimta.system.signal.SignalfdPreparation;
import org.slimta.system.signal.SignalfdPreparation.Assessment;
import org.slimta.system.signal.SignalfdPreparation.ProcessFacts;
import org.slimta.system.signal.SignalfdPreparation.Verdict;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Prepares the process for {@code signalfd} at the earliest point where {@code slimta.system.*}
 * can be read (right after the configuration files, before the banner): re-executes the JVM in
 * place when it must, and otherwise records why the JVM's handlers are used instead. Once per
 * JVM: an environment prepared again later (Spring Cloud's refresh on SIGHUP) changes nothing.
 */
public final class SignalPreparationEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Right after the configuration files were read, and after the daemon decision. */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 2;

	private static volatile Assessment relaunchFailure;

	// A refresh prepares a new environment on the SIGHUP thread; the process was prepared, or not, for good.
	private static final AtomicBoolean ran = new AtomicBoolean();

	private final Log logger;

	/**
	 * Create the post-processor.
	 * @param logFactory logs that appear once logging is set up
	 */
	public SignalPreparationEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(SignalPreparationEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (ran.get()) {
			return;
		}
		SlimtaSystemProperties properties = SlimtaSystemPropertiesBinder.bind(environment);
		// Claimed once the properties bound: a start-up that failed on them leaves the next one its say.
		if (!ran.compareAndSet(false, true)) {
			return;
		}
		Assessment assessment = prepare(properties);
		if (assessment == null) {
			return;
		}
		if (assessment.verdict() == Verdict.PREPARED) {
			this.logger.info("Signals " + properties.getSignals().getHandled() + " are blocked in every thread of pid "
					+ ProcessHandle.current().pid() + " and read from signalfd");
		}
		application.addInitializers((context) -> context.getBeanFactory()
			.registerSingleton(SignalAutoConfiguration.ASSESSMENT_BEAN_NAME, assessment));
	}

	/**
	 * Forget that this JVM already ran the post-processor, for tests that start several
	 * applications in one JVM.
	 */
	static void forgetFirstRun() {
		ran.set(false);
	}

	/**
	 * Decide, and re-execute the JVM in place when it must: the one implementation behind this
	 * post-processor and {@link EarlySignalPreparation}. Returns only if the JVM was not replaced.
	 * @param properties {@code slimta.system.*}
	 * @return the decision, or {@code null} where there is nothing to decide (signals disabled,
	 * or the jdk backend asked for)
	 */
	static Assessment prepare(SlimtaSystemProperties properties) {
		SlimtaSystemProperties.Signals signals = properties.getSignals();
		if (!properties.isEnabled() || !signals.isEnabled() || signals.getBackend() == SignalBackend.JDK) {
			return null;
		}
		Assessment failedEarlier = relaunchFailure;
		if (failedEarlier != null) {
			return failedEarlier;
		}
		String notApplicationMain = SignalfdPreparation.whyNotApplicationMain(Thread.currentThread(),
				new Throwable().getStackTrace());
		ProcessFacts facts = ProcessFacts.current(notApplicationMain);
		Assessment assessment = SignalfdPreparation.assess(signals.getHandled(), signals.isRelaunch(), facts);
		if (assessment.verdict() != Verdict.RELAUNCH) {
			return assessment;
		}
		try {
			SignalfdPreparation.relaunch(facts.commandLine(), signals.getHandled(), signals.getShutdownOn(),
					facts.environment());
			throw new IllegalStateException("execv returned");
		}
		catch (Exception | LinkageError ex) {
			// Remembered, so that a second attempt from SpringApplication does not cost the same again.
			relaunchFailure = new Assessment(Verdict.UNAVAILABLE,
					"re-executing the JVM in place failed (" + ex.getMessage() + ")",
					"set slimta.system.signals.relaunch=false to skip the attempt");
			return relaunchFailure;
		}
	}

}
