package org.slimta.system.autoconfigure.signal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.health.SlimtaHealthContributorAutoConfiguration;
import org.slimta.system.autoconfigure.internal.signal.SignalfdUnavailableException;
import org.slimta.system.autoconfigure.internal.signal.SignalfdUnavailableFailureAnalyzer;
import org.slimta.system.boot.internal.health.SlimtaHealthIndicator;
import org.slimta.system.boot.internal.metrics.SignalMetrics;
import org.slimta.system.boot.internal.reload.CloudRefreshHangupAction;
import org.slimta.system.boot.internal.reload.FailingRefresh;
import org.slimta.system.boot.internal.signal.SignalDispatcher;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.internal.signal.JdkSignalSource;
import org.slimta.system.internal.signal.SignalSource;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalEvent;

import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.endpoint.event.RefreshEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

class SignalAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SlimtaSystemAutoConfiguration.class, SignalAutoConfiguration.class,
				SlimtaHealthContributorAutoConfiguration.class))
		.withUserConfiguration(Listeners.class);

	@Test
	void usesTheJvmsHandlersWhenTheProcessWasNotPrepared() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBean(SignalSource.class).isInstanceOf(JdkSignalSource.class);
			assertThat(health(context).getDetails()).containsEntry("signals", "jdk");
		});
	}

	@Test
	void deliversARealSignalThroughTheJvmsHandlers() {
		Linux.assumeLinux("sends a signal with kill(2)");
		// SIGUSR1, not SIGHUP: under nohup this JVM inherits HUP ignored, and HotSpot then leaves it ignored.
		this.contextRunner
			.withPropertyValues("slimta.system.signals.handled=SIGUSR1", "slimta.system.signals.shutdown-on=")
			.run((context) -> {
				assertThat(context.getBean(SignalSource.class).name()).isEqualTo("jdk");
				// Uncaught, SIGUSR1 would end this JVM.
				assertThat(ProcProcess.self().caughtSignals()).contains(Signal.SIGUSR1.number());
				Listeners listeners = context.getBean(Listeners.class);
				Posix.get().kill(Posix.get().pid(), Signal.SIGUSR1.number());
				assertThat(listeners.received.await(10, TimeUnit.SECONDS)).isTrue();
				assertThat(listeners.events).first().satisfies((event) -> {
					assertThat(event.getSignal()).isEqualTo(Signal.SIGUSR1);
					assertThat(event.getSenderPid()).isZero();
					assertThat(event.getSenderUid()).isEqualTo(-1);
				});
			});
	}

	@Test
	void keepsDeliveringAfterAListenerThrew() {
		this.contextRunner.withUserConfiguration(ThrowingListener.class).run((context) -> {
			SignalDispatcher dispatcher = context.getBean(SignalDispatcher.class);
			dispatcher.handle(Signal.SIGUSR1, 42, 1000);
			dispatcher.handle(Signal.SIGUSR1, 43, 1000);
			assertThat(context.getBean(ThrowingListener.class).calls).isEqualTo(2);
		});
	}

	@Test
	void failsWhenSignalfdIsRequiredButCannotWork() {
		this.contextRunner.withPropertyValues("slimta.system.signals.backend=signalfd").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(SignalfdUnavailableException.class);
			SignalfdUnavailableException cause = (SignalfdUnavailableException) org.springframework.core.NestedExceptionUtils
				.getRootCause(context.getStartupFailure());
			FailureAnalysis analysis = new SignalfdUnavailableFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'slimta.system.signals.backend'")
				.contains(cause.getReason());
			assertThat(analysis.getAction()).contains("'auto'").contains("'jdk'");
		});
	}

	@Test
	void takesNoSignalsWhenDisabled() {
		this.contextRunner.withPropertyValues("slimta.system.signals.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SignalDispatcher.class).doesNotHaveBean(SignalSource.class);
			assertThat(health(context).getDetails()).containsEntry("signals", "disabled");
		});
	}

	@Test
	void isDownWhenTheSignalSourceFailed() {
		this.contextRunner.withBean(SignalSource.class, FailedSource::new).run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("signals", "signalfd");
		});
	}

	@Test
	void countsSignalsWhenTheApplicationHasAMeterRegistry() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			context.getBean(SignalDispatcher.class).handle(Signal.SIGUSR1, 1, 0);
			context.getBean(SignalDispatcher.class).handle(Signal.SIGUSR1, 1, 0);
			assertThat(context.getBean(MeterRegistry.class)
				.get(SignalMetrics.METER_NAME)
				.tag("signal", "SIGUSR1")
				.counter()
				.count()).isEqualTo(2.0);
		});
	}

	@Test
	void needsNoMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SignalMetrics.class));
	}

	@Test
	void refreshesSpringCloudContextAfterTheListenersOfHangup() {
		this.contextRunner.withUserConfiguration(RefreshListener.class).run((context) -> {
			context.getBean(SignalDispatcher.class).handle(Signal.SIGHUP, 1, 0);
			assertThat(context.getBean(RefreshListener.class).order).containsExactly("SignalEvent", "RefreshEvent");
		});
	}

	@Test
	void needsNoSpringCloud() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RefreshEvent.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CloudRefreshHangupAction.class));
	}

	@Test
	void reloadsNoConfigurationWithoutSpringCloud() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RefreshEvent.class)).run((context) -> {
			context.getBean(SignalDispatcher.class).handle(Signal.SIGHUP, 42, 0);
			assertThat(reloadDetail(context)).containsEntry("succeeded", true)
				.doesNotContainKey("skipped")
				.extractingByKey("reloaded")
				.asList()
				.noneMatch((reloaded) -> reloaded.toString().startsWith("configuration"));
		});
	}

	@Test
	void reopensLogbackFilesOnHangupOnlyWhereLogbackIsTheLoggingSystem() {
		this.contextRunner.run((context) -> assertThat(context).hasBean("slimtaLogbackFilesHangupAction")
			.hasBean("slimtaLog4jFilesHangupAction"));
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(ch.qos.logback.classic.LoggerContext.class,
					org.apache.logging.log4j.core.LoggerContext.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("slimtaLogbackFilesHangupAction")
				.doesNotHaveBean("slimtaLog4jFilesHangupAction"));
	}

	@Test
	void showsNoReloadBeforeTheFirstHangup() {
		this.contextRunner.run((context) -> assertThat(health(context).getDetails()).containsEntry("reload",
				Map.of("count", 0L)));
	}

	@Test
	void showsTheConfigurationKeysTheRefreshChanged() {
		this.contextRunner.withUserConfiguration(ChangingRefresh.class).run((context) -> {
			context.publishEvent(readyEvent(context));
			context.getBean(SignalDispatcher.class).handle(Signal.SIGHUP, 42, 0);
			Map<String, Object> reload = reloadDetail(context);
			assertThat(reload).containsEntry("count", 1L).containsEntry("succeeded", true).containsKey("last");
			assertThat((List<String>) reload.get("reloaded"))
				.contains("configuration (2 keys changed: logging.level.org.example, sample.greeting)");
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void saysTheConfigurationWasNotReloadedBeforeTheApplicationIsReady() {
		this.contextRunner.run((context) -> {
			context.getBean(SignalDispatcher.class).handle(Signal.SIGHUP, 42, 0);
			assertThat(reloadDetail(context)).containsEntry("succeeded", true)
				.extractingByKey("skipped")
				.asList()
				.containsExactly("configuration (Spring Cloud refreshes only once the application is ready)");
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aFailedRefreshIsAnErrorWithItsReasonAndTheApplicationStaysUp(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(FailingRefresh.class).run((context) -> {
			context.publishEvent(readyEvent(context));
			context.getBean(SignalDispatcher.class).handle(Signal.SIGHUP, 42, 0);
			Map<String, Object> reload = reloadDetail(context);
			assertThat(reload).containsEntry("succeeded", false);
			assertThat((List<String>) reload.get("failures")).singleElement()
				.asString()
				.startsWith("configuration (kept the previous one; fix the file and send SIGHUP again): Failed to load "
						+ "property source from location 'file:config/application.yml': mapping values are not allowed "
						+ "here in 'reader', line 2");
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			assertThat(output).contains("ERROR")
				.contains("Reload after SIGHUP from pid 42 in ")
				.contains(" failed: configuration (kept the previous one; fix the file and send SIGHUP again): Failed to "
						+ "load property source");
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void saysWhatWasReloadedInOneInfoLine(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ChangingRefresh.class).run((context) -> {
			context.publishEvent(readyEvent(context));
			context.getBean(SignalDispatcher.class).handle(Signal.SIGHUP, 42, 0);
			assertThat(output).containsPattern("INFO .* Reloaded after SIGHUP from pid 42 in [0-9]+ ms: configuration "
					+ "\\(2 keys changed: logging.level.org.example, sample.greeting\\)");
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> reloadDetail(org.springframework.context.ApplicationContext context) {
		return (Map<String, Object>) health(context).getDetails().get("reload");
	}

	private static ApplicationReadyEvent readyEvent(ConfigurableApplicationContext context) {
		return new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO);
	}

	private static Health health(org.springframework.context.ApplicationContext context) {
		return context.getBean(SlimtaHealthIndicator.class).health();
	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		final List<SignalEvent> events = new CopyOnWriteArrayList<>();

		final CountDownLatch received = new CountDownLatch(1);

		@EventListener
		void on(SignalEvent event) {
			this.events.add(event);
			this.received.countDown();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThrowingListener {

		int calls;

		@EventListener
		void on(SignalEvent event) {
			this.calls++;
			throw new IllegalStateException("listener failure " + this.calls);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RefreshListener {

		final List<String> order = new CopyOnWriteArrayList<>();

		@EventListener
		void on(SignalEvent event) {
			this.order.add("SignalEvent");
		}

		@Bean
		ApplicationListener<RefreshEvent> refreshListener() {
			return (event) -> this.order.add("RefreshEvent");
		}

	}

	/** What Spring Cloud's refresh does when the configuration changed: announces the keys. */
	@Configuration(proxyBeanMethods = false)
	static class ChangingRefresh {

		@Bean
		ApplicationListener<RefreshEvent> changingRefresh(ApplicationEventPublisher publisher) {
			return (event) -> publisher.publishEvent(
					new EnvironmentChangeEvent(Set.of("sample.greeting", "logging.level.org.example")));
		}

	}

	static class FailedSource implements SignalSource {

		@Override
		public String name() {
			return "signalfd";
		}

		@Override
		public java.util.Set<Signal> start(org.slimta.system.internal.signal.SignalHandler handler) {
			return java.util.Set.of();
		}

		@Override
		public void stop() {
		}

		@Override
		public boolean failed() {
			return true;
		}

	}

}
