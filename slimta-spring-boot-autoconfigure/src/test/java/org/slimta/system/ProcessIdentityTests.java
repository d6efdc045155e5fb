package org.slimta.system;

import org.junit.jupiter.api.Test;
import org.slimta.system.posix.Posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessIdentityTests {

	@Test
	void readsTheEffectiveIdsTheKernelReports() {
		assumeTrue(Posix.availability().available(), "native calls unavailable: " + Posix.availability().reason());
		ProcessIdentity identity = ProcessIdentity.current();
		assertThat(identity.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(identity.uid()).isEqualTo(ProcStatus.effectiveId("Uid:"));
		assertThat(identity.gid()).isEqualTo(ProcStatus.effectiveId("Gid:"));
		assertThat(identity.user()).isEqualTo(Posix.get().user(identity.uid()).orElseThrow().name());
	}

	@Test
	void fallsBackToPidAndUserNameWithoutNativeCalls() {
		ProcessIdentity identity = ProcessIdentity.read(null);
		assertThat(identity).isEqualTo(
				new ProcessIdentity(ProcessHandle.current().pid(), System.getProperty("user.name"), -1, -1));
	}

}
