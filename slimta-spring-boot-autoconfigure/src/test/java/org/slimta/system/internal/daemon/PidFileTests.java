package org.slimta.system.internal.daemon;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.testsupport.Linux;

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
		Linux.assumeRoot("only root can give a file away");
		Path path = this.directory.resolve("app.pid");
		try (PidFile pidFile = PidFile.create(path)) {
			pidFile.changeOwner(65534, 65534);
			assertThat(Files.getAttribute(path, "unix:uid")).isEqualTo(65534);
			assertThat(Files.getAttribute(path, "unix:gid")).isEqualTo(65534);
		}
	}

	@Test
	void namesAMissingDirectoryAndMakesNoFile() {
		Path path = this.directory.resolve("missing/deeper/app.pid");
		assertThatExceptionOfType(PidFileNotWritableException.class).isThrownBy(() -> PidFile.create(path))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(PidFileNotWritableException.Reason.MISSING_DIRECTORY);
				assertThat(ex.getWhere()).isEqualTo(this.directory.resolve("missing/deeper"));
				assertThat(ex.getPath()).isEqualTo(path);
				assertThat(ex).hasMessage("pid file " + path + " cannot be written: the directory "
						+ this.directory.resolve("missing/deeper") + " does not exist (No such file or directory)");
			});
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void namesAFileInTheWayOfTheDirectory() throws Exception {
		Path file = Files.writeString(this.directory.resolve("file"), "");
		assertThatExceptionOfType(PidFileNotWritableException.class)
			.isThrownBy(() -> PidFile.create(file.resolve("sub/app.pid")))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(PidFileNotWritableException.Reason.NOT_A_DIRECTORY);
				assertThat(ex.getWhere()).isEqualTo(file);
			});
		assertThatExceptionOfType(PidFileNotWritableException.class).isThrownBy(() -> PidFile.create(file.resolve("app.pid")))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(PidFileNotWritableException.Reason.NOT_A_DIRECTORY));
		assertThat(Files.readString(file)).isEmpty();
	}

	@Test
	void refusesADirectory() throws Exception {
		Path directory = Files.createDirectory(this.directory.resolve("run"));
		assertThatExceptionOfType(PidFileNotWritableException.class).isThrownBy(() -> PidFile.create(directory))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(PidFileNotWritableException.Reason.IS_A_DIRECTORY);
				assertThat(ex.getWhere()).isEqualTo(directory);
			});
		assertThat(directory).isEmptyDirectory();
	}

	@Test
	void namesADirectoryThatTakesNoNewFile() {
		assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
		// /proc makes no files, even for root (ENOENT for root, EACCES for others).
		Path path = Path.of("/proc", "app-" + PID + ".pid");
		assertThatExceptionOfType(PidFileNotWritableException.class).isThrownBy(() -> PidFile.create(path))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(PidFileNotWritableException.Reason.DIRECTORY_NOT_WRITABLE);
				assertThat(ex.getWhere()).isEqualTo(Path.of("/proc"));
			});
	}

	@Test
	void namesADirectoryThisUserMayNotWrite() throws Exception {
		Linux.assumeNotRoot("root may write any directory");
		Path readOnly = Files.createDirectory(this.directory.resolve("read-only"));
		Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
		assertThatExceptionOfType(PidFileNotWritableException.class)
			.isThrownBy(() -> PidFile.create(readOnly.resolve("app.pid")))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(PidFileNotWritableException.Reason.DIRECTORY_NOT_WRITABLE);
				assertThat(ex.getWhere()).isEqualTo(readOnly);
				assertThat(ex.getDetail()).isEqualTo("Permission denied");
			});
		assertThat(readOnly).isEmptyDirectory();
	}

	@Test
	void namesAFileThisUserMayNotWrite() throws Exception {
		Linux.assumeNotRoot("root may write any file");
		Path path = Files.writeString(this.directory.resolve("app.pid"), "4711\n");
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r--r--r--"));
		assertThatExceptionOfType(PidFileNotWritableException.class).isThrownBy(() -> PidFile.create(path))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(PidFileNotWritableException.Reason.FILE_NOT_WRITABLE));
		assertThat(Files.readString(path)).isEqualTo("4711\n");
	}

	@Test
	void parsesOnlyAPid() {
		assertThat(PidFile.parsePid("4711\n")).isEqualTo(OptionalLong.of(4711));
		assertThat(PidFile.parsePid("")).isEmpty();
		assertThat(PidFile.parsePid("-1")).isEmpty();
		assertThat(PidFile.parsePid("12 34")).isEmpty();
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
