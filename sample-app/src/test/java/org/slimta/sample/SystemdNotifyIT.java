package org.slimta.sample;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slimta.system.signal.Signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged sample application started as systemd starts a {@code Type=notify} service: with
 * {@code NOTIFY_SOCKET} naming a real datagram socket, which receives its states.
 */
class SystemdNotifyIT {

	@BeforeEach
	void onLinux() {
		assumeTrue(System.getProperty("os.name").startsWith("Linux"), "sd_notify exists only on Linux");
	}

	@Test
	void tellsSystemdReadyWhenServingThenReloadingAndStopping() throws Exception {
		Path path = Path.of("/tmp", "sample-notify-" + UUID.randomUUID() + ".sock");
		try (NotifySocket systemd = NotifySocket.bind(path);
				SampleAppProcess app = SampleAppProcess.startWithEnvironment(Map.of("NOTIFY_SOCKET", systemd.path()))) {
			assertThat(systemd.receive()).isEqualTo("READY=1");
			// Ready means serving: no waiting for HTTP.
			assertThat(app.get("/actuator/health").statusCode()).isEqualTo(200);
			app.signal(Signal.SIGHUP);
			assertThat(systemd.receive()).matches("RELOADING=1\nMONOTONIC_USEC=[0-9]+");
			assertThat(systemd.receive()).matches("READY=1\nSTATUS=Reloaded at [0-9T:.Z-]+: configuration \\(unchanged\\)");
			app.signal(Signal.SIGTERM);
			assertThat(systemd.receive()).isEqualTo("STOPPING=1");
			assertThat(app.awaitExit()).isEqualTo(143);
		}
	}

}
