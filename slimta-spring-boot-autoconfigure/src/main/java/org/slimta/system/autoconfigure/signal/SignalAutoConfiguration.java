package org.slimta.system.autoconfigure.signal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.autoconfigure.SignalsProperties;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.autoconfigure.internal.ConditionalOnSlimtaSystemEnabled;
import org.slimta.system.autoconfigure.internal.signal.SignalPreparationEnvironmentPostProcessor;
import org.slimta.system.autoconfigure.internal.signal.SignalfdUnavailableException;
import org.slimta.system.boot.internal.metrics.SignalListenerTimer;
import org.slimta.system.boot.internal.metrics.SignalMetrics;
import org.slimta.system.boot.internal.reload.CloudRefreshHangupAction;
import org.slimta.system.boot.internal.reload.HangupAction;
import org.slimta.system.boot.internal.reload.HangupReload;
import org.slimta.system.boot.internal.reload.LogFilesHangupAction;
import org.slimta.system.boot.internal.reload.ReloadStatus;
import org.slimta.system.boot.internal.signal.SignalDispatcher;
import org.slimta.system.boot.internal.signal.SignalEventPublisher;
import org.slimta.system.boot.internal.signal.SignalShutdown;
import org.slimta.system.boot.internal.signal.SignalSourceLifecycle;
import org.slimta.system.boot.internal.signal.SignalSourceStatus;
import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.internal.logging.Log4jFiles;
import org.slimta.system.internal.logging.LogbackFiles;
import org.slimta.system.internal.posix.NativeSignals;
import org.slimta.system.internal.signal.BlockedSignals;
import org.slimta.system.internal.signal.JdkSignalSource;
import org.slimta.system.internal.signal.SignalSource;
import org.slimta.system.internal.signal.SignalfdPreparation;
import org.slimta.system.internal.signal.SignalfdPreparation.Assessment;
import org.slimta.system.internal.signal.SignalfdPreparation.ProcessFacts;
import org.slimta.system.internal.signal.SignalfdReader;
import org.slimta.system.internal.signal.SignalfdSource;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalBackend;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.log4j2.Log4J2LoggingSystem;
import org.springframework.cloud.endpoint.event.RefreshEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Publishes {@link org.slimta.system.signal.SignalEvent}s for {@code slimta.system.signals.handled},
 * read from signalfd where the process was prepared for it, else through the JVM's handlers.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SlimtaSystemAutoConfiguration.class)
@ConditionalOnSlimtaSystemEnabled
@ConditionalOnBooleanProperty(name = "slimta.system.signals.enabled", matchIfMissing = true)
public final class SignalAutoConfiguration {

	/** The bean that holds what {@link SignalPreparationEnvironmentPostProcessor} decided. */
	static final String ASSESSMENT_BEAN_NAME = SignalPreparationEnvironmentPostProcessor.ASSESSMENT_BEAN_NAME;

	// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
	private static final Log logger = LogFactory.getLog("org.slimta.system.signal");

	// The reader binds libc on its own thread, started with the process: long done in practice.
	private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

	@Bean
	@ConditionalOnMissingBean
	SignalSource slimtaSignalSource(SlimtaSystemProperties properties, ObjectProvider<Assessment> assessment) {
		SignalsProperties signals = properties.getSignals();
		Set<Signal> handled = signals.getHandled();
		Optional<SignalfdReader> reader = SignalfdReader.startIfPrepared();
		if (reader.isPresent()) {
			return preparedSource(reader.get(), signals);
		}
		if (signals.getBackend() == SignalBackend.JDK) {
			return new JdkSignalSource(handled);
		}
		Assessment decided = assessment.getIfAvailable(() -> SignalfdPreparation.assess(handled, signals.isRelaunch(),
				ProcessFacts.current("the application context was not started by SpringApplication")));
		if (signals.getBackend() == SignalBackend.SIGNALFD) {
			throw new SignalfdUnavailableException(decided.reason(), decided.remedy(), false);
		}
		logger.warn("Signals " + handled + " are taken through the JVM's handlers (sender pid and uid unknown): "
				+ decided.reason() + "; for signalfd, " + decided.remedy());
		return new JdkSignalSource(handled);
	}

