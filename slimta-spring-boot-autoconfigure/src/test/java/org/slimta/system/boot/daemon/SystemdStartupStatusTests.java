package org.slimta.system.boot.daemon;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.NotifySockets;
import org.slimta.system.testsupport.DatagramInbox;
import org.slimta.system.daemon.SystemdNotifier;
import org.slimta.system.testsupport.Linux;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;

import static org.assertj.core.api.Assertions.assertThat;

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
		try (DatagramInbox systemd = NotifySockets.bind(socket)) {
			SystemdStartupStatus status = new SystemdStartupStatus(SystemdNotifier.forSocket(socket));
			status.starting();
			assertThat(systemd.next(Duration.ofSeconds(10))).isEqualTo("STATUS=starting");
			status.failed(new ApplicationFailedEvent(new SpringApplication(), new String[0], null,
					new BeanCreationException("queue", "Error creating bean", new IllegalStateException("spool is full"))));
			assertThat(systemd.next(Duration.ofSeconds(10)))
				.isEqualTo("STATUS=failed to start: Error creating bean with name 'queue': Error creating bean (spool is full)");
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

}
