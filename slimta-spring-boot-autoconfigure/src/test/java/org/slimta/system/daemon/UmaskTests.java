package org.slimta.system.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slimta.system.internal.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UmaskTests {

	@ParameterizedTest
	@CsvSource({ "0, 0", "022, 18", "27, 23", "0027, 23", "777, 511", "0777, 511", "00000, 0" })
	void parsesOctalDigits(String text, int bits) {
		assertThat(Umask.valueOf(text).bits()).isEqualTo(bits);
	}

	@ParameterizedTest
	@ValueSource(strings = { "8", "0999", "-1", "0x1f", "", "abc" })
	void rejectsWhatIsNotOctal(String text) {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Umask.valueOf(text))
			.withMessageContaining("accepted: an octal number from 0 to 0777");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1000", "7777", "77777777777777777777" })
	void rejectsMasksAbove0777(String text) {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Umask.valueOf(text))
			.withMessageContaining("larger than 0777");
	}

	@Test
	void printsAsFourOctalDigits() {
		assertThat(Umask.valueOf("27")).hasToString("0027");
	}

}
