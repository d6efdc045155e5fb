package org.slimta.system.signal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slimta.system.internal.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SignalTests {

	@ParameterizedTest
	@ValueSource(strings = { "SIGHUP", "HUP", "hup", "SigHup", " sighup " })
	void parsesNamesWithOrWithoutPrefixInAnyCase(String name) {
		assertThat(Signal.parse(name)).isEqualTo(Signal.SIGHUP);
	}

	@ParameterizedTest
	@ValueSource(strings = { "SIGKILL", "KILL", "SIG", "", "15", "SIGSIGHUP" })
	void rejectsOtherNamesListingTheAcceptedOnes(String name) {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Signal.parse(name))
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).isEqualTo("unknown signal '" + name + "'");
				assertThat(ex.getAccepted()).startsWith("SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGTERM");
			});
	}

	// Dotless i and long s upper-case to I and S; a no-break space survives trim; fullwidth H.
	@ParameterizedTest
	@ValueSource(strings = { "\u0131nt", "\u017fIGHUP", "SIGHUP\u00a0", "\uff28UP" })
	void rejectsNamesWithCharactersOutsideAscii(String name) {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Signal.parse(name))
			.satisfies((ex) -> {
				assertThat(ex.getValue()).isEqualTo(name);
				assertThat(ex.getProblem()).startsWith("unknown signal '" + name + "': signal names are ASCII");
			});
	}

	@Test
	void namesTheCharacterThatIsNotAscii() {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Signal.parse("\u0131nt"))
			.withMessageContaining("'\u0131' (U+0131) is not");
	}

	@Test
	void carriesLinuxNumbersAndExitStatuses() {
		assertThat(Signal.SIGHUP.number()).isEqualTo(1);
		assertThat(Signal.SIGINT.number()).isEqualTo(2);
		assertThat(Signal.SIGQUIT.number()).isEqualTo(3);
		assertThat(Signal.SIGUSR1.number()).isEqualTo(10);
		assertThat(Signal.SIGUSR2.number()).isEqualTo(12);
		assertThat(Signal.SIGTERM.number()).isEqualTo(15);
		assertThat(Signal.SIGINT.exitStatus()).isEqualTo(130);
		assertThat(Signal.SIGTERM.exitStatus()).isEqualTo(143);
		assertThat(Signal.ofNumber(15)).isEqualTo(Signal.SIGTERM);
	}

}
