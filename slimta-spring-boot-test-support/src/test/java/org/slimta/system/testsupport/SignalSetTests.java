package org.slimta.system.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignalSetTests {

	@Test
	void decodesBitNMinusOneAsSignalN() {
		assertThat(SignalSet.decode("0000000000004007")).containsExactly(1, 2, 3, 15);
		assertThat(SignalSet.decode("0000000000000000")).isEmpty();
		assertThat(SignalSet.decode("8000000000000000")).containsExactly(64);
		assertThat(SignalSet.decode("fffffffe7ffbfeff")).hasSize(60).doesNotContain(9, 19, 32, 33);
	}

}
