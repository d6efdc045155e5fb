package org.slimta.system.internal.privilege;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PrivilegeDropTests {

	private static final PrivilegeTarget NOBODY = new PrivilegeTarget("nobody", 65534, "nogroup", 65534, true,
			Set.of(65534));

	@Test
	void isPendingWhenStartedAsRoot() {
		PrivilegeDrop drop = PrivilegeDrop.to(NOBODY, null, credentials(0, 0, 1L << 7));
		assertThat(drop.state()).isEqualTo(PrivilegeDrop.State.PENDING);
		assertThat(drop.state().value()).isEqualTo("pending");
		assertThat(drop.changesIdentity()).isTrue();
		assertThat(drop.gate().isOpen()).isFalse();
	}

	@Test
	void clearsOnlyTheCapabilitiesWhenStartedAsTheTarget() {
		PrivilegeDrop drop = PrivilegeDrop.to(NOBODY, null, credentials(65534, 65534, 1L << 10));
		assertThat(drop.state()).isEqualTo(PrivilegeDrop.State.PENDING);
		assertThat(drop.changesIdentity()).isFalse();
		assertThat(drop.gate().isOpen()).isFalse();
		// The process already is the owner of what it creates: nothing to hand over.
		assertThatNoException().isThrownBy(() -> drop.handOver(Path.of("/run/ignored.pid")));
	}

	@Test
	void refusesToBecomeAnotherUserWhenNotRoot() {
		assertThatIllegalStateException().isThrownBy(() -> PrivilegeDrop.to(NOBODY, null, credentials(1000, 1000, 0)))
			.withMessage("this process runs as uid 1000 (gid 1000), not as root, so it cannot become "
					+ "nobody:nogroup (uid 65534, gid 65534)");
	}

	@Test
	void opensTheGateWhenNotConfigured() {
		PrivilegeDrop drop = PrivilegeDrop.notConfigured();
		drop.run();
		assertThat(drop.state().value()).isEqualTo("not-configured");
		assertThat(drop.target()).isNull();
		assertThat(drop.gate().isOpen()).isTrue();
	}

	private static ThreadCredentials credentials(int uid, int gid, long capabilities) {
		return new ThreadCredentials("main", 1, List.of(uid, uid, uid, uid), List.of(gid, gid, gid, gid), Set.of(gid),
				capabilities);
	}

}
