package org.slimta.system.internal.privilege;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ThreadCredentialsTests {

	@Test
	void parsesTheIdsGroupsAndCapabilitiesOfAStatusFile() {
		ThreadCredentials credentials = ThreadCredentials.parse("""
				Name:	http-nio-127.0.
				Umask:	0022
				State:	S (sleeping)
				Tgid:	4711
				Pid:	4733
				Uid:	8	8	8	8
				Gid:	12	12	12	13
				FDSize:	256
				Groups:	12 4 1000
				CapInh:	0000000000000000
				CapPrm:	0000000000000000
				CapEff:	000001fffeffffff
				""");
		assertThat(credentials).isEqualTo(new ThreadCredentials("http-nio-127.0.", 4733, List.of(8, 8, 8, 8),
				List.of(12, 12, 12, 13), Set.of(4, 12, 1000), 0x1fffeffffffL));
		assertThat(credentials.effectiveUid()).isEqualTo(8);
		assertThat(credentials.effectiveGid()).isEqualTo(12);
	}

	@Test
	void readsNoGroupFromAnEmptyGroupsLine() {
		ThreadCredentials credentials = ThreadCredentials
			.parse("Name:\tmain\nPid:\t1\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nGroups:\t\nCapEff:\t0000000000000000\n");
		assertThat(credentials.groups()).isEmpty();
		assertThat(credentials.effectiveCapabilities()).isZero();
	}

	@Test
	void refusesAStatusWithoutCredentials() {
		assertThatIllegalArgumentException().isThrownBy(() -> ThreadCredentials.parse("Name:\tmain\nPid:\t1\n"))
			.withMessage("no Uid: line in the status");
	}

	@Test
	void readsTheCallingThreadAsTheKernelReportsIt() {
		Linux.assumeLinux("/proc is Linux");
		ThreadCredentials current = ThreadCredentials.ofCurrentThread();
		assertThat(current.effectiveUid()).isEqualTo(ProcProcess.self().effectiveUid());
		assertThat(current.effectiveGid()).isEqualTo(ProcProcess.self().effectiveGid());
		assertThat(current.uids()).hasSize(4);
		assertThat(current.gids()).hasSize(4);
	}

}
