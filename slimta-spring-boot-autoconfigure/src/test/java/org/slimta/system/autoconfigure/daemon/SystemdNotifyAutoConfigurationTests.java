package org.slimta.system.autoconfigure.daemon;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slimta.system.internal.NotifySocketExtension;
import org.slimta.system.testsupport.DatagramInbox;
import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.internal.ProcessIdentity;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.signal.SignalAutoConfiguration;
import org.slimta.system.boot.internal.signal.SignalDispatcher;
import org.slimta.system.boot.internal.daemon.SystemdStateReporter;
import org.slimta.system.boot.internal.daemon.SystemdWatchdogLifecycle;
import org.slimta.system.boot.internal.reload.FailingRefresh;
import org.slimta.system.boot.internal.reload.Reload;
import org.slimta.system.internal.daemon.SystemdNotifier;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalEvent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(NotifySocketExtension.class)
class SystemdNotifyAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SlimtaSystemAutoConfiguration.class, SignalAutoConfiguration.class,
				SystemdNotifyAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class));

	@Test
	void tellsSystemdReadyReloadingAndStoppingWithAStatusEachTime(DatagramInbox systemd) throws Exception {
		String socket = systemd.address();
		String serving = "serving as " + ProcessIdentity.current().user() + " (uid " + ProcessIdentity.current().uid()
				+ ")";
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=" + socket).run((context) -> {
			started(context);
			assertThat(systemd.next(TIMEOUT)).isEqualTo("READY=1\nSTATUS=" + serving);
			context.getBean(SignalDispatcher.class).handle(Signal.SIGHUP, 4711, 0);
			assertThat(systemd.next(TIMEOUT))
				.matches("RELOADING=1\nMONOTONIC_USEC=[0-9]+\nSTATUS=reloading on SIGHUP from pid 4711");
			assertThat(systemd.next(TIMEOUT))
				.matches("READY=1\nSTATUS=" + Pattern.quote(serving) + "; reloaded at [0-9T:.Z-]+.*");
			// The JVM's handlers cannot tell the sender.
			context.getBean(SignalDispatcher.class).handle(Signal.SIGHUP, 0, -1);
			assertThat(systemd.next(TIMEOUT)).endsWith("\nSTATUS=reloading on SIGHUP");
			assertThat(systemd.next(TIMEOUT)).startsWith("READY=1\nSTATUS=" + serving + "; reloaded at ");
		});
		assertThat(systemd.next(TIMEOUT)).isEqualTo("STOPPING=1\nSTATUS=stopping");
	}

	@Test
	void namesEveryWebServersPortInTheServingStatus(DatagramInbox systemd) throws Exception {
		String socket = systemd.address();
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=" + socket)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("server.ports",
						Map.of("local.management.port", 8081, "local.server.port", 8080))))
			.run((context) -> {
				started(context);
				assertThat(systemd.next(TIMEOUT))
					.startsWith("READY=1\nSTATUS=serving on port 8080 and management port 8081 as ");
			});
	}

	@Test
	void saysStoppingAsSoonAsAShutdownSignalArrivesAndOnlyOnce(DatagramInbox systemd) throws Exception {
		String socket = systemd.address();
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=" + socket, "slimta.system.signals.shutdown-delay=15s")
			.run((context) -> {
				// Published as the dispatcher publishes it, without the exit that follows.
				context.publishEvent(new SignalEvent(this, Signal.SIGTERM, 1, 0));
				assertThat(systemd.next(TIMEOUT)).isEqualTo(
						"STOPPING=1\nSTATUS=stopping on SIGTERM from pid 1, refusing traffic for 15000 ms first");
				context.publishEvent(new SignalEvent(this, Signal.SIGINT, 1, 0));
			});
		assertThat(systemd.within(Duration.ofMillis(200))).isEmpty();
	}

	@Test
	void saysNothingReadyAfterStopping(DatagramInbox systemd) throws Exception {
		String socket = systemd.address();
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=" + socket, "slimta.system.signals.shutdown-delay=15s")
			.run((context) -> {
				SystemdStateReporter reporter = context.getBean(SystemdStateReporter.class);
				context.publishEvent(new SignalEvent(this, Signal.SIGHUP, 1, 0));
				assertThat(systemd.next(TIMEOUT)).startsWith("RELOADING=1");
				// SIGTERM during the reload: the reload ends after it, then another SIGHUP.
				context.publishEvent(new SignalEvent(this, Signal.SIGTERM, 1, 0));
				assertThat(systemd.next(TIMEOUT)).startsWith("STOPPING=1\n");
				reporter.afterHangup(new Reload(1));
				context.publishEvent(new SignalEvent(this, Signal.SIGHUP, 1, 0));
				started(context);
			});
		assertThat(systemd.within(Duration.ofMillis(200))).isEmpty();
	}

	@Test
	void tellsSystemdThatTheReloadFailedAndWhy(DatagramInbox systemd) throws Exception {
		String socket = systemd.address();
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=" + socket)
			.withUserConfiguration(FailingRefresh.class)
			.run((context) -> {
				context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context,
						Duration.ZERO));
				context.getBean(SignalDispatcher.class).handle(Signal.SIGHUP, 1, 0);
				assertThat(systemd.next(TIMEOUT)).startsWith("RELOADING=1");
				// First, so that the line, cut at 200 characters for systemctl status, still says that it failed.
				assertThat(systemd.next(TIMEOUT)).matches("READY=1\nSTATUS=reload at [0-9T:.Z-]+ failed: configuration "
						+ "\\(kept the previous one; fix the file and send SIGHUP again\\): Failed to load property "
						+ "source .*");
			});
	}

	@Test
	void staysSilentWithoutNotifySocketOrWhenTurnedOff() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SystemdStateReporter.class)
			.doesNotHaveBean(SystemdNotifier.class));
		this.contextRunner
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "slimta.system.daemon.notify=never",
					"WATCHDOG_USEC=2000000")
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdStateReporter.class)
				.doesNotHaveBean(SystemdWatchdogLifecycle.class));
	}

	@Test
	void runsTheWatchdogOnlyWhenSystemdAskedThisProcessForIt() {
		String pid = Long.toString(ProcessHandle.current().pid());
		ApplicationContextRunner systemd = this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify");
		systemd.run((context) -> assertThat(context).doesNotHaveBean(SystemdWatchdogLifecycle.class));
		systemd.withPropertyValues("WATCHDOG_USEC=2000000", "WATCHDOG_PID=1")
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdWatchdogLifecycle.class));
		systemd.withPropertyValues("WATCHDOG_USEC=later")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SystemdWatchdogLifecycle.class));
		systemd.withPropertyValues("WATCHDOG_USEC=2000000", "WATCHDOG_PID=" + pid)
			.run((context) -> assertThat(context).hasSingleBean(SystemdWatchdogLifecycle.class));
		systemd.withPropertyValues("WATCHDOG_USEC=2000000")
			.run((context) -> assertThat(context).hasSingleBean(SystemdWatchdogLifecycle.class));
	}

	@Test
	void pingsTheWatchdogUntilTheLivenessStateIsBroken(DatagramInbox systemd) throws Exception {
		String socket = systemd.address();
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=" + socket, "WATCHDOG_USEC=200000").run((context) -> {
			assertThat(systemd.next(TIMEOUT)).isEqualTo("WATCHDOG=1");
			AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
			assertThat(systemd.next(TIMEOUT)).isEqualTo("WATCHDOG=1");
			AvailabilityChangeEvent.publish(context, this, LivenessState.BROKEN);
			assertThat(skipPings(systemd)).isEqualTo("STATUS=not alive: the liveness state is BROKEN (published by "
					+ getClass().getSimpleName() + ")");
			assertThat(systemd.within(Duration.ofMillis(500))).isEmpty();
		});
	}

	@Test
	void stopsPingingWhenTheSlimtaHealthIsDown(DatagramInbox systemd) throws Exception {
		String socket = systemd.address();
		FailingFeature feature = new FailingFeature();
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=" + socket, "WATCHDOG_USEC=200000")
			.withBean(FailingFeature.class, () -> feature)
			.run((context) -> {
				assertThat(systemd.next(TIMEOUT)).isEqualTo("WATCHDOG=1");
				feature.failed = true;
				assertThat(skipPings(systemd))
					.isEqualTo("STATUS=not alive: the slimta health is DOWN: signals (signalfd) failed");
				assertThat(systemd.within(Duration.ofMillis(500))).isEmpty();
			});
	}

	@Test
	void theWatchdogStopsWithTheContext(DatagramInbox systemd) throws Exception {
		String socket = systemd.address();
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=" + socket, "WATCHDOG_USEC=200000")
			.run((context) -> assertThat(systemd.next(TIMEOUT)).isEqualTo("WATCHDOG=1"));
		assertThat(skipPings(systemd)).isEqualTo("STOPPING=1\nSTATUS=stopping");
		assertThat(systemd.within(Duration.ofMillis(500))).isEmpty();
		assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.getName().equals("slimta-watchdog"));
	}

	private static String skipPings(DatagramInbox systemd) throws InterruptedException {
		String message = systemd.next(TIMEOUT);
		while (message.equals("WATCHDOG=1")) {
			message = systemd.next(TIMEOUT);
		}
		return message;
	}

	private static void started(ConfigurableApplicationContext context) {
		context.publishEvent(new ApplicationStartedEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
	}

	static class FailingFeature implements FeatureStatus {

		volatile boolean failed;

		@Override
		public String detail() {
			return "signals";
		}

		@Override
		public Object value() {
			return "signalfd";
		}

		@Override
		public boolean failed() {
			return this.failed;
		}

	}

}
