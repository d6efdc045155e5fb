package org.slimta.system.autoconfigure.daemon;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.DatagramInbox;
import org.slimta.system.autoconfigure.SlimtaSystemPropertiesBinder;

import org.slimta.system.testsupport.Linux;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class SystemdStartupStatusTests {

	@TempDir
	Path directory;

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("Unix datagram sockets are tested on Linux");
	}

	@Test
	void saysStartingThenWhyTheStartFailed() throws Exception {
		String socket = this.directory.resolve("notify.sock").toString();
		try (DatagramInbox systemd = DatagramInbox.bind(socket)) {
			SystemdStartupStatus status = new SystemdStartupStatus();
			status.onApplicationEvent(prepared(new MockEnvironment().withProperty("NOTIFY_SOCKET", socket)));
			assertThat(systemd.next(Duration.ofSeconds(10))).isEqualTo("STATUS=starting");
			status.onApplicationEvent(new ApplicationFailedEvent(new SpringApplication(), new String[0], null,
					new BeanCreationException("queue", "Error creating bean", new IllegalStateException("spool is full"))));
			assertThat(systemd.next(Duration.ofSeconds(10)))
				.isEqualTo("STATUS=failed to start: Error creating bean with name 'queue': Error creating bean (spool is full)");
			// Explained by a failure analyzer: the first line of its description.
			Throwable notHandled = catchThrowable(() -> SlimtaSystemPropertiesBinder
				.bind(new MockEnvironment().withProperty("slimta.system.signals.shutdown-on", "SIGUSR1")));
			status.onApplicationEvent(new ApplicationFailedEvent(new SpringApplication(), new String[0], null,
					new IllegalStateException("Unable to bind", notHandled)));
			assertThat(systemd.next(Duration.ofSeconds(10))).startsWith("STATUS=failed to start: ")
				.contains("slimta.system.signals.shutdown-on")
				.doesNotContain("Unable to bind");
		}
	}

	@Test
	void theReasonIsTheInnermostCauseAfterItsWrapperWhenThatSaysMore() {
		assertThat(SystemdStartupStatus.reason(new IllegalStateException("Unable to start web server",
				new IllegalStateException("Port 8080 is already in use", new java.net.BindException("Address already in use")))))
			.isEqualTo("Port 8080 is already in use (Address already in use)");
		assertThat(SystemdStartupStatus.reason(new BeanCreationException("queue", "Error creating bean: spool is full",
				new IllegalStateException("spool is full")))).isEqualTo("spool is full");
		assertThat(SystemdStartupStatus.reason(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException");
	}

	@Test
	void staysSilentWhenNotifyingIsOff() throws Exception {
		String socket = this.directory.resolve("notify.sock").toString();
		try (DatagramInbox systemd = DatagramInbox.bind(socket)) {
			new SystemdStartupStatus().onApplicationEvent(prepared(new MockEnvironment()
				.withProperty("NOTIFY_SOCKET", socket)
				.withProperty("slimta.system.daemon.notify", "never")));
			new SystemdStartupStatus().onApplicationEvent(prepared(
					new MockEnvironment().withProperty("NOTIFY_SOCKET", socket).withProperty("slimta.system.enabled", "false")));
			new SystemdStartupStatus().onApplicationEvent(prepared(new MockEnvironment()));
			assertThat(systemd.within(Duration.ofMillis(200))).isEmpty();
		}
	}

	private static ApplicationEnvironmentPreparedEvent prepared(MockEnvironment environment) {
		return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(),
				new String[0], environment);
	}

}
