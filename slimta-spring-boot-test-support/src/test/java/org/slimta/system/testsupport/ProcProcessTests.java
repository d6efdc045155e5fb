package org.slimta.system.testsupport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class ProcProcessTests {

	@BeforeEach
	void linux() {
		Linux.assumeLinux("reads /proc");
	}

	@Test
	void readsTheIdsAndParentOfThisProcess() throws IOException {
		UnixSystem unix = new UnixSystem();
		ProcProcess self = ProcProcess.of(ProcessHandle.current().pid());
		assertThat(self.effectiveUid()).isEqualTo(unix.getUid());
		assertThat(self.effectiveGid()).isEqualTo(unix.getGid());
		assertThat(self.parentPid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
		assertThat(self.state()).isIn('R', 'S');
		assertThat(self.exists()).isTrue();
	}

	@Test
	void readsTheCommandLineAndThreads() throws IOException {
		ProcProcess self = ProcProcess.self();
		assertThat(self.commandLine()).contains(ProcessHandle.current().info().command().orElseThrow());
		assertThat(self.threadNames()).contains("Reference Handl");
		assertThat(self.threads()).containsKey(ProcessHandle.current().pid());
		assertThat(self.blockedSignalsByThread()).hasSameSizeAs(self.threads());
		assertThat(self.environment()).containsEntry("PATH", System.getenv("PATH"));
	}

	@Test
	void readsTheDescriptors(@TempDir Path directory) throws IOException {
		Path file = Files.createFile(directory.resolve("open"));
		try (RandomAccessFile open = new RandomAccessFile(file.toFile(), "r")) {
			assertThat(ProcProcess.self().descriptorTargets()).containsValue(file.toRealPath().toString());
			assertThat(ProcProcess.self().descriptors()).contains(0, 1, 2);
		}
	}

	@Test
	void failsOnAMissingField() {
		assertThatIOException().isThrownBy(() -> ProcProcess.self().statusField("NoSuchField"))
			.withMessageContaining("no NoSuchField line in /proc/self/status");
	}

	@Test
	void reportsAnEndedProcessGone() throws Exception {
		Process done = new ProcessBuilder("true").start();
		done.waitFor();
		assertThat(ProcProcess.of(done).exists()).isFalse();
	}

}
