package org.slimta.system.internal.posix;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PosixLoadingTests {

	@Test
	void isUnavailableOutsideLinuxWithoutTryingToLoad() {
		Posix.Loaded loaded = Posix.load("Mac OS X", () -> {
			throw new AssertionError("must not load jnr-posix outside Linux");
		});
		assertThat(loaded.posix()).isNull();
		assertThat(loaded.availability().available()).isFalse();
		assertThat(loaded.availability().reason()).isEqualTo("the operating system is Mac OS X, not Linux");
	}

	@Test
	void isUnavailableWithTheReasonWhenTheNativeLibraryFailsToLoad() {
		Posix.Loaded loaded = Posix.load("Linux", () -> {
			throw new UnsatisfiedLinkError("libc.so.6: cannot open shared object file");
		});
		assertThat(loaded.availability().available()).isFalse();
		assertThat(loaded.availability().reason()).contains("jnr-posix failed to load")
			.contains("libc.so.6: cannot open shared object file");
		assertThat(loaded.failure()).isInstanceOf(UnsatisfiedLinkError.class);
	}

}