	// The JVM runs with -Xrs: its own handlers cannot take the signals, so signalfd or nothing.
	private static SignalSource preparedSource(SignalfdReader reader, SignalsProperties signals) {
		Set<Integer> blocked = BlockedSignals.ofCurrentThread();
		if (!blocked.containsAll(SignalfdPreparation.numbers(reader.signals()))) {
			throw new SignalfdUnavailableException("its main thread does not block " + reader.signals(),
					"start it with java -jar, without -Xrs or -D" + SignalfdPreparation.MARKER_PROPERTY
							+ " of your own, so that the starter prepares it",
					true);
		}
		try {
			reader.awaitOpen(OPEN_TIMEOUT);
		}
		catch (IllegalStateException ex) {
			String remedy = NativeSignals.availability().remedy();
			throw new SignalfdUnavailableException(Objects.requireNonNullElse(ex.getMessage(), ex.toString()),
					remedy.isEmpty() ? "check that the process may make native calls" : remedy, true);
		}
		// The JVM's handlers cannot take signals under -Xrs: with backend=jdk too, signalfd (said at start-up).
		return new SignalfdSource(reader, signals.getHandled());
	}

	@Bean
	SignalShutdown slimtaSignalShutdown(SlimtaSystemProperties properties, ConfigurableApplicationContext context) {
		SignalsProperties signals = properties.getSignals();
		return new SignalShutdown(context, signals.getShutdownDelay(), signals.getExitStatus(), System::exit);
	}

	@Bean
	SignalDispatcher slimtaSignalDispatcher(SignalSource slimtaSignalSource, SlimtaSystemProperties properties,
			ConfigurableApplicationContext context, SignalShutdown slimtaSignalShutdown,
			ObjectProvider<HangupAction> hangupActions, ObjectProvider<SignalListenerTimer> timer,
			ReloadStatus slimtaReloadStatus) {
		SignalEventPublisher publisher = new SignalEventPublisher(slimtaSignalSource, context,
				timer.getIfAvailable(() -> SignalListenerTimer.NONE));
		HangupReload reload = new HangupReload(hangupActions.orderedStream().toList(), slimtaReloadStatus);
		return new SignalDispatcher(publisher, properties.getSignals().getShutdownOn(), slimtaSignalShutdown, reload);
	}

	@Bean
	SignalSourceLifecycle slimtaSignalSourceLifecycle(SignalSource slimtaSignalSource,
			SignalDispatcher slimtaSignalDispatcher, SignalShutdown slimtaSignalShutdown) {
		return new SignalSourceLifecycle(slimtaSignalSource, slimtaSignalDispatcher, slimtaSignalShutdown);
	}

	@Bean
	FeatureStatus slimtaSignalSourceStatus(SignalSource slimtaSignalSource) {
		return new SignalSourceStatus(slimtaSignalSource);
	}

	@Bean
	ReloadStatus slimtaReloadStatus() {
		return new ReloadStatus();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class SignalMetricsConfiguration {

		@Bean
		SignalMetrics slimtaSignalMetrics(ObjectProvider<MeterRegistry> registry) {
			return new SignalMetrics(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(LoggerContext.class)
	static class LogbackFilesConfiguration {

		@Bean
		LogFilesHangupAction slimtaLogbackFilesHangupAction() {
			return new LogFilesHangupAction(LogbackFiles.ifInUse());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ org.apache.logging.log4j.core.LoggerContext.class, Log4J2LoggingSystem.class })
	static class Log4jFilesConfiguration {

		// Only when Spring Boot logs through Log4j2: asking the Log4j API otherwise would pick a provider for it.
		@Bean
		LogFilesHangupAction slimtaLog4jFilesHangupAction(ObjectProvider<LoggingSystem> loggingSystem) {
			boolean inUse = loggingSystem.getIfAvailable() instanceof Log4J2LoggingSystem;
			return new LogFilesHangupAction(inUse ? Log4jFiles.ifInUse() : Optional.empty());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RefreshEvent.class)
	static class CloudRefreshConfiguration {

		@Bean
		CloudRefreshHangupAction slimtaCloudRefreshHangupAction(ApplicationEventPublisher publisher,
				Environment environment) {
			return new CloudRefreshHangupAction(publisher,
					(environment instanceof ConfigurableEnvironment configurable) ? configurable : null);
		}

	}

}
