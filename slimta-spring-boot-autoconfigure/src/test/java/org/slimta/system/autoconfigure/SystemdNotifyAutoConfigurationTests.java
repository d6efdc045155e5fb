package org.slimta.system.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.posix.UnixDatagramSocket;
import org.slimta.system.signal.Signal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SystemdNotifyAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SlimtaSystemAutoConfiguration.class, SignalAutoConfiguration.class,
				SystemdNotifyAutoConfiguration.class));

	@TempDir
	Path directory;

	@BeforeEach
	void onLinux() {
		assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Unix datagram sockets are tested on Linux");
	}

	@Test
	void tellsSystemdReadyReloadingAndStopping() throws Exception {
		String socket = this.directory.resolve("notify.sock").toString();
		try (UnixDatagramSocket systemd = UnixDatagramSocket.bind(socket)) {
			this.contextRunner.withPropertyValues("NOTIFY_SOCKET=" + socket).run((context) -> {
				context.publishEvent(new ApplicationStartedEvent(new SpringApplication(), new String[0], context,
						Duration.ZERO));
				assertThat(receive(systemd)).isEqualTo("READY=1");
				context.getBean(SignalDispatcher.class).dispatch(Signal.SIGHUP, 1, 0);
				assertThat(receive(systemd)).matches("RELOADING=1\nMONOTONIC_USEC=[0-9]+");
				assertThat(receive(systemd)).matches("READY=1\nSTATUS=Reloaded at [0-9T:.Z-]+.*");
			});
			assertThat(receive(systemd)).isEqualTo("STOPPING=1");
		}
	}

	@Test
	void tellsSystemdThatTheReloadFailedAndWhy() throws Exception {
		String socket = this.directory.resolve("notify.sock").toString();
		try (UnixDatagramSocket systemd = UnixDatagramSocket.bind(socket)) {
			this.contextRunner.withPropertyValues("NOTIFY_SOCKET=" + socket)
				.withUserConfiguration(SignalAutoConfigurationTests.FailingRefresh.class)
				.run((context) -> {
					context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context,
							Duration.ZERO));
					context.getBean(SignalDispatcher.class).dispatch(Signal.SIGHUP, 1, 0);
					assertThat(receive(systemd)).startsWith("RELOADING=1");
					assertThat(receive(systemd)).matches("READY=1\nSTATUS=Reload at [0-9T:.Z-]+ failed: configuration "
							+ "\\(kept the previous one; fix the file and send SIGHUP again\\): Failed to load property "
							+ "source .* line 2, column 9: .*");
				});
		}
	}

	@Test
	void staysSilentWithoutNotifySocketOrWhenTurnedOff() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SystemdNotifications.class));
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "slimta.system.daemon.notify=never")
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdNotifications.class));
	}

	static String receive(UnixDatagramSocket socket) throws Exception {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return new String(socket.receive(), StandardCharsets.UTF_8);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}).get(10, TimeUnit.SECONDS);
	}

}
