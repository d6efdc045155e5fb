package org.slimta.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code java -jar sample-app.jar --slimta.system.daemon.enabled=true} on JDK 22 and later: the
 * launcher spawns the daemon, waits on its readiness pipe and tells systemd its pid through the
 * JDK's foreign function API, without loading jffi. Which classes each JVM loads is read from its
 * own {@code -Xlog:class+load} file, which the daemon, started with the launcher's command line,
 * writes under its own pid.
 */
class DaemonForeignCallsIT {

	@TempDir
	Path directory;

	@Test
	void detachesAndNotifiesThroughTheForeignFunctionApiWithoutJffiInTheLauncher() throws Exception {
		Linux.assumeLinux("daemon mode exists only on Linux");
		assumeTrue(Runtime.version().feature() >= 22, "the foreign function API is used on JDK 22 and later");
		Path pidFile = this.directory.resolve("app.pid");
		String classLog = "-Xlog:class+load:file=" + this.directory.resolve("classes-%p.txt");
		// Tomcat's and jffi's files go where the test's directory goes when it ends.
		String tmp = "-Djava.io.tmpdir=" + Files.createDirectory(this.directory.resolve("tmp"));
		long daemon = 0;
		try (NotifySocket systemd = NotifySocket.bind(this.directory.resolve("notify.sock"));
				SampleAppProcess launcher = SampleAppProcess.start(List.of(classLog, tmp),
						Map.of("NOTIFY_SOCKET", systemd.path()), "--slimta.system.daemon.enabled=true",
						"--slimta.system.daemon.pid-file=" + pidFile,
						"--slimta.system.daemon.working-directory=" + this.directory,
						"--slimta.system.daemon.stdout=" + this.directory.resolve("out.log"),
						"--slimta.system.daemon.stderr=" + this.directory.resolve("err.log"))) {
			assertThat(launcher.awaitExit()).as(launcher.output()).isZero();
			daemon = Long.parseLong(Files.readString(pidFile).trim());
			assertThat(systemd.receive((message) -> message.contains("READY=1")))
				.isEqualTo("MAINPID=" + daemon + "\nREADY=1");
			String launcherClasses = Files.readString(this.directory.resolve("classes-" + launcher.pid() + ".txt"));
			assertThat(launcherClasses).contains("org.slimta.system.internal.posix.ForeignProcessCalls ",
					"org.slimta.system.internal.posix.ForeignUnixDatagram ")
				.doesNotContain("com.kenai.jffi", "org.slimta.system.internal.posix.JnrProcessCalls",
						"org.slimta.system.internal.posix.JnrUnixDatagram");
			// The daemon writes "ready" on the pipe and notifies through the same calls; its signals
			// (signalfd, jnr-posix) still load jffi until they are ported as well.
			String daemonClasses = Files.readString(this.directory.resolve("classes-" + daemon + ".txt"));
			assertThat(daemonClasses).contains("org.slimta.system.internal.posix.ForeignProcessCalls ",
					"org.slimta.system.internal.posix.ForeignUnixDatagram ")
				.doesNotContain("org.slimta.system.internal.posix.JnrProcessCalls", "org.slimta.system.internal.posix.JnrUnixDatagram");
		}
		finally {
			if (daemon != 0 && ProcProcess.of(daemon).exists()) {
				Posix.get().kill((int) daemon, 15);
				ProcProcess.of(daemon).awaitGone(Duration.ofSeconds(30));
			}
		}
	}

}
