package org.slimta.system.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignalSetTests {

	@Test
	void readsBitNMinusOneAsSignalN() {
		// SIGHUP, SIGINT, SIGQUIT and SIGTERM, as a process reading them from a signalfd blocks them
		assertThat(SignalSet.decode("0000000000004007")).containsExactly(1, 2, 3, 15);
	}

	@Test
	void readsEveryBitUpToTheLastRealtimeSignal() {
		assertThat(SignalSet.decode("fffffffe7ffbfeff")).hasSize(60).contains(1, 64).doesNotContain(9, 19, 32, 33);
		assertThat(SignalSet.decode(" 0000000000000000\n")).isEmpty();
	}

}
