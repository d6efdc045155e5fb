package org.slimta.system.daemon;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PidFileTests {

	private static final long PID = ProcessHandle.current().pid();

	@TempDir
	Path directory;

	@Test
	void holdsThisProcessesPidUntilClosed() throws Exception {
		Path path = this.directory.resolve("app.pid");
		try (PidFile pidFile = PidFile.create(path)) {
			assertThat(pidFile.pid()).isEqualTo(PID);
			assertThat(Files.readString(path)).isEqualTo(PID + "\n");
			assertThat(pidFile.stalePid()).isEmpty();
		}
		assertThat(path).doesNotExist();
	}

	@Test
	void refusesASecondInstanceNamingTheFileAndTheHolder() throws Exception {
		Path path = this.directory.resolve("app.pid");
		Process holder = startHolder(path);
		assertThat(firstLine(holder)).isEqualTo("locked " + holder.pid());
		try {
			assertThatExceptionOfType(PidFileLockedException.class).isThrownBy(() -> PidFile.create(path))
				.withMessage("pid file " + path + " is locked by process " + holder.pid() + ": another instance is running")
				.satisfies((ex) -> assertThat(ex.getHolderPid()).hasValue(holder.pid()));
			assertThat(Files.readString(path)).isEqualTo(holder.pid() + "\n");
		}
		finally {
			holder.getOutputStream().close();
			assertThat(holder.waitFor()).isZero();
		}
		assertThat(path).doesNotExist();
	}

	@Test
	void refusesASecondPidFileInThisProcessAndKeepsTheLock() throws Exception {
		Path path = this.directory.resolve("app.pid");
		try (PidFile first = PidFile.create(path)) {
			assertThatExceptionOfType(PidFileLockedException.class).isThrownBy(() -> PidFile.create(path))
				.satisfies((ex) -> assertThat(ex.getHolderPid()).hasValue(PID));
			// another process is still refused: the failed attempt did not release the lock
			Process holder = startHolder(path);
			holder.getOutputStream().close();
			assertThat(firstLine(holder))
				.isEqualTo("refused: pid file " + path + " is locked by process " + PID + ": another instance is running");
			assertThat(holder.waitFor()).isEqualTo(1);
			assertThat(Files.readString(path)).isEqualTo(PID + "\n");
		}
	}

	@Test
	void takesOverTheFileOfAProcessThatIsGone() throws Exception {
		Path path = this.directory.resolve("app.pid");
		Process holder = startHolder(path);
		assertThat(firstLine(holder)).isEqualTo("locked " + holder.pid());
		holder.destroyForcibly().waitFor();
		assertThat(Files.readString(path)).as("left behind").isEqualTo(holder.pid() + "\n");
		try (PidFile pidFile = PidFile.create(path)) {
			assertThat(pidFile.stalePid()).hasValue(holder.pid());
			assertThat(Files.readString(path)).isEqualTo(PID + "\n");
		}
		assertThat(path).doesNotExist();
	}

	@Test
	void takesOverAFileWithoutAPid() throws Exception {
		Path path = Files.writeString(this.directory.resolve("app.pid"), "garbage");
		try (PidFile pidFile = PidFile.create(path)) {
			assertThat(pidFile.stalePid()).isEmpty();
			assertThat(Files.readString(path)).isEqualTo(PID + "\n");
		}
	}

	@Test
	void changesTheOwnerForAPrivilegeDrop() throws Exception {
		assumeTrue(PidFileTests.effectiveUid() == 0, "only root can give a file away");
		Path path = this.directory.resolve("app.pid");
		try (PidFile pidFile = PidFile.create(path)) {
			pidFile.changeOwner(65534, 65534);
			assertThat(Files.getAttribute(path, "unix:uid")).isEqualTo(65534);
			assertThat(Files.getAttribute(path, "unix:gid")).isEqualTo(65534);
		}
	}

	@Test
	void parsesOnlyAPid() {
		assertThat(PidFile.parsePid("4711\n")).isEqualTo(OptionalLong.of(4711));
		assertThat(PidFile.parsePid("")).isEmpty();
		assertThat(PidFile.parsePid("-1")).isEmpty();
		assertThat(PidFile.parsePid("12 34")).isEmpty();
	}

	private static int effectiveUid() {
		return org.slimta.system.ProcStatus.effectiveId("Uid:");
	}

	// A real second process: fcntl locks are per process, so only another process shows the refusal.
	private static Process startHolder(Path path) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PidFileHolder.class.getName(),
				path.toString())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
	}

	private static String firstLine(Process process) throws Exception {
		return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
	}

}
