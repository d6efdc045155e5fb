package org.slimta.system.uuid;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BufferedRandomTests {

	private final CountingSource source = new CountingSource();

	@Test
	void handsOutTheSourceBytesInOrderBigEndian() {
		BufferedRandom random = new BufferedRandom(this.source, 16);
		assertThat(random.nextLong()).isEqualTo(0x0001_0203_0405_0607L);
		assertThat(random.nextInt()).isEqualTo(0x0809_0A0B);
		assertThat(random.nextInt()).isEqualTo(0x0C0D_0E0F);
	}

	@Test
	void drawsFromTheSourceOnceForEachFullBlock() {
		BufferedRandom random = new BufferedRandom(this.source, 256);
		for (int i = 0; i < 64; i++) {
			random.nextLong();
		}
		assertThat(this.source.draws).containsExactly(256, 256);
	}

	@Test
	void neverHandsOutBytesTwice() {
		BufferedRandom random = new BufferedRandom(this.source, 12);
		random.nextLong();
		// 4 bytes left are too few for a long: a fresh block follows, the rest is dropped
		assertThat(random.nextLong()).isEqualTo(0x0C0D_0E0F_1011_1213L);
		assertThat(this.source.draws).containsExactly(12, 12);
	}

	/** Produces 0, 1, 2, … as bytes and records the size of each request. */
	private static final class CountingSource implements RandomGenerator {

		private final List<Integer> draws = new ArrayList<>();

		private int nextByte;

		@Override
		public void nextBytes(byte[] bytes) {
			this.draws.add(bytes.length);
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = (byte) this.nextByte++;
			}
		}

		@Override
		public long nextLong() {
			throw new UnsupportedOperationException("only nextBytes is expected");
		}

	}

}
