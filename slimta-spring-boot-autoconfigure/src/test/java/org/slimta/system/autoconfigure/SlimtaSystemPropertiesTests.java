package org.slimta.system.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.slimta.system.autoconfigure.internal.InvalidSystemPropertyFailureAnalyzer;
import org.slimta.system.autoconfigure.internal.ShutdownSignalsNotHandledFailureAnalyzer;
import org.slimta.system.daemon.NotifyMode;
import org.slimta.system.daemon.Umask;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalBackend;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SlimtaSystemPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SlimtaSystemAutoConfiguration.class));

	@Test
	void defaultsMatchTheDocumentedContract() {
		this.contextRunner.run((context) -> {
			SlimtaSystemProperties properties = context.getBean(SlimtaSystemProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getSignals().isEnabled()).isTrue();
			assertThat(properties.getSignals().getBackend()).isEqualTo(SignalBackend.AUTO);
			assertThat(properties.getSignals().getHandled()).containsExactly(Signal.SIGHUP, Signal.SIGINT,
					Signal.SIGTERM);
			assertThat(properties.getSignals().getShutdownOn()).containsExactly(Signal.SIGINT, Signal.SIGTERM);
			assertThat(properties.getSignals().isRelaunch()).isTrue();
			assertThat(properties.getSignals().getShutdownDelay()).isZero();
			assertThat(properties.getSignals().getExitStatus()).isNull();
			assertThat(properties.getPrivileges().getUser()).isNull();
			assertThat(properties.getPrivileges().getGroup()).isNull();
			assertThat(properties.getPrivileges().isSupplementaryGroups()).isTrue();
			assertThat(properties.getDaemon().isEnabled()).isFalse();
			assertThat(properties.getDaemon().getWorkingDirectory()).isEqualTo(Path.of("/"));
			assertThat(properties.getDaemon().getUmask()).isEqualTo(new Umask(0));
			assertThat(properties.getDaemon().getPidFile()).isNull();
			assertThat(properties.getDaemon().getStdout()).isEqualTo(Path.of("/dev/null"));
			assertThat(properties.getDaemon().getStderr()).isEqualTo(Path.of("/dev/null"));
			assertThat(properties.getDaemon().getReadyTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.getDaemon().getNotify()).isEqualTo(NotifyMode.AUTO);
			assertThat(properties.getUuid().getVersion()).isEqualTo(4);
		});
	}

	@Test
	void bindsEveryPropertyAsWritten() {
		this.contextRunner
			.withPropertyValues("slimta.system.signals.enabled=false", "slimta.system.signals.backend=signalfd",
					"slimta.system.signals.handled=hup, Usr1,SIGQUIT,term", "slimta.system.signals.shutdown-on=TERM",
					"slimta.system.signals.relaunch=false", "slimta.system.signals.shutdown-delay=10s",
					"slimta.system.signals.exit-status=0", "slimta.system.privileges.user=mail",
					"slimta.system.privileges.group=12", "slimta.system.privileges.supplementary-groups=false",
					"slimta.system.daemon.enabled=true", "slimta.system.daemon.working-directory=/var/lib/mail",
					"slimta.system.daemon.umask=027", "slimta.system.daemon.pid-file=/run/mail.pid",
					"slimta.system.daemon.stdout=/var/log/mail.out", "slimta.system.daemon.stderr=/var/log/mail.err",
					"slimta.system.daemon.ready-timeout=2m", "slimta.system.daemon.notify=never",
					"slimta.system.uuid.version=7")
			.run((context) -> {
				SlimtaSystemProperties properties = context.getBean(SlimtaSystemProperties.class);
				assertThat(properties.getSignals().isEnabled()).isFalse();
				assertThat(properties.getSignals().getBackend()).isEqualTo(SignalBackend.SIGNALFD);
				assertThat(properties.getSignals().getHandled()).containsExactly(Signal.SIGHUP, Signal.SIGUSR1,
						Signal.SIGQUIT, Signal.SIGTERM);
				assertThat(properties.getSignals().getShutdownOn()).containsExactly(Signal.SIGTERM);
				assertThat(properties.getSignals().isRelaunch()).isFalse();
				assertThat(properties.getSignals().getShutdownDelay()).isEqualTo(Duration.ofSeconds(10));
				assertThat(properties.getSignals().getExitStatus()).isZero();
				assertThat(properties.getPrivileges().getUser()).isEqualTo("mail");
				assertThat(properties.getPrivileges().getGroup()).isEqualTo("12");
				assertThat(properties.getPrivileges().isSupplementaryGroups()).isFalse();
				assertThat(properties.getDaemon().isEnabled()).isTrue();
				assertThat(properties.getDaemon().getWorkingDirectory()).isEqualTo(Path.of("/var/lib/mail"));
				assertThat(properties.getDaemon().getUmask().bits()).isEqualTo(027);
				assertThat(properties.getDaemon().getPidFile()).isEqualTo(Path.of("/run/mail.pid"));
				assertThat(properties.getDaemon().getStdout()).isEqualTo(Path.of("/var/log/mail.out"));
				assertThat(properties.getDaemon().getStderr()).isEqualTo(Path.of("/var/log/mail.err"));
				assertThat(properties.getDaemon().getReadyTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.getDaemon().getNotify()).isEqualTo(NotifyMode.NEVER);
				assertThat(properties.getUuid().getVersion()).isEqualTo(7);
			});
	}

	@Test
	void unknownSignalFailsStartupNamingPropertyValueAndAcceptedNames() {
		assertFailure("slimta.system.signals.handled=HUP,SIGFOO", (analysis) -> {
			assertThat(analysis.getDescription()).contains("'slimta.system.signals.handled'")
				.contains("\"HUP,SIGFOO\"")
				.contains("unknown signal 'SIGFOO'");
			assertThat(analysis.getAction()).startsWith(
					"Set 'slimta.system.signals.handled' to a comma-separated list of SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGTERM");
		});
	}

	@Test
	void sigusr2InHandledFailsStartupSayingWhyAndToUseSigusr1() {
		assertFailure("slimta.system.signals.handled=HUP,INT,TERM,USR1,USR2", (analysis) -> {
			assertThat(analysis.getDescription()).contains("'slimta.system.signals.handled'")
				.contains("\"HUP,INT,TERM,USR1,USR2\"")
				.contains("SIGUSR2 is HotSpot's own signal")
				.contains("signalfd never sees it, and sun.misc.Signal cannot take it");
			assertThat(analysis.getAction()).isEqualTo("Set 'slimta.system.signals.handled' to a comma-separated "
					+ "list of SIGHUP, SIGINT, SIGQUIT, SIGUSR1 or SIGTERM without SIGUSR2 (for a signal of the "
					+ "application's own, use SIGUSR1), or remove it to use the default.");
		});
	}

	@Test
	void sigusr2InShutdownOnFailsStartup() {
		assertFailure("slimta.system.signals.shutdown-on=sigusr2", (analysis) -> {
			assertThat(analysis.getDescription()).contains("'slimta.system.signals.shutdown-on'")
				.contains("SIGUSR2 is HotSpot's own signal");
			assertThat(analysis.getAction()).startsWith("Set 'slimta.system.signals.shutdown-on' to a comma-separated list of")
				.contains("without SIGUSR2");
		});
	}

	@Test
	void shutdownSignalThatIsNotHandledFailsStartupNamingBothProperties() {
		this.contextRunner.withPropertyValues("slimta.system.signals.shutdown-on=SIGUSR1").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ShutdownSignalsNotHandledFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo(String.format(
					"Property 'slimta.system.signals.shutdown-on' (SIGUSR1) names SIGUSR1, which "
							+ "'slimta.system.signals.handled' (SIGHUP, SIGINT, SIGTERM) does not take over.%n%n"
							+ "    The application only sees the signals it handles, so it could never shut down on it."));
			assertThat(analysis.getAction()).startsWith(
					"Add SIGUSR1 to 'slimta.system.signals.handled', or remove it from 'slimta.system.signals.shutdown-on'");
		});
	}

	@Test
	void handledWithoutTheDefaultShutdownSignalsFailsStartupNamingThem() {
		this.contextRunner.withPropertyValues("slimta.system.signals.handled=HUP").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ShutdownSignalsNotHandledFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("names SIGINT, SIGTERM, which");
			assertThat(analysis.getAction()).startsWith("Add SIGINT, SIGTERM to 'slimta.system.signals.handled'")
				.contains("an empty value leaves every handled signal to the application, which decides what it does; a "
						+ "SIGHUP, SIGINT or SIGTERM left out of 'slimta.system.signals.handled' still ends the application"
						+ " as the JVM's own handler would");
		});
	}

	@Test
	void emptyShutdownOnTakesNoShutdownSignal() {
		this.contextRunner
			.withPropertyValues("slimta.system.signals.handled=HUP", "slimta.system.signals.shutdown-on=")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SlimtaSystemProperties.class).getSignals().getShutdownOn()).isEmpty();
			});
	}

	@Test
	void relaxedNamesStillBind() {
		this.contextRunner
			.withPropertyValues("slimta.system.signals.shutdownOn=TERM", "slimta.system.privileges.SUPPLEMENTARY_GROUPS=false",
					"slimta.system.daemon.ready_timeout=5s", "slimta.system.signals.handled[0]=HUP",
					"slimta.system.signals.handled[1]=TERM")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SlimtaSystemProperties properties = context.getBean(SlimtaSystemProperties.class);
				assertThat(properties.getSignals().getShutdownOn()).containsExactly(Signal.SIGTERM);
				assertThat(properties.getSignals().getHandled()).containsExactly(Signal.SIGHUP, Signal.SIGTERM);
				assertThat(properties.getPrivileges().isSupplementaryGroups()).isFalse();
				assertThat(properties.getDaemon().getReadyTimeout()).isEqualTo(Duration.ofSeconds(5));
			});
		this.contextRunner.withPropertyValues("slimta.system.signals.SHUTDOWN_ON=TERM")
			.run((context) -> assertThat(context.getBean(SlimtaSystemProperties.class).getSignals().getShutdownOn())
				.containsExactly(Signal.SIGTERM));
	}

	@Test
	void misspeltPropertyFailsStartupSuggestingTheKnownOne() {
		this.contextRunner.withPropertyValues("slimta.system.privilges.user=mail").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidSystemPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith("Unknown property under 'slimta.system'")
				.contains("'slimta.system.privilges.user': \"mail\" (from ");
			assertThat(analysis.getAction())
				.isEqualTo("Rename 'slimta.system.privilges.user' to 'slimta.system.privileges.user', or remove it.");
		});
	}

	@Test
	void unknownPropertyLikeNoOtherFailsStartupListingTheKnownOnes() {
		this.contextRunner.withPropertyValues("slimta.system.colour=blue", "slimta.system.signals.handeld=HUP")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidSystemPropertyFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).startsWith("Unknown properties under 'slimta.system'")
					.contains("'slimta.system.colour': \"blue\"")
					.contains("'slimta.system.signals.handeld': \"HUP\"");
				assertThat(analysis.getAction()).contains("Remove 'slimta.system.colour'.")
					.contains("Rename 'slimta.system.signals.handeld' to 'slimta.system.signals.handled', or remove it.")
					.contains("The properties under 'slimta.system' are: daemon.enabled, daemon.notify,")
					.contains("signals.shutdown-on, sockets.activation, uuid.version.");
			});
	}

	@Test
	void longValuesAreCutInTheAnalysis() {
		String huge = "x".repeat(100_000);
		assertFailure("slimta.system.signals.handled=HUP," + huge, (analysis) -> {
			assertThat(analysis.getDescription()).hasSizeLessThan(1000)
				.contains("\"HUP," + "x".repeat(56) + "…\"")
				.contains("unknown signal '" + "x".repeat(60) + "…'");
			assertThat(analysis.getAction()).hasSizeLessThan(1000);
		});
		this.contextRunner.withPropertyValues("slimta.system.privileges.usr=" + huge).run((context) -> {
			FailureAnalysis analysis = new InvalidSystemPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).hasSizeLessThan(1000).contains("\"" + "x".repeat(60) + "…\"");
		});
	}

	@Test
	void umaskThatIsNotOctalFailsStartup() {
		assertFailure("slimta.system.daemon.umask=0999", (analysis) -> {
			assertThat(analysis.getDescription()).contains("'slimta.system.daemon.umask'")
				.contains("\"0999\"")
				.contains("'0999' is not an octal umask");
			assertThat(analysis.getAction()).contains("an octal number from 0 to 0777");
		});
	}

	@Test
	void umaskAboveOctal777FailsStartup() {
		assertFailure("slimta.system.daemon.umask=1000",
				(analysis) -> assertThat(analysis.getDescription()).contains("larger than 0777"));
	}

	@Test
	void umaskThatYamlReadAsANumberFailsStartupAskingForQuotes() {
		this.contextRunner.withPropertyValues("slimta.system.daemon.umask=0").run((context) -> {
			assertThat(context).hasNotFailed();
		});
		this.contextRunner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new org.springframework.core.env.MapPropertySource("yaml",
					java.util.Map.of("slimta.system.daemon.umask", 18))))
			.run((context) -> {
				FailureAnalysis analysis = new InvalidSystemPropertyFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("read this umask as the number 18");
				assertThat(analysis.getAction()).contains("umask: \"027\"");
			});
	}

	@Test
	void nonPositiveReadyTimeoutFailsStartup() {
		for (String timeout : new String[] { "0s", "-5s" }) {
			assertFailure("slimta.system.daemon.ready-timeout=" + timeout, (analysis) -> {
				assertThat(analysis.getDescription()).contains("slimta.system.daemon.ready-timeout")
					.contains("the timeout must be positive");
				assertThat(analysis.getAction()).contains("a positive duration");
			});
		}
	}

	@Test
	void negativeShutdownDelayFailsStartup() {
		assertFailure("slimta.system.signals.shutdown-delay=-5s", (analysis) -> {
			assertThat(analysis.getDescription()).contains("slimta.system.signals.shutdown-delay")
				.contains("the delay cannot be negative");
			assertThat(analysis.getAction()).contains("0 for none, or a positive duration");
		});
	}

	@Test
	void exitStatusBeyondOneByteFailsStartup() {
		for (String status : new String[] { "256", "-1" }) {
			assertFailure("slimta.system.signals.exit-status=" + status, (analysis) -> {
				assertThat(analysis.getDescription()).contains("slimta.system.signals.exit-status")
					.contains("an exit status is one byte");
				assertThat(analysis.getAction()).contains("a number from 0 to 255");
			});
		}
	}

	@Test
	void unsupportedUuidVersionFailsStartup() {
		assertFailure("slimta.system.uuid.version=5", (analysis) -> {
			assertThat(analysis.getDescription()).contains("slimta.system.uuid.version")
				.contains("unsupported UUID version 5");
			assertThat(analysis.getAction()).contains("1, 4, 7");
		});
	}

	@Test
	void unknownBackendFailsStartupListingTheBackends() {
		assertFailure("slimta.system.signals.backend=epoll", (analysis) -> {
			assertThat(analysis.getDescription()).contains("'slimta.system.signals.backend'")
				.contains("\"epoll\"")
				.contains("not one of the accepted values");
			assertThat(analysis.getAction()).isEqualTo(
					"Set 'slimta.system.signals.backend' to one of 'auto', 'signalfd', 'jdk', or remove it to use the default.");
		});
	}

	@Test
	void switchThatIsNeitherTrueNorFalseFailsStartupSayingSo() {
		assertFailure("slimta.system.signals.relaunch=maybe", (analysis) -> {
			assertThat(analysis.getDescription()).contains("'maybe' is not true or false");
			assertThat(analysis.getAction()).isEqualTo(
					"Set 'slimta.system.signals.relaunch' to true or false, or remove it to use the default.");
		});
	}

	@Test
	void durationThatDoesNotParseFailsStartupWithAnExample() {
		assertFailure("slimta.system.signals.shutdown-delay=soon", (analysis) -> {
			assertThat(analysis.getDescription()).contains("'soon' is not a duration such as 500ms, 30s or 2m");
			assertThat(analysis.getAction()).startsWith(
					"Set 'slimta.system.signals.shutdown-delay' to a duration such as 500ms, 30s or 2m,");
		});
	}

	@Test
	void numberThatDoesNotParseFailsStartupAskingForAWholeNumber() {
		assertFailure("slimta.system.signals.exit-status=x", (analysis) -> {
			assertThat(analysis.getDescription()).contains("'x' is not a whole number").doesNotContain("For input string");
			assertThat(analysis.getAction()).startsWith("Set 'slimta.system.signals.exit-status' to a whole number,");
		});
	}

	@Test
	void leavesFailuresOfOtherPropertiesToSpringBoot() {
		new ApplicationContextRunner().withUserConfiguration(OtherPropertiesConfiguration.class)
			.withPropertyValues("other.timeout=soon")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new InvalidSystemPropertyFailureAnalyzer().analyze(context.getStartupFailure())).isNull();
			});
	}

	private void assertFailure(String property, java.util.function.Consumer<FailureAnalysis> check) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidSystemPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).as("analysis of %s", property).isNotNull();
			check.accept(analysis);
		});
	}

	@org.springframework.boot.context.properties.EnableConfigurationProperties(OtherProperties.class)
	static class OtherPropertiesConfiguration {

	}

	@org.springframework.boot.context.properties.ConfigurationProperties("other")
	static class OtherProperties {

		private Duration timeout;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
