package org.slimta.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slimta.system.internal.privilege.ThreadCredentials;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code slimta.system.daemon.pid-file} on the packaged sample application in a child JVM, in the
 * foreground: written and locked while it runs, refused to a second instance, removed at exit; one
 * that cannot be written stops the start with an analysis, before anything listens.
 */
class PidFileIT {

	// In /tmp itself (sticky, world-writable), so that a user privileges were dropped to may remove it.
	private final Path pidFile = Path.of("/tmp", "sample-app-" + UUID.randomUUID() + ".pid");

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("pid file locks are tested on Linux");
	}

	@AfterEach
	void removePidFile() throws Exception {
		Files.deleteIfExists(this.pidFile);
	}

	@Test
	void holdsThePidWhileRunningRefusesASecondInstanceAndRemovesItOnTerminate() throws Exception {
		try (SampleAppProcess first = SampleAppProcess.start("--slimta.system.daemon.pid-file=" + this.pidFile)) {
			first.awaitHttp();
			assertThat(Files.readString(this.pidFile).trim()).isEqualTo(Long.toString(first.pid()));
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
			first.signal(Signal.SIGTERM);
			assertThat(first.awaitExit()).isEqualTo(143);
			assertThat(this.pidFile).doesNotExist();
		}
	}

	@Test
	void explainsAMissingDirectoryAndStartsNothing() throws Exception {
		Path missing = Path.of("/tmp", "sample-app-" + UUID.randomUUID(), "run");
		String output = failedStart(missing.resolve("app.pid"));
		assertThat(output).contains("The pid file '" + missing.resolve("app.pid")
				+ "' (property 'slimta.system.daemon.pid-file') cannot be written: the directory '" + missing
				+ "' does not exist.")
			.contains("Create the directory '" + missing + "'");
		assertThat(missing.getParent()).doesNotExist();
	}

	@Test
	void explainsADirectoryThisProcessMayNotWriteAndStartsNothing() throws Exception {
		// Root may write any directory: a file in the way (ENOTDIR) stands for one it cannot.
		boolean root = ThreadCredentials.ofCurrentThread().effectiveUid() == 0;
		Path blocker = root ? Files.createTempFile(Path.of("/tmp"), "sample-app", ".file")
				: Files.createTempDirectory(Path.of("/tmp"), "sample-app");
		try {
			if (!root) {
				Files.setPosixFilePermissions(blocker, PosixFilePermissions.fromString("r-x------"));
			}
			String output = failedStart(blocker.resolve("app.pid"));
			assertThat(output).contains("(property 'slimta.system.daemon.pid-file') cannot be written: "
					+ (root ? "'" + blocker + "' is a file, not a directory."
							: "this process (user '" + System.getProperty("user.name")
									+ "') may not create a file in the directory '" + blocker + "'"));
			assertThat(Files.exists(blocker.resolve("app.pid"))).isFalse();
		}
		finally {
			Files.delete(blocker);
		}
	}

	@Test
	void explainsADirectoryGivenAsThePidFileAndStartsNothing() throws Exception {
		Path directory = Files.createTempDirectory(Path.of("/tmp"), "sample-app");
		try {
			String output = failedStart(directory);
			assertThat(output).contains("The pid file '" + directory
					+ "' (property 'slimta.system.daemon.pid-file') cannot be written: it is a directory.")
				.contains("Set 'slimta.system.daemon.pid-file' to a file name, for example '"
						+ directory.resolve("application.pid") + "'.");
			assertThat(directory).isEmptyDirectory();
		}
		finally {
			Files.delete(directory);
		}
	}

	@Test
	void isStillRemovedAfterPrivilegesWereDropped() throws Exception {
		Linux.assumeRoot("drops privileges");
		try (SampleAppProcess app = SampleAppProcess.start("--slimta.system.daemon.pid-file=" + this.pidFile,
				"--slimta.system.privileges.user=nobody")) {
			app.awaitHttp();
			assertThat(Files.getAttribute(this.pidFile, "unix:uid")).isEqualTo(65534);
			assertThat(ThreadCredentials.read(ProcProcess.of(app.pid()).directory().resolve("status")).effectiveUid())
				.isEqualTo(65534);
			app.signal(Signal.SIGTERM);
			assertThat(app.awaitExit()).isEqualTo(143);
			assertThat(this.pidFile).doesNotExist();
		}
	}

	// The analysis, on standard output with the rest of the log, and no stack trace; nothing ever listened.
	private static String failedStart(Path pidFile) throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start("--slimta.system.daemon.pid-file=" + pidFile)) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			ProcessHandle process = ProcessHandle.of(app.pid()).orElseThrow();
			while (process.isAlive() && System.nanoTime() < deadline) {
				assertThat(app.portListening()).as("port %d listening", app.port()).isFalse();
				Thread.sleep(50);
			}
			assertThat(app.awaitExit()).isEqualTo(1);
			String output = app.standardOutput();
			assertThat(output).contains("APPLICATION FAILED TO START")
				.doesNotContain("Started SampleApplication")
				.doesNotContain("\tat ");
			assertThat(app.standardError()).doesNotContain("APPLICATION FAILED TO START");
			return output;
		}
	}

}
