package org.slimta.system;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.slimta.system.posix.Posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessIdentityTests {

	@Test
	void readsTheEffectiveIdsTheKernelReports() throws Exception {
		assumeTrue(Posix.availability().available(), "native calls unavailable: " + Posix.availability().reason());
		ProcessIdentity identity = ProcessIdentity.current();
		assertThat(identity.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(identity.uid()).isEqualTo(effectiveId("Uid:"));
		assertThat(identity.gid()).isEqualTo(effectiveId("Gid:"));
		assertThat(identity.user()).isEqualTo(Posix.get().user(identity.uid()).orElseThrow().name());
	}

	@Test
	void fallsBackToPidAndUserNameWithoutNativeCalls() {
		ProcessIdentity identity = ProcessIdentity.read(null);
		assertThat(identity).isEqualTo(
				new ProcessIdentity(ProcessHandle.current().pid(), System.getProperty("user.name"), -1, -1));
	}

	private static int effectiveId(String field) throws Exception {
		return Files.readAllLines(Path.of("/proc/self/status"))
			.stream()
			.filter((line) -> line.startsWith(field))
			.map((line) -> Integer.parseInt(line.split("\\s+")[2]))
			.findFirst()
			.orElseThrow();
	}

}
