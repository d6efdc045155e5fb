package org.slimta.system.autoconfigure;

import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.signal.JdkSignalSource;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalBackend;
import org.slimta.system.signal.SignalSource;
import org.slimta.system.signal.SignalfdPreparation;
import org.slimta.system.signal.SignalfdPreparation.Assessment;
import org.slimta.system.signal.SignalfdPreparation.ProcessFacts;
import org.slimta.system.signal.SignalfdPreparation.Verdict;
import org.slimta.system.signal.SignalfdSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.endpoint.event.RefreshEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes {@link org.slimta.system.signal.SignalEvent}s for {@code slimta.system.signals.handled},
 * read from signalfd where the process was prepared for it, else through the JVM's handlers.
 */
@AutoConfiguration(after = SlimtaSystemAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "slimta.system.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "slimta.system.signals.enabled", matchIfMissing = true)
public final class SignalAutoConfiguration {

	/** The bean that holds what {@link SignalPreparationEnvironmentPostProcessor} decided. */
	static final String ASSESSMENT_BEAN_NAME = "slimtaSignalfdAssessment";

	private static final Log logger = LogFactory.getLog(SignalAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	SignalSource slimtaSignalSource(SlimtaSystemProperties properties, ObjectProvider<Assessment> assessment) {
		SlimtaSystemProperties.Signals signals = properties.getSignals();
		Set<Signal> handled = signals.getHandled();
		if (signals.getBackend() == SignalBackend.JDK) {
			return new JdkSignalSource(handled);
		}
		Assessment decided = assessment.getIfAvailable(() -> SignalfdPreparation.assess(handled, signals.isRelaunch(),
				ProcessFacts.current("the application context was not started by SpringApplication")));
		if (decided.verdict() == Verdict.PREPARED) {
			return new SignalfdSource(handled);
		}
		if (signals.getBackend() == SignalBackend.SIGNALFD) {
			throw new SignalfdUnavailableException(decided.reason(), decided.remedy());
		}
		logger.warn("Signals " + handled + " are taken through the JVM's handlers (sender pid and uid unknown): "
				+ decided.reason() + "; for signalfd, " + decided.remedy());
		return new JdkSignalSource(handled);
	}

	@Bean
	SignalDispatcher slimtaSignalDispatcher(SignalSource slimtaSignalSource, SlimtaSystemProperties properties,
			ConfigurableApplicationContext context, ObjectProvider<HangupAction> hangupActions) {
		return new SignalDispatcher(slimtaSignalSource, properties.getSignals().getShutdownOn(), context,
				hangupActions.orderedStream().toList());
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
	@ConditionalOnClass(RefreshEvent.class)
	static class CloudRefreshConfiguration {

		@Bean
		CloudRefreshHangupAction slimtaCloudRefreshHangupAction(ApplicationEventPublisher publisher) {
			return new CloudRefreshHangupAction(publisher);
		}

	}

}
