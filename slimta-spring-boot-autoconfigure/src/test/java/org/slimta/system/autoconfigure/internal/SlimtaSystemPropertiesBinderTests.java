package org.slimta.system.autoconfigure.internal;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.autoconfigure.internal.daemon.DaemonDecisionAccess;
import org.slimta.system.autoconfigure.internal.signal.SignalPreparationAccess;
import org.slimta.system.autoconfigure.signal.SignalAutoConfiguration;
import org.slimta.system.signal.Signal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SlimtaSystemPropertiesBinderTests {

	@BeforeEach
	void firstStartUpOfTheJvm() {
		DaemonDecisionAccess.forgetFirstRun();
		SignalPreparationAccess.forgetFirstRun();
	}

	@Test
	void bindsEnvironmentVariablesInTheirOwnSpelling() {
		SlimtaSystemProperties properties = SlimtaSystemPropertiesBinder.bind(environment(Map.of(), Map.of(
				"SLIMTA_SYSTEM_SIGNALS_HANDLED", "HUP,INT,TERM,USR1", "SLIMTA_SYSTEM_SIGNALS_SHUTDOWN_ON", "TERM",
				"SLIMTA_SYSTEM_DAEMON_READYTIMEOUT", "5s", "SLIMTA_SYSTEM_PRIVILEGES_SUPPLEMENTARY_GROUPS", "false")));
		assertThat(properties.getSignals().getHandled()).containsExactly(Signal.SIGHUP, Signal.SIGINT, Signal.SIGTERM,
				Signal.SIGUSR1);
		assertThat(properties.getSignals().getShutdownOn()).containsExactly(Signal.SIGTERM);
		assertThat(properties.getDaemon().getReadyTimeout()).hasSeconds(5);
		assertThat(properties.getPrivileges().isSupplementaryGroups()).isFalse();
	}

	@Test
	void refusesAMisspeltEnvironmentVariable() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> SlimtaSystemPropertiesBinder
				.bind(environment(Map.of(), Map.of("SLIMTA_SYSTEM_PRIVILGES_USER", "mail"))))
			.satisfies((ex) -> {
				FailureAnalysis analysis = new InvalidSystemPropertyFailureAnalyzer().analyze(ex);
				assertThat(analysis.getDescription()).contains("'slimta.system.privilges.user': \"mail\"")
					.contains("SLIMTA_SYSTEM_PRIVILGES_USER");
				assertThat(analysis.getAction()).contains("to 'slimta.system.privileges.user'");
			});
	}

	@Test
	void refusesAMisspeltSystemProperty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> SlimtaSystemPropertiesBinder
				.bind(environment(Map.of("slimta.system.privileges.usr", "mail"), Map.of())))
			.satisfies((ex) -> assertThat(new InvalidSystemPropertyFailureAnalyzer().analyze(ex).getAction())
				.isEqualTo("Rename 'slimta.system.privileges.usr' to 'slimta.system.privileges.user', or remove it."));
	}

	@Test
	void refusesAShutdownSignalThatIsNotHandled() {
		assertThatExceptionOfType(ShutdownSignalsNotHandledException.class)
			.isThrownBy(() -> SlimtaSystemPropertiesBinder
				.bind(environment(Map.of("slimta.system.signals.shutdown-on", "INT,TERM,USR1"), Map.of())))
			.satisfies((ex) -> assertThat(ex.getNotHandled()).containsExactly(Signal.SIGUSR1));
	}

	@Test
	void failsTheApplicationBeforeTheContextExistsSoThatTheAnalyzersExplainIt() {
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> application.run("--slimta.system.privilges.user=mail"))
			.satisfies((ex) -> assertThat(new InvalidSystemPropertyFailureAnalyzer().analyze(ex).getDescription())
				.contains("'slimta.system.privilges.user': \"mail\" (from \"slimta.system.privilges.user\" from property source \"commandLineArgs\")"));
		assertThatExceptionOfType(ShutdownSignalsNotHandledException.class)
			.isThrownBy(() -> application.run("--slimta.system.signals.shutdown-on=SIGUSR1"));
	}

	private static StandardEnvironment environment(Map<String, Object> systemProperties,
			Map<String, Object> environmentVariables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
					new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, systemProperties));
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environmentVariables));
		return environment;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SlimtaSystemAutoConfiguration.class, SignalAutoConfiguration.class })
	static class Application {

	}

}
