package org.slimta.system.autoconfigure.internal.signal;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.internal.daemon.DaemonDecisionAccess;
import org.slimta.system.autoconfigure.internal.daemon.DaemonEnvironmentPostProcessor;
import org.slimta.system.autoconfigure.signal.SignalAutoConfiguration;
import org.slimta.system.internal.signal.JdkSignalSource;
import org.slimta.system.internal.signal.SignalSource;
import org.slimta.system.internal.signal.SignalfdPreparation.Assessment;
import org.slimta.system.internal.signal.SignalfdPreparation.Verdict;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SignalPreparationEnvironmentPostProcessorTests {

	@BeforeEach
	void firstStartUpOfTheJvm() {
		DaemonDecisionAccess.forgetFirstRun();
		SignalPreparationEnvironmentPostProcessor.forgetFirstRun();
	}

	@Test
	void neverRelaunchesATestRunnerAndSaysWhy() {
		try (ConfigurableApplicationContext context = application().run()) {
			Assessment assessment = context.getBean(SignalPreparationEnvironmentPostProcessor.ASSESSMENT_BEAN_NAME, Assessment.class);
			assertThat(assessment.verdict()).isEqualTo(Verdict.UNAVAILABLE);
			assertThat(assessment.reason()).contains("SignalPreparationEnvironmentPostProcessorTests.neverRelaunchesATestRunnerAndSaysWhy");
			assertThat(context.getBean(SignalSource.class)).isInstanceOf(JdkSignalSource.class);
		}
	}

	@Test
	void decidesNothingForTheJdkBackend() {
		try (ConfigurableApplicationContext context = application().run("--slimta.system.signals.backend=jdk")) {
			assertThat(context.containsBean(SignalPreparationEnvironmentPostProcessor.ASSESSMENT_BEAN_NAME)).isFalse();
			assertThat(context.getBean(SignalSource.class)).isInstanceOf(JdkSignalSource.class);
		}
	}

	@Test
	void reportsAnInvalidSignalBeforeTheContextExists() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> application().run("--slimta.system.signals.handled=SIGHUP,SIGFOO"))
			.satisfies((ex) -> assertThat(ex.getName()).hasToString("slimta.system.signals.handled"));
	}

	@Test
	void doesNothingWhenARefreshPreparesAnEnvironmentAgain() {
		try (ConfigurableApplicationContext context = application().run()) {
			SpringApplication application = application();
			int initializers = application.getInitializers().size();
			// Not even bound: the process was prepared, or not, for good.
			new SignalPreparationEnvironmentPostProcessor((destination) -> destination.get())
				.postProcessEnvironment(environment("slimta.system.signals.handled", "SIGFOO"), application);
			new DaemonEnvironmentPostProcessor((destination) -> destination.get())
				.postProcessEnvironment(environment("slimta.system.daemon.enabled", "maybe"), application);
			assertThat(application.getInitializers()).hasSize(initializers);
		}
	}

	private static StandardEnvironment environment(String name, String value) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("refresh", Map.of(name, value)));
		return environment;
	}

	private static SpringApplication application() {
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SlimtaSystemAutoConfiguration.class, SignalAutoConfiguration.class })
	static class Application {

	}

}
