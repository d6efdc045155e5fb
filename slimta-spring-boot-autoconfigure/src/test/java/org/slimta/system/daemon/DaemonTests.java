package org.slimta.system.daemon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.slimta.system.posix.Posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link Daemon} in a program without Spring, run as real processes: the launcher JVM exits with
 * the detached copy's verdict, and the copy is checked through {@code /proc}.
 */
class DaemonTests {

	@TempDir
	Path directory;

	private final List<Long> daemons = new ArrayList<>();

	@BeforeEach
	void onLinux() {
		assumeTrue(System.getProperty("os.name").startsWith("Linux"), "daemon mode exists only on Linux");
	}

	@AfterEach
	void stopDaemons() {
		for (long pid : this.daemons) {
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
		}
	}

	@Test
	void theLauncherExitsOnceTheDetachedCopyIsReady() throws Exception {
		Process launcher = start();
		String said = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(launcher.waitFor()).as(said).isZero();
		long pid = Long.parseLong(Files.readString(this.directory.resolve("app.pid")).trim());
		this.daemons.add(pid);
		assertThat(said).contains("detached as pid " + pid);
		Path proc = Path.of("/proc", Long.toString(pid));
		String[] stat = Files.readString(proc.resolve("stat")).replaceFirst("^.*\\) ", "").split(" ");
		assertThat(Long.parseLong(stat[3])).as("session id").isEqualTo(pid);
		assertThat(Files.readSymbolicLink(proc.resolve("cwd"))).isEqualTo(this.directory);
		assertThat(Files.readAllLines(proc.resolve("status"))).contains("Umask:\t0027");
		assertThat(Files.readSymbolicLink(proc.resolve("fd/0"))).isEqualTo(Path.of("/dev/null"));
		assertThat(Files.readSymbolicLink(proc.resolve("fd/1"))).isEqualTo(this.directory.resolve("out.log"));
		assertThat(Files.readString(this.directory.resolve("out.log"))).contains("serving as pid " + pid);
		Posix.get().kill((int) pid, 15);
		ProcessHandle.of(pid).ifPresent((handle) -> handle.onExit().join());
		assertThat(this.directory.resolve("app.pid")).doesNotExist();
	}

	@Test
	void theLauncherPrintsTheReasonTheCopyGaveAndFails() throws Exception {
		Process launcher = start("fail");
		String said = new String(launcher.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(launcher.waitFor()).isEqualTo(1);
		assertThat(said).contains("the spool directory is not writable: fix its owner");
		assertThat(this.directory.resolve("app.pid")).doesNotExist();
	}

	private Process start(String... more) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), PlainDaemonProgram.class.getName(),
				this.directory.toString()));
		command.addAll(List.of(more));
		return new ProcessBuilder(command).start();
	}

}
