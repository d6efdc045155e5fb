package org.slimta.system.uuid;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UuidGeneratorTests {

	@Test
	void returnsTimeBasedGeneratorForVersion1() {
		UuidGenerator generator = UuidGenerator.forVersion(1);
		assertThat(generator).isInstanceOf(TimeBasedUuidGenerator.class);
		assertThat(generator.generate().version()).isEqualTo(1);
	}

	@Test
	void returnsRandomGeneratorForVersion4() {
		UuidGenerator generator = UuidGenerator.forVersion(4);
		assertThat(generator).isInstanceOf(RandomUuidGenerator.class);
		assertThat(generator.generate().version()).isEqualTo(4);
	}

	@Test
	void returnsTimeOrderedGeneratorForVersion7() {
		UuidGenerator generator = UuidGenerator.forVersion(7);
		assertThat(generator).isInstanceOf(TimeOrderedUuidGenerator.class);
		assertThat(generator.generate().version()).isEqualTo(7);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 2, 3, 5, 6, 8 })
	void rejectsUnsupportedVersionNamingTheAcceptedOnes(int version) {
		assertThatIllegalArgumentException().isThrownBy(() -> UuidGenerator.forVersion(version))
			.withMessage("unsupported UUID version " + version + "; accepted: 1, 4, 7");
	}

}
