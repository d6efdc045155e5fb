package org.slimta.system.uuid;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedUuidGeneratorTests {

	private static final long MILLIS = 1_700_000_000_000L;

	private final AtomicLong clock = new AtomicLong(MILLIS);

	private final TimeOrderedUuidGenerator frozen = new TimeOrderedUuidGenerator(this.clock::get,
			new SplittableRandom(42));

	@Test
	void setsVersionAndVariantBitsOnEveryId() {
		TimeOrderedUuidGenerator generator = new TimeOrderedUuidGenerator();
		for (int i = 0; i < 100_000; i++) {
			UUID uuid = generator.generate();
			assertThat(uuid.version()).isEqualTo(7);
			assertThat(uuid.variant()).isEqualTo(2);
		}
	}

	@Test
	void generatesStrictlyIncreasingIdsWithTheSystemClock() {
		TimeOrderedUuidGenerator generator = new TimeOrderedUuidGenerator();
		UUID previous = generator.generate();
		for (int i = 0; i < 100_000; i++) {
			UUID next = generator.generate();
			assertIncreasing(previous, next);
			previous = next;
		}
	}

	@Test
	void generatesStrictlyIncreasingIdsWithinOneMillisecond() {
		UUID previous = this.frozen.generate();
		for (int i = 0; i < 100_000; i++) {
			UUID next = this.frozen.generate();
			assertIncreasing(previous, next);
			assertThat(timestamp(next)).isEqualTo(MILLIS);
			assertThat(next.version()).isEqualTo(7);
			assertThat(next.variant()).isEqualTo(2);
			previous = next;
		}
	}

	@Test
	void writesTheClockMillisecondWhenTheClockAdvances() {
		assertThat(timestamp(this.frozen.generate())).isEqualTo(MILLIS);
		this.clock.set(MILLIS + 1);
		assertThat(timestamp(this.frozen.generate())).isEqualTo(MILLIS + 1);
		this.clock.set(MILLIS + 5_000);
		assertThat(timestamp(this.frozen.generate())).isEqualTo(MILLIS + 5_000);
	}

	@Test
	void leavesTopCounterBitClearAtEachNewMillisecond() {
		for (int i = 0; i < 10_000; i++) {
			this.clock.set(MILLIS + i);
			UUID uuid = this.frozen.generate();
			assertThat(uuid.getMostSignificantBits() & 0x800L).isZero();
		}
	}

	@Test
	void keepsIncreasingWhenTheClockGoesBackwards() {
		UUID beforeStep = this.frozen.generate();
		this.clock.set(MILLIS - 60_000);
		UUID afterStep = this.frozen.generate();
		UUID later = this.frozen.generate();
		assertIncreasing(beforeStep, afterStep);
		assertIncreasing(afterStep, later);
		assertThat(timestamp(afterStep)).isEqualTo(MILLIS);
		assertThat(timestamp(later)).isEqualTo(MILLIS);
	}

	@Test
	void advancesTheTimestampWhenTheCounterOverflows() {
		long maxRandA = 0xFFF;
		long maxRandB = 0x3FFF_FFFF_FFFF_FFFFL;
		this.frozen.resumeAfter(MILLIS, (int) maxRandA, maxRandB);
		UUID last = new UUID((MILLIS << 16) | 0x7000L | maxRandA, 0x8000_0000_0000_0000L | maxRandB);
		UUID next = this.frozen.generate();
		assertIncreasing(last, next);
		assertThat(timestamp(next)).isEqualTo(MILLIS + 1);
		assertThat(next.getMostSignificantBits() & 0x800L).isZero();
		assertThat(next.version()).isEqualTo(7);
		assertThat(next.variant()).isEqualTo(2);
	}

	@Test
	void carriesFromTheLowRandomBitsIntoTheHighOnes() {
		this.frozen.resumeAfter(MILLIS, 0x123, 0x3FFF_FFFF_FFFF_FFFFL);
		UUID next = this.frozen.generate();
		assertThat(timestamp(next)).isEqualTo(MILLIS);
		assertThat(next.getMostSignificantBits() & 0xFFFL).isEqualTo(0x124);
	}

	@Test
	void generatesDistinctIncreasingIdsWhenSharedAcrossThreads() throws Exception {
		List<List<UUID>> perThread = ConcurrentGeneration.generate(new TimeOrderedUuidGenerator());
		assertThat(ConcurrentGeneration.all(perThread)).doesNotHaveDuplicates();
		// the instance's total order implies each thread sees its own ids increase
		for (List<UUID> mine : perThread) {
			for (int i = 1; i < mine.size(); i++) {
				assertIncreasing(mine.get(i - 1), mine.get(i));
			}
		}
	}

	private static long timestamp(UUID uuid) {
		return uuid.getMostSignificantBits() >>> 16;
	}

	private static void assertIncreasing(UUID previous, UUID next) {
		int byMsb = Long.compareUnsigned(next.getMostSignificantBits(), previous.getMostSignificantBits());
		int order = (byMsb != 0) ? byMsb
				: Long.compareUnsigned(next.getLeastSignificantBits(), previous.getLeastSignificantBits());
		assertThat(order).as("%s must sort after %s", next, previous).isPositive();
	}

}
