package org.slimta.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slimta.system.privilege.ThreadCredentials;
import org.slimta.system.signal.Signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code slimta.system.daemon.pid-file} on the packaged sample application in a child JVM, in the
 * foreground: written and locked while it runs, refused to a second instance, removed at exit.
 */
class PidFileIT {

	// In /tmp itself (sticky, world-writable), so that a user privileges were dropped to may remove it.
	private final Path pidFile = Path.of("/tmp", "sample-app-" + UUID.randomUUID() + ".pid");

	@BeforeEach
	void onLinux() {
		assumeTrue(System.getProperty("os.name").startsWith("Linux"), "pid file locks are tested on Linux");
	}

	@AfterEach
	void removePidFile() throws Exception {
		Files.deleteIfExists(this.pidFile);
	}

	@Test
	void holdsThePidWhileRunningAndRemovesItOnTerminate() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start("--slimta.system.daemon.pid-file=" + this.pidFile)) {
			app.awaitHttp();
			assertThat(Files.readString(this.pidFile).trim()).isEqualTo(Long.toString(app.pid()));
			app.signal(Signal.SIGTERM);
			assertThat(app.awaitExit()).isEqualTo(143);
			assertThat(this.pidFile).doesNotExist();
		}
	}

	@Test
	void refusesASecondInstanceWithTheSamePidFile() throws Exception {
		try (SampleAppProcess first = SampleAppProcess.start("--slimta.system.daemon.pid-file=" + this.pidFile)) {
			first.awaitHttp();
			try (SampleAppProcess second = SampleAppProcess.start("--slimta.system.daemon.pid-file=" + this.pidFile)) {
				assertThat(second.awaitExit()).isNotZero();
				assertThat(second.output()).contains("APPLICATION FAILED TO START")
					.contains("The pid file '" + this.pidFile + "' (property 'slimta.system.daemon.pid-file') is locked by process "
							+ first.pid())
					.contains("Stop the running instance first");
				assertThat(second.portListening()).isFalse();
			}
			assertThat(Files.readString(this.pidFile).trim()).isEqualTo(Long.toString(first.pid()));
			assertThat(first.get("/actuator/health").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void isStillRemovedAfterPrivilegesWereDropped() throws Exception {
		assumeTrue(ThreadCredentials.ofCurrentThread().effectiveUid() == 0, "drops privileges: run the tests as root");
		try (SampleAppProcess app = SampleAppProcess.start("--slimta.system.daemon.pid-file=" + this.pidFile,
				"--slimta.system.privileges.user=nobody")) {
			app.awaitHttp();
			assertThat(Files.getAttribute(this.pidFile, "unix:uid")).isEqualTo(65534);
			assertThat(ThreadCredentials.read(Path.of("/proc", Long.toString(app.pid()), "status")).effectiveUid())
				.isEqualTo(65534);
			app.signal(Signal.SIGTERM);
			assertThat(app.awaitExit()).isEqualTo(143);
			assertThat(this.pidFile).doesNotExist();
		}
	}

}
