package org.slimta.system.internal.signal;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InPlaceRelaunchTests {

	@Test
	void keepsOnlyTheDescriptorsSystemdPassedToThisProcess() {
		String self = Long.toString(ProcessHandle.current().pid());
		assertThat(InPlaceRelaunch.inheritedListenFds(Map.of("LISTEN_PID", self, "LISTEN_FDS", "2"))).isEqualTo(2);
		assertThat(InPlaceRelaunch.inheritedListenFds(Map.of("LISTEN_PID", "1", "LISTEN_FDS", "2"))).isZero();
		assertThat(InPlaceRelaunch.inheritedListenFds(Map.of())).isZero();
	}

}
