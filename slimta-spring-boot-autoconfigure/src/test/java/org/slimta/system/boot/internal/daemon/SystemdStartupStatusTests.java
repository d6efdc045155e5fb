package org.slimta.system.boot.internal.daemon;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slimta.system.internal.NotifySocketExtension;
import org.slimta.system.testsupport.DatagramInbox;
import org.slimta.system.internal.daemon.SystemdNotifier;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(NotifySocketExtension.class)
class SystemdStartupStatusTests {

	@Test
	void saysStartingThenWhyTheStartFailed(DatagramInbox systemd) throws Exception {
		String socket = systemd.address();
		SystemdStartupStatus status = new SystemdStartupStatus(SystemdNotifier.forSocket(socket));
		status.starting();
		assertThat(systemd.next(Duration.ofSeconds(10))).isEqualTo("STATUS=starting");
		status.failed(new ApplicationFailedEvent(new SpringApplication(), new String[0], null,
				new BeanCreationException("queue", "Error creating bean", new IllegalStateException("spool is full"))));
		assertThat(systemd.next(Duration.ofSeconds(10)))
			.isEqualTo("STATUS=failed to start: Error creating bean with name 'queue': Error creating bean (spool is full)");
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
