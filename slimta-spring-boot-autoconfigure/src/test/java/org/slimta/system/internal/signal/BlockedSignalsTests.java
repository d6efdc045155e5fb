package org.slimta.system.internal.signal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class BlockedSignalsTests {

	@Test
	void decodesTheKernelsHexadecimalMask() {
		assertThat(BlockedSignals.decode("0000000000004007")).containsExactly(1, 2, 3, 15);
		assertThat(BlockedSignals.decode("0000000000000000")).isEmpty();
		assertThat(BlockedSignals.decode("8000000000000000")).containsExactly(64);
	}

	@Test
	void readsTheSigBlkLineOfAStatusFile() throws Exception {
		Path status = Files.createTempFile("status", "");
		try {
			Files.writeString(status, "Name:\tjava\nSigQ:\t0/95236\nSigPnd:\t0000000000000000\nSigBlk:\t0000000000004001\n");
			assertThat(BlockedSignals.of(status)).containsExactly(1, 15);
			Files.writeString(status, "Name:\tjava\n");
			assertThatIOException().isThrownBy(() -> BlockedSignals.of(status)).withMessageContaining("no SigBlk");
		}
		finally {
			Files.delete(status);
		}
	}

}
