package org.slimta.system.internal.posix;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PosixTests {

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("the native calls are only used on Linux");
	}

	@Test
	void isAvailableOnLinux() {
		assertThat(Posix.availability()).isEqualTo(new Availability(true, ""));
	}

	@Test
	void readsTheIdentityTheKernelReports() {
		Posix posix = Posix.get();
		assertThat((long) posix.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(posix.effectiveUid()).isEqualTo(ProcProcess.self().effectiveUid());
		assertThat(posix.effectiveGid()).isEqualTo(ProcProcess.self().effectiveGid());
	}

	@Test
	void looksUpUsersAndGroupsByNameAndId() {
		Posix posix = Posix.get();
		UserEntry root = posix.user("root").orElseThrow();
		assertThat(root.uid()).isZero();
		assertThat(root.gid()).isZero();
		assertThat(posix.user(0)).contains(root);
		assertThat(posix.group(0).map(GroupEntry::name)).contains("root");
		assertThat(posix.group("root").map(GroupEntry::gid)).contains(0);
		assertThat(posix.user("no-such-user-here")).isEmpty();
		assertThat(posix.group("no-such-group-here")).isEmpty();
	}

	@Test
	void failedCallNamesTheCallAndErrno() {
		assertThatExceptionOfType(PosixException.class).isThrownBy(() -> Posix.get().kill(Integer.MAX_VALUE, 0))
			.withMessage("kill(2147483647, 0): ESRCH (No such process)")
			.satisfies((ex) -> {
				assertThat(ex.getCall()).isEqualTo("kill(2147483647, 0)");
				assertThat(ex.getErrno()).isEqualTo(3);
				assertThat(ex.getErrnoName()).isEqualTo("ESRCH");
			});
	}

	@Test
	void signalZeroChecksThatAProcessExists() {
		int self = (int) ProcessHandle.current().pid();
		assertThatNoException().isThrownBy(() -> Posix.get().kill(self, 0));
	}

}
