package org.slimta.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slimta.system.posix.UnixDatagramSocket;
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
		try (UnixDatagramSocket systemd = UnixDatagramSocket.bind(path.toString());
				SampleAppProcess app = SampleAppProcess.startWithEnvironment(Map.of("NOTIFY_SOCKET", path.toString()))) {
			assertThat(receive(systemd)).isEqualTo("READY=1");
			// Ready means serving: no waiting for HTTP.
			assertThat(app.get("/actuator/health").statusCode()).isEqualTo(200);
			app.signal(Signal.SIGHUP);
			assertThat(receive(systemd)).matches("RELOADING=1\nMONOTONIC_USEC=[0-9]+");
			assertThat(receive(systemd)).isEqualTo("READY=1");
			app.signal(Signal.SIGTERM);
			assertThat(receive(systemd)).isEqualTo("STOPPING=1");
			assertThat(app.awaitExit()).isEqualTo(143);
		}
		finally {
			Files.deleteIfExists(path);
		}
	}

	private static String receive(UnixDatagramSocket socket) throws Exception {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return new String(socket.receive(), StandardCharsets.UTF_8);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}).get(60, TimeUnit.SECONDS);
	}

}
