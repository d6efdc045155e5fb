package org.slimta.system.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessIdentityTests {

	@Test
	void readsTheEffectiveIdsTheKernelReports() {
		assumeTrue(Posix.availability().available(), "native calls unavailable: " + Posix.availability().reason());
		ProcessIdentity identity = ProcessIdentity.current();
		assertThat(identity.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(identity.uid()).isEqualTo(ProcProcess.self().effectiveUid());
		assertThat(identity.gid()).isEqualTo(ProcProcess.self().effectiveGid());
		assertThat(identity.user()).isEqualTo(Posix.get().user(identity.uid()).orElseThrow().name());
	}

	@Test
	void namesTheUserFromThePasswdFile() throws Exception {
		Path passwd = Files.createTempFile("passwd", "");
		try {
			Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\n+@netgroup::::::\nmail:x:8:8:mail:/var/mail:/usr/sbin/nologin\n");
			assertThat(ProcessIdentity.userName(8, passwd)).contains("mail");
			assertThat(ProcessIdentity.userName(0, passwd)).contains("root");
			assertThat(ProcessIdentity.userName(4711, passwd)).isEmpty();
			assertThat(ProcessIdentity.userName(8, Path.of("/nonexistent/passwd"))).isEmpty();
		}
		finally {
			Files.delete(passwd);
		}
	}

	@Test
	void fallsBackToPidAndUserNameWithoutNativeCalls() {
		ProcessIdentity identity = ProcessIdentity.read(null);
		assertThat(identity).isEqualTo(
				new ProcessIdentity(ProcessHandle.current().pid(), System.getProperty("user.name"), -1, -1));
	}

}
