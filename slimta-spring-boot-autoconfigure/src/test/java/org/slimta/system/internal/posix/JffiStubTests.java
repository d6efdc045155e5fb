package org.slimta.system.internal.posix;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JffiStubTests {

	private static final String ROOT = "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw";

	@Test
	void namesTheNoexecTemporaryDirectoryAndTheReadOnlyWorkingDirectoryWithTheFix() throws Exception {
		Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
		Path working = Path.of(System.getProperty("user.dir")).toRealPath();
		List<String> mountInfo = List.of(ROOT,
				"40 22 0:50 / " + tmp + " rw,nosuid,nodev,noexec,relatime - tmpfs tmpfs rw",
				"41 22 8:1 /x " + working + " ro,relatime - ext4 /dev/sda1 rw");
		PosixUnavailableException failure = JffiStub.unavailable(
				new UnsatisfiedLinkError("java.io.IOException: Unable to write jffi binary stub\n\tat ..."), mountInfo);
		assertThat(failure.getReason()).isEqualTo("jffi cannot unpack its native stub: java.io.tmpdir " + tmp
				+ " is on a noexec mount and the working directory " + working + " is read-only");
		assertThat(failure.getRemedy()).contains("-Djffi.extract.dir=").contains("java.io.tmpdir");
		assertThat(failure.getMessage()).doesNotContain("\n");
	}

	@Test
	void blamesNoDirectoryWhenOneOfThemWouldDo() throws Exception {
		Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
		List<String> mountInfo = List.of(ROOT, "40 22 0:50 / " + tmp + " rw,noexec - tmpfs tmpfs rw");
		PosixUnavailableException failure = JffiStub
			.unavailable(new UnsatisfiedLinkError("no jffi in java.library.path\n\tat somewhere"), mountInfo);
		assertThat(failure.getReason()).isEqualTo("jnr failed to bind libc: java.lang.UnsatisfiedLinkError: no jffi in"
				+ " java.library.path");
		assertThat(failure.getRemedy()).isNull();
	}

	@Test
	void takesTheOptionsOfTheInnermostMountWithEscapedNames() {
		List<String> mountInfo = List.of(ROOT, "40 22 0:50 / /srv/my\\040app rw,noexec - tmpfs tmpfs rw",
				"41 40 0:51 / /srv/my\\040app/data ro - tmpfs tmpfs rw");
		assertThat(JffiStub.mountOptions(Path.of("/srv/my app/logs"), mountInfo)).contains("noexec");
		assertThat(JffiStub.mountOptions(Path.of("/srv/my app/data/x"), mountInfo)).containsExactly("ro");
		assertThat(JffiStub.mountOptions(Path.of("/srv/my application"), mountInfo)).containsExactly("rw", "relatime");
	}

}
