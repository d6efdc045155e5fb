package org.slimta.system.autoconfigure.internal.daemon;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slimta.system.internal.NotifySocketExtension;
import org.slimta.system.testsupport.DatagramInbox;
import org.slimta.system.autoconfigure.internal.SlimtaSystemPropertiesBinder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@ExtendWith(NotifySocketExtension.class)
class SystemdStartupStatusListenerTests {

	@Test
	void saysStartingThenWhatAFailureAnalyzerSaysOfTheFailure(DatagramInbox systemd) throws Exception {
		String socket = systemd.address();
		SystemdStartupStatusListener listener = new SystemdStartupStatusListener();
		listener.onApplicationEvent(prepared(new MockEnvironment().withProperty("NOTIFY_SOCKET", socket)));
		assertThat(systemd.next(Duration.ofSeconds(10))).isEqualTo("STATUS=starting");
		// Explained by a failure analyzer: the first line of its description.
		Throwable notHandled = catchThrowable(() -> SlimtaSystemPropertiesBinder
			.bind(new MockEnvironment().withProperty("slimta.system.signals.shutdown-on", "SIGUSR1")));
		listener.onApplicationEvent(new ApplicationFailedEvent(new SpringApplication(), new String[0], null,
				new IllegalStateException("Unable to bind", notHandled)));
		assertThat(systemd.next(Duration.ofSeconds(10))).startsWith("STATUS=failed to start: ")
			.contains("slimta.system.signals.shutdown-on")
			.doesNotContain("Unable to bind");
	}

	@Test
	void staysSilentWhenNotifyingIsOff(DatagramInbox systemd) throws Exception {
		String socket = systemd.address();
		new SystemdStartupStatusListener().onApplicationEvent(prepared(new MockEnvironment()
			.withProperty("NOTIFY_SOCKET", socket)
			.withProperty("slimta.system.daemon.notify", "never")));
		new SystemdStartupStatusListener().onApplicationEvent(prepared(
				new MockEnvironment().withProperty("NOTIFY_SOCKET", socket).withProperty("slimta.system.enabled", "false")));
		new SystemdStartupStatusListener().onApplicationEvent(prepared(new MockEnvironment()));
		assertThat(systemd.within(Duration.ofMillis(200))).isEmpty();
	}

	private static ApplicationEnvironmentPreparedEvent prepared(MockEnvironment environment) {
		return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(),
				new String[0], environment);
	}

}
